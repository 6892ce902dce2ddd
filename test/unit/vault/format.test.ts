import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decryptVaultWith, encryptVault, isVaultText, parseEnvelope, VaultError } from '../../../src/vault/format.js';
import { VaultKeyring } from '../../../src/vault/keyring.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const PASSWORD = 'ansible-fixture-pass';
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');

test('decrypts a 1.1 file made by ansible-vault', () => {
  const plain = decryptVaultWith(parseEnvelope(fixture('secrets.vault.yml')), PASSWORD).toString('utf8');
  assert.equal(plain, 'db_password: "s3cr3t-from-ansible"\napi_token: tok-42-ansible\n');
});

test('decrypts a 1.2 file with a vault id made by ansible-vault', () => {
  const envelope = parseEnvelope(fixture('secrets-1.2.vault.yml'));
  assert.equal(envelope.version, '1.2');
  assert.equal(envelope.vaultId, 'prod');
  assert.match(decryptVaultWith(envelope, PASSWORD).toString('utf8'), /s3cr3t-from-ansible/);
});

test('decrypts a multi-line file exactly (newlines kept)', () => {
  assert.equal(decryptVaultWith(parseEnvelope(fixture('multiline.vault')), PASSWORD).toString('utf8'), 'multi\nline secret\n');
});

test('a wrong password is an HMAC mismatch, not garbage', () => {
  assert.throws(() => decryptVaultWith(parseEnvelope(fixture('secrets.vault.yml')), 'wrong'), /HMAC mismatch/);
});

test('a tampered ciphertext is refused', () => {
  const text = fixture('secrets.vault.yml');
  const lines = text.split('\n');
  const last = lines[lines.length - 2]!;
  lines[lines.length - 2] = last.slice(0, -2) + (last.endsWith('30') ? '31' : '30');
  assert.throws(() => decryptVaultWith(parseEnvelope(lines.join('\n')), PASSWORD), VaultError);
});

test('our output has the ansible-vault layout: header, 80-column hex lines, final newline', () => {
  const text = encryptVault('hello', 'pw');
  const lines = text.split('\n');
  assert.equal(lines[0], '$ANSIBLE_VAULT;1.1;AES256');
  assert.equal(lines.at(-1), '');
  for (const line of lines.slice(1, -2)) assert.equal(line.length, 80);
  assert.match(lines.slice(1).join(''), /^[0-9a-f]+$/);
  assert.equal(encryptVault('x', 'pw', { vaultId: 'prod' }).split('\n')[0], '$ANSIBLE_VAULT;1.2;AES256;prod');
  assert.equal(encryptVault('x', 'pw', { vaultId: 'default' }).split('\n')[0], '$ANSIBLE_VAULT;1.1;AES256');
});

test('round trip with random salts: same plaintext, different vault texts', () => {
  const a = encryptVault('same text', 'pw');
  const b = encryptVault('same text', 'pw');
  assert.notEqual(a, b);
  assert.equal(decryptVaultWith(parseEnvelope(a), 'pw').toString(), 'same text');
  // A block-sized plaintext still gets a full padding block.
  const sixteen = 'x'.repeat(16);
  assert.equal(decryptVaultWith(parseEnvelope(encryptVault(sixteen, 'pw')), 'pw').toString(), sixteen);
  assert.equal(decryptVaultWith(parseEnvelope(encryptVault('', 'pw')), 'pw').toString(), '');
});

test('a fixed salt gives a deterministic vault text (known answer from ansible-vault fixture salt)', () => {
  const envelope = parseEnvelope(fixture('secrets.vault.yml'));
  const salt = Buffer.from(Buffer.from(envelope.body, 'hex').toString('ascii').split('\n')[0]!, 'hex');
  const ours = encryptVault('db_password: "s3cr3t-from-ansible"\napi_token: tok-42-ansible\n', PASSWORD, { salt });
  assert.equal(ours, fixture('secrets.vault.yml').trimEnd() + '\n');
});

test('malformed envelopes are clear errors', () => {
  assert.throws(() => parseEnvelope('hello'), /does not start with \$ANSIBLE_VAULT/);
  assert.throws(() => parseEnvelope('$ANSIBLE_VAULT;1.0;AES\nabcd'), /unsupported vault format version '1.0'/);
  assert.throws(() => parseEnvelope('$ANSIBLE_VAULT;1.1;AES256\nnot-hex'), /malformed vault body/);
  assert.equal(isVaultText('  $ANSIBLE_VAULT;1.1;AES256\n00'), true);
  assert.equal(isVaultText('a: 1'), false);
});

test('keyring: tries the matching vault id first, remembers revealed values, names the source on failure', () => {
  const keyring = new VaultKeyring([{ id: 'dev', password: 'nope' }, { id: 'prod', password: PASSWORD }]);
  assert.match(keyring.decrypt(fixture('secrets-1.2.vault.yml'), 'x.yml'), /tok-42-ansible/);
  assert.ok(keyring.revealed.has('api_token: tok-42-ansible'));
  assert.throws(() => new VaultKeyring([{ id: 'default', password: 'bad' }]).decrypt(fixture('secrets.vault.yml'), 'group_vars/all.yml'), /decryption of group_vars\/all.yml failed: none of the vault passwords given fits/);
  assert.throws(() => new VaultKeyring([]).decrypt(fixture('secrets.vault.yml'), 'f.yml'), /--vault-password-file/);
});

test('ansible-vault opens what we encrypt (skipped when ansible-vault is not installed)', (t) => {
  if (!existsSync('/usr/bin/ansible-vault')) return t.skip('ansible-vault not installed');
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-vault-'));
  writeFileSync(join(dir, 'f.vault'), encryptVault('made by tsplay\n', PASSWORD, { vaultId: 'prod' }));
  const out = execFileSync('ansible-vault', ['view', '--vault-password-file', join(FIXTURES, 'password.txt'), join(dir, 'f.vault')], { encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
  assert.equal(out, 'made by tsplay\n');
});
