import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { parse } from 'yaml';
import { decryptVaultWith, parseEnvelope } from '../../../src/vault/format.js';

async function tsplay(args: string[], cwd: string, env: Record<string, string> = {}, stdin = '') {
  let stdout = '';
  let stderr = '';
  const { PassThrough } = await import('node:stream');
  const input = new PassThrough();
  input.end(stdin);
  const rc = await main(args, { cwd, env: { NO_COLOR: '1', ...env }, stdin: input, stdout: { write: (c: string) => (stdout += c) }, stderr: { write: (c: string) => (stderr += c) } });
  return { rc, stdout, stderr };
}

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-vault-cli-'));
  writeFileSync(join(dir, 'pw'), 'correct horse\n');
  return dir;
}

test('encrypt in place keeps the mode, view prints, decrypt restores the exact bytes', async () => {
  const dir = workdir();
  const plain = 'user: admin\npassword: "hunter2-x"\n';
  writeFileSync(join(dir, 'vars.yml'), plain, { mode: 0o640 });
  chmodSync(join(dir, 'vars.yml'), 0o640);
  const enc = await tsplay(['vault', 'encrypt', 'vars.yml', '--vault-password-file', 'pw'], dir);
  assert.equal(enc.rc, 0, enc.stderr);
  const text = readFileSync(join(dir, 'vars.yml'), 'utf8');
  assert.match(text, /^\$ANSIBLE_VAULT;1\.1;AES256\n/);
  assert.ok(!text.includes('hunter2'));
  assert.equal(statSync(join(dir, 'vars.yml')).mode & 0o777, 0o640);
  assert.equal(decryptVaultWith(parseEnvelope(text), 'correct horse').toString(), plain);
  const view = await tsplay(['vault', 'view', 'vars.yml', '--vault-password-file', 'pw'], dir);
  assert.equal(view.stdout, plain);
  assert.equal((await tsplay(['vault', 'encrypt', 'vars.yml', '--vault-password-file', 'pw'], dir)).rc, 1, 'refuses to encrypt twice');
  const dec = await tsplay(['vault', 'decrypt', 'vars.yml', '--vault-password-file', 'pw'], dir);
  assert.equal(dec.rc, 0);
  assert.equal(readFileSync(join(dir, 'vars.yml'), 'utf8'), plain);
});

test('a wrong password fails without changing the file or printing a secret', async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'f'), 'top secret text\n');
  await tsplay(['vault', 'encrypt', 'f', '--vault-password-file', 'pw'], dir);
  const before = readFileSync(join(dir, 'f'), 'utf8');
  writeFileSync(join(dir, 'bad'), 'wrong\n');
  const result = await tsplay(['vault', 'view', 'f', '--vault-password-file', 'bad'], dir);
  assert.equal(result.rc, 1);
  assert.match(result.stderr, /decryption of f failed/);
  assert.ok(!(result.stdout + result.stderr).includes('top secret'));
  assert.equal(readFileSync(join(dir, 'f'), 'utf8'), before);
});

test('encrypt-string prints a !vault value that YAML with our tag decrypts; vault id writes 1.2', async () => {
  const dir = workdir();
  const result = await tsplay(['vault', 'encrypt-string', 'the-value', '--name', 'db_pass', '--vault-id', 'prod@pw'], dir);
  assert.equal(result.rc, 0, result.stderr);
  assert.match(result.stdout, /^db_pass: !vault \|\n {10}\$ANSIBLE_VAULT;1\.2;AES256;prod\n/);
  const doc = parse(result.stdout, { customTags: [{ tag: '!vault', resolve: (s: string) => s }] }) as { db_pass: string };
  assert.equal(decryptVaultWith(parseEnvelope(doc.db_pass), 'correct horse').toString(), 'the-value');
  const fromStdin = await tsplay(['vault', 'encrypt_string', '--vault-password-file', 'pw'], dir, {}, 'piped');
  assert.match(fromStdin.stdout, /^!vault \|/);
});

test('edit runs $EDITOR on a private temporary copy and re-encrypts with the same vault id', async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'f'), 'version=1\n');
  await tsplay(['vault', 'encrypt', 'f', '--vault-id', 'ops@pw'], dir);
  const editor = join(dir, 'editor.sh');
  // The fake editor records where the plaintext lived and its mode, then edits it.
  writeFileSync(editor, `#!/bin/sh\nstat -c '%a %n' "$1" > ${join(dir, 'seen')}\nsed -i s/version=1/version=2/ "$1"\n`, { mode: 0o755 });
  const result = await tsplay(['vault', 'edit', 'f', '--vault-id', 'ops@pw'], dir, { EDITOR: editor });
  assert.equal(result.rc, 0, result.stderr);
  const text = readFileSync(join(dir, 'f'), 'utf8');
  assert.match(text, /^\$ANSIBLE_VAULT;1\.2;AES256;ops\n/);
  assert.equal(decryptVaultWith(parseEnvelope(text), 'correct horse').toString(), 'version=2\n');
  const [mode, tempPath] = readFileSync(join(dir, 'seen'), 'utf8').trim().split(' ');
  assert.equal(mode, '600');
  assert.ok(!tempPath!.startsWith(dir), 'the plaintext was not written next to the vault file');
  assert.throws(() => statSync(tempPath!), 'the temporary plaintext is gone');
});

test('usage errors: no password, unknown action, missing file', async () => {
  const dir = workdir();
  assert.equal((await tsplay(['vault', 'view', 'x'], dir)).rc, 5);
  assert.equal((await tsplay(['vault', 'shred', 'x'], dir)).rc, 2);
  const missing = await tsplay(['vault', 'view', 'nope', '--vault-password-file', 'pw'], dir);
  assert.equal(missing.rc, 1);
  assert.match(missing.stderr, /nope: no such file/);
  assert.match((await tsplay(['vault', '--help'], dir)).stdout, /encrypt-string/);
});

test('an executable password file is run and its output is the password', async () => {
  const dir = workdir();
  writeFileSync(join(dir, 'pw.sh'), '#!/bin/sh\necho "correct horse"\n', { mode: 0o755 });
  writeFileSync(join(dir, 'f'), 'x\n');
  await tsplay(['vault', 'encrypt', 'f', '--vault-password-file', 'pw.sh'], dir);
  const view = await tsplay(['vault', 'view', 'f', '--vault-password-file', 'pw'], dir);
  assert.equal(view.stdout, 'x\n');
});
