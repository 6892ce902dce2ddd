// Vault through a whole `tsplay run` (real loader and engine, controller-only tasks): files read at
// run time (include_vars) decrypt with the run's vault passwords, and what they reveal is masked in
// every output like the values decrypted at load time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { main } from '../../../src/cli/main.js';
import { writeTree } from '../support/file-tree.js';
import { fakeIO } from './fakes.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../vault/fixtures');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const PASSWORD_FILE = join(FIXTURES, 'password.txt');

const PLAYBOOK = `- hosts: localhost
  gather_facts: false
  tasks:
    - include_vars: secrets.vault.yml
    - include_vars: { file: inline.yml, name: inline }
    - name: show
      debug: { msg: "password={{ db_password }} token={{ api_token }} inline={{ inline.inline_secret }} plain={{ inline.plain_marker }}" }
    - name: length
      debug: { msg: "{{ db_password | length }}" }
`;

function site(): string {
  return writeTree({
    'site.yml': PLAYBOOK,
    'vars/secrets.vault.yml': fixture('secrets.vault.yml'),
    'vars/inline.yml': `${fixture('inline.yml')}plain_marker: visible-marker\n`,
  }, 'tsplay-vault-run-');
}

test('include_vars of a vault-encrypted file (and of !vault values) decrypts with --vault-password-file', async () => {
  const dir = site();
  const io = fakeIO(dir);
  const code = await main(['run', 'site.yml', '-i', 'localhost,', '--json', '--vault-password-file', PASSWORD_FILE], io);
  assert.equal(code, 0, io.err.text + io.out.text);
  const doc = JSON.parse(io.out.text) as { plays: { tasks: { task: { name: string }; hosts: Record<string, { msg?: unknown }> }[] }[] };
  const msgOf = (name: string) => doc.plays[0]!.tasks.find((t) => t.task.name === name)?.hosts['localhost']?.msg;
  // The secrets' own length proves they were decrypted (the mask is 8 characters).
  assert.equal(msgOf('length'), String('s3cr3t-from-ansible'.length), 'text, as ansible-playbook 2.14 shows "msg": "19"');
  assert.equal(msgOf('show'), 'password=******** token=******** inline=******** plain=visible-marker');
});

test('values revealed at run time are masked in the plain output at every verbosity', async () => {
  const dir = site();
  const io = fakeIO(dir);
  const code = await main(['run', 'site.yml', '-i', 'localhost,', '-vvvv', '--vault-password-file', PASSWORD_FILE], io);
  assert.equal(code, 0, io.err.text + io.out.text);
  const all = io.out.text + io.err.text;
  assert.match(all, /visible-marker/);
  for (const secret of ['s3cr3t-from-ansible', 'tok-42-ansible', 'inline-s3cret-value']) assert.ok(!all.includes(secret), `${secret} shows in the output`);
});

test('include_vars of a vault file without a vault password fails the host naming the file', async () => {
  const dir = site();
  const io = fakeIO(dir);
  const code = await main(['run', 'site.yml', '-i', 'localhost,', '--json'], io);
  assert.equal(code, 2);
  assert.match(io.out.text, /secrets\.vault\.yml.*vault-encrypted but no vault password was given/);
});
