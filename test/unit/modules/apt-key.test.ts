// apt_key on this machine (Debian's apt-key and gpg, as on a Debian 12 host), into a throwaway
// keyring: add from inline data and from a file, idempotence, a wrong id failing after the add
// (Ansible's "check that the id is correct"), check mode, removal.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aptKeyModule, listedKeyIds, parseKeyId } from '../../../src/modules/apt_key.js';
import { makeContext } from './support.js';

const haveTools = ['apt-key', 'gpg'].every((tool) => { try { execFileSync('sh', ['-c', `command -v ${tool}`]); return true; } catch { return false; } });
let dir = '';
let armored = '';
let fingerprint = '';

before(() => {
  if (!haveTools) return;
  dir = mkdtempSync(join(tmpdir(), 'apt-key-'));
  const home = join(dir, 'gnupg');
  execFileSync('sh', ['-c', `mkdir -m 700 ${home} && gpg --homedir ${home} --batch --passphrase '' --quick-generate-key 'apt-key test <t@tsplay.invalid>' ed25519 sign never`], { stdio: 'ignore' });
  armored = execFileSync('gpg', ['--homedir', home, '--armor', '--export', 't@tsplay.invalid'], { encoding: 'utf8' });
  fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(execFileSync('gpg', ['--homedir', home, '--with-colons', '--list-keys'], { encoding: 'utf8' }))![1]!;
});

test('key ids are read as Ansible reads them', () => {
  assert.deepEqual(parseKeyId('0x9dc858229fc7dd38854ae2d88d81803c0ebfcd88'), { short: '0EBFCD88', compared: '8D81803C0EBFCD88', full: '9DC858229FC7DD38854AE2D88D81803C0EBFCD88' });
  assert.throws(() => parseKeyId('ABCDEF'), /8, 16, or 16\+/);
  assert.throws(() => parseKeyId('xyz12345'), /Invalid key_id/);
  assert.deepEqual(listedKeyIds('pub   rsa4096/8D81803C0EBFCD88 2017-02-22 [SCEA]\nuid  Docker\nsub   rsa4096/7EA0A9C3F273FCD8 2017-02-22 [S]\npub   rsa1024/0000000011112222 2001-01-01 [expired: 2002-01-01]\n'), ['8D81803C0EBFCD88', '7EA0A9C3F273FCD8']);
});

test('apt_key adds a key to a keyring once, from data or a file; removes it by id', { skip: !haveTools && 'needs apt-key and gpg' }, async () => {
  const keyring = join(dir, 'ring.gpg');
  const ctx = makeContext();
  const checked = await aptKeyModule.run(makeContext({ check: true }), { data: armored, keyring });
  assert.equal(checked.changed, true);
  assert.equal(existsSync(keyring) && readFileSync(keyring).length > 0, false, 'check mode adds nothing');

  const added = await aptKeyModule.run(ctx, { data: armored, keyring });
  assert.equal(added.failed, undefined, String(added.msg));
  assert.equal(added.changed, true);
  assert.equal(added['key_id'], fingerprint.slice(-16), 'the long id gpg lists, as Ansible reads it');
  assert.equal((await aptKeyModule.run(ctx, { data: armored, keyring })).changed, false, 'already present');
  const file = join(dir, 'key.asc');
  writeFileSync(file, armored);
  assert.equal((await aptKeyModule.run(ctx, { file, id: fingerprint.slice(-8), keyring })).changed, false, 'a short id matches too');

  const removed = await aptKeyModule.run(ctx, { id: fingerprint, keyring, state: 'absent' });
  assert.equal(removed.changed, true, String(removed.msg));
  assert.equal((await aptKeyModule.run(ctx, { id: fingerprint, keyring, state: 'absent' })).changed, false);
});

test('apt_key with an id the key does not have adds it, then fails as Ansible does', { skip: !haveTools && 'needs apt-key and gpg' }, async () => {
  const keyring = join(dir, 'wrong.gpg');
  const result = await aptKeyModule.run(makeContext(), { data: armored, id: '9DC858229FC7DD38854AE2D88D81803C0EBFCD88', keyring });
  assert.equal(result.failed, true);
  assert.equal(result.changed, true);
  assert.match(String(result.msg), /failed to add the key \(check that the id is correct/);
  const both = await aptKeyModule.run(makeContext(), { data: armored, url: 'http://127.0.0.1:9/k' });
  assert.match(String(both.msg), /mutually exclusive: data\|url/);
});
