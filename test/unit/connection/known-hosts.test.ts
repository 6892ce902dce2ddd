import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { checkHostKey, keyTypeOfBlob, knownHostName, parseKnownHosts, preferredHostKeyAlgorithms, sshFingerprint, verifyHostKey } from '../../../src/connection/known-hosts.js';

const dir = mkdtempSync(join(tmpdir(), 'tsplay-kh-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function newKey(name: string, type = 'ed25519'): { blob: Buffer; type: string; base64: string; file: string } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file], { stdio: 'ignore' });
  const [keyType, base64] = readFileSync(file + '.pub', 'utf8').split(' ');
  return { blob: Buffer.from(base64!, 'base64'), type: keyType!, base64: base64!, file };
}

const a = newKey('a');
const b = newKey('b');
const ecdsa = newKey('c', 'ecdsa');

function hashedName(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

describe('known_hosts', () => {
  it('parses plain, comma lists, markers and comments, skipping junk', () => {
    const entries = parseKnownHosts(`# comment\n\nh1,10.0.0.1 ${a.type} ${a.base64} me@x\n@revoked * ${b.type} ${b.base64}\n@cert-authority *.lab ${b.type} ${b.base64}\nnot a line\n`, 'kh');
    assert.equal(entries.length, 3);
    assert.deepEqual(entries[0]!.patterns, ['h1', '10.0.0.1']);
    assert.equal(entries[0]!.line, 3);
    assert.equal(entries[1]!.marker, 'revoked');
    assert.equal(keyTypeOfBlob(a.blob), 'ssh-ed25519');
  });

  it('matches plain names, [host]:port, wildcards and negation', () => {
    const entries = parseKnownHosts(`10.0.0.1 ${a.type} ${a.base64}\n[10.0.0.2]:2222 ${a.type} ${a.base64}\n*.lab,!bad.lab ${a.type} ${a.base64}\n`, 'kh');
    assert.equal(checkHostKey(entries, [knownHostName('10.0.0.1', 22)], a.blob).status, 'match');
    assert.equal(checkHostKey(entries, [knownHostName('10.0.0.2', 2222)], a.blob).status, 'match');
    assert.equal(checkHostKey(entries, [knownHostName('10.0.0.2', 22)], a.blob).status, 'unknown');
    assert.equal(checkHostKey(entries, ['good.lab'], a.blob).status, 'match');
    assert.equal(checkHostKey(entries, ['bad.lab'], a.blob).status, 'unknown');
  });

  it('matches hashed |1| entries, including [host]:port', () => {
    const entries = parseKnownHosts(`${hashedName('h1')} ${a.type} ${a.base64}\n${hashedName('[h2]:2200')} ${a.type} ${a.base64}\n`, 'kh');
    assert.equal(checkHostKey(entries, ['h1'], a.blob).status, 'match');
    assert.equal(checkHostKey(entries, ['[h2]:2200'], a.blob).status, 'match');
    assert.equal(checkHostKey(entries, ['h2'], a.blob).status, 'unknown');
    const changed = checkHostKey(entries, ['h1'], b.blob);
    assert.equal(changed.status, 'changed');
  });

  it('refuses a changed key naming file and line, and a revoked key', async () => {
    const file = join(dir, 'kh-changed');
    const text = `# first\nh1 ${a.type} ${a.base64}\n`;
    const policy = { address: 'h1', port: 22, mode: 'accept-new' as const, files: [file], entries: parseKnownHosts(text, file) };
    const reason = await verifyHostKey(policy, b.blob);
    assert.match(reason ?? '', /^host key mismatch for h1/);
    assert.ok(reason?.includes(`${file}:2`));
    const revoked = parseKnownHosts(`@revoked * ${a.type} ${a.base64}\nh1 ${a.type} ${a.base64}\n`, file);
    assert.match((await verifyHostKey({ ...policy, entries: revoked }, a.blob)) ?? '', /revoked/);
  });

  it('gives the OpenSSH fingerprint for an unknown key and how to trust it', async () => {
    for (const key of [a, ecdsa]) {
      const expected = execFileSync('ssh-keygen', ['-lf', key.file + '.pub'], { encoding: 'utf8' }).split(' ')[1];
      assert.equal(sshFingerprint(key.blob), expected);
    }
    const file = join(dir, 'kh-none');
    const reason = await verifyHostKey({ address: '10.0.0.9', port: 2222, mode: 'strict', files: [file], entries: [] }, a.blob);
    assert.ok(reason?.includes(sshFingerprint(a.blob)));
    assert.ok(reason?.includes(`ssh-keyscan -p 2222 10.0.0.9 >> ${file}`));
    assert.ok(reason?.includes('--host-key-checking accept-new'));
  });

  it('accept-new records unknown keys but not a new type for a known host; off accepts anything', async () => {
    const file = join(dir, 'kh-accept');
    const policy = { address: '10.0.0.9', port: 2222, mode: 'accept-new' as const, files: [file], entries: [] };
    assert.equal(await verifyHostKey(policy, a.blob), undefined);
    assert.equal(readFileSync(file, 'utf8'), `[10.0.0.9]:2222 ${a.type} ${a.base64}\n`);
    const known = parseKnownHosts(readFileSync(file, 'utf8'), file);
    assert.match((await verifyHostKey({ ...policy, entries: known }, ecdsa.blob)) ?? '', /known only with ssh-ed25519/);
    assert.equal(await verifyHostKey({ ...policy, mode: 'off', entries: known }, b.blob), undefined);
    writeFileSync(file, '');
  });

  it('offers the known key type first', () => {
    const entries = parseKnownHosts(`h1 ${ecdsa.type} ${ecdsa.base64}\n`, 'kh');
    assert.equal(preferredHostKeyAlgorithms(entries, ['h1'])[0], 'ecdsa-sha2-nistp256');
    assert.equal(preferredHostKeyAlgorithms(entries, ['h2'])[0], 'ssh-ed25519');
  });
});
