// authorized_key over the local connection (the current user, a file in a temp dir): keys matched by
// blob, options/comments rewritten in place, exclusive, absent, the directory made 0700, 0600 file.
import assert from 'node:assert/strict';
import { readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { authorizedKeyModule, parseKeyLine, updatedAuthorizedKeys } from '../../../src/modules/authorized_key.js';
import { makeContext, runModule, withTempDir } from './support.js';

const ED = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE1b2e3kVl0Kx5Nq admin@laptop';
const RSA = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 ops';
const me = userInfo().username;

test('parseKeyLine: options with quoted spaces, types, comments; junk is not a key', () => {
  assert.deepEqual(parseKeyLine(`command="echo hi there",no-pty ${ED}`), { options: 'command="echo hi there",no-pty', type: 'ssh-ed25519', blob: 'AAAAC3NzaC1lZDI1NTE5AAAAIE1b2e3kVl0Kx5Nq', comment: 'admin@laptop' });
  assert.equal(parseKeyLine('# a comment'), undefined);
  assert.equal(parseKeyLine('not a key at all'), undefined);
  assert.equal(parseKeyLine('ssh-ed25519 not*base64'), undefined);
});

test('updatedAuthorizedKeys: add once, rewrite a changed comment in place, exclusive, absent', () => {
  const start = `# managed\n${RSA}\n`;
  const key = parseKeyLine(ED)!;
  const added = updatedAuthorizedKeys(start, [key], 'present', false);
  assert.equal(added, `# managed\n${RSA}\n${ED}\n`);
  assert.equal(updatedAuthorizedKeys(added, [key], 'present', false), added);
  assert.equal(updatedAuthorizedKeys(added, [{ ...key, comment: 'renamed' }], 'present', false), `# managed\n${RSA}\nssh-ed25519 ${key.blob} renamed\n`);
  assert.equal(updatedAuthorizedKeys(added, [key], 'present', true), `${ED}\n`);
  assert.equal(updatedAuthorizedKeys(added, [key], 'absent', false), `# managed\n${RSA}\n`);
});

test('authorized_key on a real file: 0700 dir and 0600 file created, second run ok, options applied, absent', async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, 'ssh', 'authorized_keys');
    const first = await runModule(authorizedKeyModule, makeContext(), { user: me, key: `${ED}\n${RSA}\n`, path });
    assert.equal(first.changed, true);
    assert.equal(await readFile(path, 'utf8'), `${ED}\n${RSA}\n`);
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.equal((await stat(join(dir, 'ssh'))).mode & 0o777, 0o700);
    assert.equal((await runModule(authorizedKeyModule, makeContext(), { user: me, key: ED, path })).changed, false);
    const check = await runModule(authorizedKeyModule, makeContext({ check: true }), { user: me, key: ED, path, key_options: 'no-pty' });
    assert.equal(check.changed, true);
    assert.equal(await readFile(path, 'utf8'), `${ED}\n${RSA}\n`, 'check mode wrote nothing');
    await runModule(authorizedKeyModule, makeContext(), { user: me, key: ED, path, key_options: 'no-pty' });
    assert.equal(await readFile(path, 'utf8'), `no-pty ${ED}\n${RSA}\n`);
    assert.equal((await runModule(authorizedKeyModule, makeContext(), { user: me, key: RSA, path, state: 'absent' })).changed, true);
    assert.equal(await readFile(path, 'utf8'), `no-pty ${ED}\n`);
  });
});

test('authorized_key refuses a key text without keys, an unknown user, and a file where the directory should be', async () => {
  await withTempDir(async (dir) => {
    assert.match(String((await runModule(authorizedKeyModule, makeContext(), { user: me, key: 'hello', path: join(dir, 'k') })).msg), /no SSH public key/);
    assert.match(String((await runModule(authorizedKeyModule, makeContext(), { user: 'tsplay-no-such-user', key: ED, path: join(dir, 'k') })).msg), /does not exist/);
    await writeFile(join(dir, 'notdir'), 'x');
    await mkdir(join(dir, 'ok'));
    assert.match(String((await runModule(authorizedKeyModule, makeContext(), { user: me, key: ED, path: join(dir, 'notdir', 'authorized_keys') })).msg), /not a directory/);
  });
});
