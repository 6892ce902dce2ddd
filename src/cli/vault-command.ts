// `tsplay vault encrypt|decrypt|view|edit|encrypt-string`: ansible-vault's subcommands over the same
// file format (src/vault/format.ts). Passwords come from --vault-password-file, --vault-id or
// --ask-vault-pass (or $ANSIBLE_VAULT_PASSWORD_FILE). `edit` keeps the plaintext in a private
// tmpfs directory (/dev/shm when there is one) only while the editor runs, then overwrites it.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { TsplayError } from '../errors.js';
import { encryptVault, isVaultText, parseEnvelope, VaultError } from '../vault/format.js';
import type { VaultKeyring } from '../vault/keyring.js';
import { vaultKeyringFrom, type VaultPasswordOptions } from '../vault/passwords.js';
import { OptionsError, UsageError } from './args.js';
import { EXIT } from './exit-code.js';
import type { CliIO } from './io.js';
import { PromptCancelled, promptHidden } from './prompt.js';

export const VAULT_ACTIONS = ['encrypt', 'decrypt', 'view', 'edit', 'encrypt-string'] as const;
export type VaultAction = (typeof VAULT_ACTIONS)[number];

export const VAULT_HELP = `usage: tsplay vault ACTION [options] [FILE... | STRING]

actions:
  encrypt FILE...              encrypt files in place (or to --output)
  decrypt FILE...              decrypt files in place (or to --output, '-' for stdout)
  view FILE...                 print decrypted files
  edit FILE                    decrypt into a private temporary file, run $EDITOR, re-encrypt
  encrypt-string [STRING]      print a '!vault |' value for a YAML file (reads stdin without STRING)

options:
      --vault-password-file F  read the password from F (run F when it is executable; repeatable)
      --vault-id [LABEL@]SRC   a password with a vault id; SRC is a file or 'prompt' (repeatable)
      --ask-vault-pass         ask for the password on the terminal
      --encrypt-vault-id LABEL encrypt with the password of this vault id (writes format 1.2)
      --output FILE            write the result to FILE ('-' for stdout) instead of in place
  -n, --name NAME              encrypt-string: print 'NAME: !vault |'
`;

export interface VaultArgs extends VaultPasswordOptions {
  readonly action: VaultAction;
  readonly positionals: readonly string[];
  readonly output?: string;
  readonly name?: string;
  readonly encryptVaultId?: string;
}

const VALUE_FLAGS: Record<string, keyof VaultArgs | 'passwordFiles' | 'vaultIds'> = {
  '--vault-password-file': 'passwordFiles',
  '--vault-pass-file': 'passwordFiles',
  '--vault-id': 'vaultIds',
  '--output': 'output',
  '--name': 'name',
  '-n': 'name',
  '--encrypt-vault-id': 'encryptVaultId',
};

export function parseVaultArgs(argv: readonly string[]): VaultArgs | 'help' {
  const [actionWord, ...rest] = argv;
  if (actionWord === undefined || actionWord === '-h' || actionWord === '--help') return 'help';
  const action = (actionWord === 'encrypt_string' ? 'encrypt-string' : actionWord) as VaultAction;
  if (!VAULT_ACTIONS.includes(action)) throw new UsageError(`unknown vault action '${actionWord}' (choose from ${VAULT_ACTIONS.join(', ')})`);
  const passwordFiles: string[] = [];
  const vaultIds: string[] = [];
  const single: Record<string, string> = {};
  const positionals: string[] = [];
  let askVaultPass = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '--ask-vault-pass' || arg === '-J') {
      askVaultPass = true;
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const field = VALUE_FLAGS[flag];
    if (field !== undefined) {
      const value = eq >= 0 ? arg.slice(eq + 1) : rest[++i];
      if (value === undefined) throw new UsageError(`argument ${flag}: expected one argument`);
      if (field === 'passwordFiles') passwordFiles.push(value);
      else if (field === 'vaultIds') vaultIds.push(value);
      else single[field] = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unrecognized arguments: ${arg}`);
    positionals.push(arg);
  }
  if (action !== 'encrypt-string' && positionals.length === 0) throw new UsageError(`vault ${action} needs at least one FILE`);
  if (action === 'edit' && positionals.length !== 1) throw new UsageError('vault edit takes exactly one FILE');
  if (action === 'encrypt-string' && positionals.length > 1) throw new UsageError('vault encrypt-string takes one STRING (quote it), or reads stdin');
  if (single.output !== undefined && positionals.length > 1) throw new OptionsError('--output works with one FILE only');
  return { action, positionals, passwordFiles, vaultIds, askVaultPass, output: single.output, name: single.name, encryptVaultId: single.encryptVaultId };
}

function readStdin(input: CliIO['stdin']): Promise<string> {
  return new Promise((done, fail) => {
    let text = '';
    input.setEncoding?.('utf8');
    input.on('data', (chunk: string | Buffer) => (text += String(chunk)));
    input.once('end', () => done(text));
    input.once('error', fail);
    input.resume();
  });
}

/** Replace a file's content atomically, keeping its mode (a new file is 0600: it may hold secrets). */
function writeFileAtomic(path: string, content: string): void {
  const mode = existsSync(path) ? statSync(path).mode & 0o7777 : 0o600;
  const temp = join(dirname(path), `.${basename(path)}.tsplay-tmp.${process.pid}`);
  try {
    writeFileSync(temp, content, { mode });
    chmodSync(temp, mode);
    renameSync(temp, path);
  } finally {
    rmSync(temp, { force: true });
  }
}

function readFileOrFail(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new TsplayError(`${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot be read'}`, { kind: 'usage' });
  }
}

/** The vault id of an existing file (1.2 header), so edit re-encrypts it with the same id. */
function existingVaultId(text: string): string | undefined {
  return parseEnvelope(text).vaultId;
}

function runEditor(file: string, io: CliIO): void {
  const editor = io.env.EDITOR || io.env.VISUAL || 'vi';
  // $EDITOR may carry arguments ("code --wait"): the shell splits it; the file name goes as $1.
  const result = spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit', env: io.env });
  if (result.status !== 0) throw new TsplayError(`the editor (${editor}) exited with ${result.status ?? result.signal}; the vault file is unchanged`, { kind: 'runtime' });
}

async function editFile(path: string, keyring: VaultKeyring, args: VaultArgs, io: CliIO): Promise<void> {
  const text = readFileOrFail(path);
  if (!isVaultText(text)) throw new TsplayError(`${path} is not vault-encrypted (use 'tsplay vault encrypt' first)`, { kind: 'usage' });
  const id = args.encryptVaultId ?? existingVaultId(text);
  const plain = keyring.decrypt(text, path);
  const privateDir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tsplay-vault-'));
  const temp = join(privateDir, basename(path));
  try {
    writeFileSync(temp, plain, { mode: 0o600 });
    runEditor(temp, io);
    const edited = readFileSync(temp, 'utf8');
    if (edited === plain) return;
    writeFileAtomic(path, encryptVault(edited, keyring.encryptionSecret(id).password, { vaultId: id }));
  } finally {
    // Overwrite before removing, so the plaintext does not linger in the filesystem's free blocks.
    if (existsSync(temp)) writeFileSync(temp, Buffer.alloc(Math.max(plain.length, statSync(temp).size)));
    rmSync(privateDir, { recursive: true, force: true });
  }
}

/** `NAME: !vault |` with the vault text indented by 10 spaces, as ansible-vault prints it. */
export function formatVaultString(vaultText: string, name?: string): string {
  const body = vaultText.trimEnd().split('\n').map((line) => `          ${line}`).join('\n');
  return `${name !== undefined ? `${name}: ` : ''}!vault |\n${body}\n`;
}

function askWith(io: CliIO, confirm: boolean) {
  return async (question: string): Promise<string> => {
    try {
      const first = await promptHidden(confirm ? `New ${question}` : question, io.stdin, io.stderr);
      if (confirm && (await promptHidden(`Confirm New ${question}`, io.stdin, io.stderr)) !== first) throw new OptionsError('the vault passwords do not match');
      return first;
    } catch (error) {
      if (error instanceof OptionsError && error.message.startsWith('-K')) {
        throw new OptionsError('--ask-vault-pass needs a terminal to ask on; use --vault-password-file FILE instead');
      }
      throw error;
    }
  };
}

export async function vaultCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseVaultArgs(argv);
  if (args === 'help') {
    io.stdout.write(VAULT_HELP);
    return EXIT.OK;
  }
  const encrypting = args.action === 'encrypt' || args.action === 'encrypt-string';
  let keyring: VaultKeyring;
  try {
    keyring = await vaultKeyringFrom(args, askWith(io, encrypting), io.env, io.cwd);
  } catch (error) {
    if (error instanceof PromptCancelled) return EXIT.INTERRUPTED;
    throw error;
  }
  if (keyring.size === 0) throw new OptionsError('no vault password given: use --vault-password-file FILE, --vault-id LABEL@FILE or --ask-vault-pass');
  try {
    return await runAction(args, keyring, io);
  } catch (error) {
    if (error instanceof VaultError) throw new TsplayError(error.message, { kind: 'runtime' });
    throw error;
  }
}

async function runAction(args: VaultArgs, keyring: VaultKeyring, io: CliIO): Promise<number> {
  const secret = () => keyring.encryptionSecret(args.encryptVaultId);
  const emit = (path: string | undefined, fallback: string, text: string) => {
    const target = path ?? fallback;
    if (target === '-') io.stdout.write(text);
    else writeFileAtomic(resolve(io.cwd, target), text);
  };
  switch (args.action) {
    case 'encrypt-string': {
      const value = args.positionals[0] ?? (await readStdin(io.stdin));
      const { id, password } = secret();
      io.stdout.write(formatVaultString(encryptVault(value, password, { vaultId: id }), args.name));
      return EXIT.OK;
    }
    case 'edit':
      await editFile(resolve(io.cwd, args.positionals[0]!), keyring, args, io);
      return EXIT.OK;
  }
  for (const file of args.positionals) {
    const path = resolve(io.cwd, file);
    const text = readFileOrFail(path);
    if (args.action === 'encrypt') {
      if (isVaultText(text)) throw new TsplayError(`${file} is already vault-encrypted`, { kind: 'usage' });
      const { id, password } = secret();
      emit(args.output, path, encryptVault(text, password, { vaultId: id }));
      if (args.output !== '-') io.stderr.write(`Encryption successful\n`);
      continue;
    }
    if (!isVaultText(text)) throw new TsplayError(`${file} is not vault-encrypted`, { kind: 'usage' });
    const plain = keyring.decrypt(text, file);
    if (args.action === 'view') io.stdout.write(plain);
    else {
      emit(args.output, path, plain);
      if (args.output !== '-') io.stderr.write(`Decryption successful\n`);
    }
  }
  return EXIT.OK;
}
