// Where vault passwords come from: --vault-password-file FILE (an executable file is run and its
// stdout is the password, as in Ansible), --vault-id [LABEL@]FILE|prompt, --ask-vault-pass, and
// $ANSIBLE_VAULT_PASSWORD_FILE. Passwords stay in memory; none is ever put on a command line.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { TsplayError } from '../errors.js';
import { VaultKeyring, type VaultSecret } from './keyring.js';

export interface VaultPasswordOptions {
  readonly passwordFiles: readonly string[];
  /** `[label@]source`, source a file or 'prompt'. */
  readonly vaultIds: readonly string[];
  readonly askVaultPass: boolean;
}

/** Asks for a password on the terminal (hidden); `confirm` asks twice when encrypting. */
export type AskPassword = (question: string) => Promise<string>;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Read one password file (or run it when it is executable); trailing whitespace is dropped, like Ansible. */
export function readVaultPasswordFile(file: string, cwd = process.cwd()): string {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = isExecutable(path) ? execFileSync(path, [], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }) : readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'does not exist' : code ? `cannot be read (${code})` : 'failed (the script exited non-zero)';
    throw new TsplayError(`vault password file ${file} ${reason}`, { kind: 'usage' });
  }
  const password = text.replace(/\s+$/, '');
  if (password === '') throw new TsplayError(`vault password file ${file} is empty`, { kind: 'usage' });
  return password;
}

function parseVaultId(spec: string): { id: string; source: string } {
  const at = spec.indexOf('@');
  return at < 0 ? { id: 'default', source: spec } : { id: spec.slice(0, at) || 'default', source: spec.slice(at + 1) };
}

/** Build the run's keyring from the flags (and $ANSIBLE_VAULT_PASSWORD_FILE when no flag names a source). */
export async function vaultKeyringFrom(options: VaultPasswordOptions, ask: AskPassword, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Promise<VaultKeyring> {
  const secrets: VaultSecret[] = [];
  for (const spec of options.vaultIds) {
    const { id, source } = parseVaultId(spec);
    const password = source === 'prompt' ? await ask(`Vault password (${id}): `) : readVaultPasswordFile(source, cwd);
    secrets.push({ id, password });
  }
  for (const file of options.passwordFiles) secrets.push({ id: 'default', password: readVaultPasswordFile(file, cwd) });
  if (options.askVaultPass) secrets.push({ id: 'default', password: await ask('Vault password: ') });
  const fromEnv = env.ANSIBLE_VAULT_PASSWORD_FILE;
  if (secrets.length === 0 && fromEnv) secrets.push({ id: 'default', password: readVaultPasswordFile(fromEnv, cwd) });
  for (const secret of secrets) if (secret.password === '') throw new TsplayError('an empty vault password was given', { kind: 'usage' });
  return new VaultKeyring(secrets);
}
