// The run's Sources (load/sources.ts): how a controller file is found by name, and that vars files
// read at run time decrypt with the run's keyring and add what they reveal to the live set.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createSources } from '../../../src/load/index.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { VaultKeyring } from '../../../src/vault/keyring.js';
import { writeTree } from '../support/file-tree.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../vault/fixtures');
const registry = createRegistry(allModules);

test("findFile: the role's KIND/ first, then the playbook's, then the playbook dir; `..` out is refused", async () => {
  const dir = writeTree({ 'roles/r/files/a.txt': 'role', 'files/a.txt': 'pb', 'files/b.txt': 'pb', 'c.txt': 'top' });
  const sources = createSources({ registry, playbookDir: dir });
  const roleDir = join(dir, 'roles/r');
  assert.deepEqual(await sources.findFile('a.txt', 'files', roleDir), { path: join(roleDir, 'files/a.txt') });
  assert.deepEqual(await sources.findFile('a.txt', 'files', undefined), { path: join(dir, 'files/a.txt') });
  assert.deepEqual(await sources.findFile('b.txt', 'files', roleDir), { path: join(dir, 'files/b.txt') });
  assert.deepEqual(await sources.findFile('c.txt', 'files', roleDir), { path: join(dir, 'c.txt') });
  assert.deepEqual(await sources.findFile('nope', 'templates', roleDir), {
    missing: [join(roleDir, 'templates/nope'), join(dir, 'templates/nope'), join(dir, 'nope')],
  });
  assert.deepEqual(await sources.findFile('../../etc/passwd', 'files', undefined), { escapes: join(dir, 'files') });
});

test('readVarsFile decrypts a vault file with the keyring it was built with and reveals its values live', async () => {
  const dir = writeTree({ 'secrets.yml': readFileSync(join(FIXTURES, 'secrets.vault.yml'), 'utf8') });
  const password = readFileSync(join(FIXTURES, 'password.txt'), 'utf8').trim();
  const sources = createSources({ registry, playbookDir: dir, vault: new VaultKeyring([{ id: 'default', password }]) });
  const revealed = sources.revealed;
  assert.equal(revealed.has('s3cr3t-from-ansible'), false);
  assert.deepEqual(await sources.readVarsFile(join(dir, 'secrets.yml')), { db_password: 's3cr3t-from-ansible', api_token: 'tok-42-ansible' });
  assert.ok(revealed.has('s3cr3t-from-ansible') && revealed.has('tok-42-ansible'), 'the set handed out earlier grows');
  await assert.rejects(createSources({ registry, playbookDir: dir }).readVarsFile(join(dir, 'secrets.yml')), /vault-encrypted but no vault password was given/);
});

test('loadTaskFile reads a task file named at run time once, relative to the including file', async () => {
  const dir = writeTree({ 'tasks/extra.yml': '- debug: { msg: hi }\n' });
  const sources = createSources({ registry, playbookDir: dir });
  const from = { file: join(dir, 'site.yml'), loc: { file: join(dir, 'site.yml'), line: 3, col: 7 } };
  const first = await sources.loadTaskFile('tasks/extra.yml', from);
  assert.equal(first.file, join(dir, 'tasks/extra.yml'));
  assert.equal(first.tasks.length, 1);
  assert.equal(await sources.loadTaskFile('tasks/extra.yml', from), first);
});
