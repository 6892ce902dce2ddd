// rpm_key on this machine (Debian: gpg but no rpm) through the local connection: a stand-in `rpm`
// on PATH records what it is asked, and a real Debian key file is read with the real gpg. A host
// without rpm fails clearly.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rpmKeyModule } from '../../../src/modules/rpm_key.js';
import { FakeConnection, fakeContext } from './fake-connection.js';
import { RecordingConnection } from './recording-connection.js';

const KEY_FILE = '/usr/share/keyrings/debian-archive-bookworm-stable.gpg';
let dir = '';
let bin = '';
let keyid = '';
let fingerprint = '';

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-rpm-key-'));
  bin = join(dir, 'bin');
  mkdirSync(bin);
  // The stand-in rpm: `-q ... gpg-pubkey` lists $dir/installed; --import and --erase are logged.
  writeFileSync(join(bin, 'rpm'), `#!/bin/sh\nprintf "%s\\n" "$*" >> ${dir}/calls\ncase "$1" in -q) [ -f ${dir}/installed ] && sed 's/^/installed=/' ${dir}/installed || exit 1 ;; --import) cmp -s "$2" ${KEY_FILE} || exit 9 ;; esac\n`);
  chmodSync(join(bin, 'rpm'), 0o755);
  const colons = execFileSync('gpg', ['--no-tty', '--batch', '--with-colons', '--show-keys', KEY_FILE], { encoding: 'utf8', env: { ...process.env, GNUPGHOME: dir } });
  fingerprint = colons.split('\n').find((l) => l.startsWith('fpr:'))!.split(':')[9]!;
  keyid = fingerprint.slice(-8).toLowerCase();
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ctxOn = (conn: RecordingConnection, check = false) => ({ ...fakeContext(new FakeConnection(), { check }), conn });
const conn = () => new RecordingConnection({ PATH: `${bin}:/usr/bin:/bin`, GNUPGHOME: dir });
const calls = () => readFileSync(join(dir, 'calls'), 'utf8').split('\n').filter((l) => !l.startsWith('-q'));

describe('rpm_key', () => {
  it('imports a key file once (rpm --import of a private copy), checking the fingerprint; then ok', async () => {
    rmSync(join(dir, 'calls'), { force: true });
    const check = await rpmKeyModule.run(ctxOn(conn(), true), { key: KEY_FILE });
    assert.equal(check.changed, true);
    const r = await rpmKeyModule.run(ctxOn(conn()), { key: KEY_FILE, fingerprint: fingerprint.replace(/(.{4})/g, '$1 ') });
    assert.equal(r.failed, undefined, String(r.msg));
    assert.deepEqual({ changed: r.changed, keyid: r['keyid'] }, { changed: true, keyid });
    assert.equal(calls().filter((l) => l.startsWith('--import')).length, 1, 'check mode imported nothing; the real run once');
    writeFileSync(join(dir, 'installed'), `${keyid}\n`);
    assert.equal((await rpmKeyModule.run(ctxOn(conn()), { key: KEY_FILE })).changed, false);
  });

  it('fails on a wrong fingerprint before importing, and removes by key id', async () => {
    const wrong = await rpmKeyModule.run(ctxOn(conn()), { key: KEY_FILE, fingerprint: 'DEADBEEF' });
    assert.match(String(wrong.msg), /^The specified fingerprint, 'DEADBEEF', does not match the key fingerprint/);
    rmSync(join(dir, 'calls'), { force: true });
    writeFileSync(join(dir, 'installed'), `${keyid}\n`);
    const removed = await rpmKeyModule.run(ctxOn(conn()), { key: `0x${keyid.toUpperCase()}`, state: 'absent' });
    assert.equal(removed.changed, true);
    assert.deepEqual(calls().filter((l) => l !== ''), [`--erase --allmatches gpg-pubkey-${keyid}`]);
  });

  it('fails clearly without rpm, and refuses to import a bare key id', async () => {
    const none = await rpmKeyModule.run(fakeContext(new FakeConnection([{ match: /command -v rpm/, reply: { rc: 30 } }])), { key: KEY_FILE });
    assert.equal(none.msg, 'rpm_key needs rpm on the host, and rpm is not installed');
    assert.match(String((await rpmKeyModule.run(fakeContext(new FakeConnection()), { key: '0xDEADBEEF' })).msg), /^Not a public key/);
  });
});
