// Shell command lines shared by every Connection kind, so ssh and local behave identically.
import { shellQuote } from '../util/shell-quote.js';
import type { BecomeOptions, ExecOptions } from './types.js';

/** Wrap a command with `cd` (fail closed: nothing runs when cd fails) and exported env vars. */
export function wrapCommand(command: string, options: Pick<ExecOptions, 'cwd' | 'env'> = {}): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`invalid environment variable name: ${name}`);
    parts.push(`export ${name}=${shellQuote(value)};`);
  }
  if (options.cwd !== undefined) parts.push(`cd ${shellQuote(options.cwd)} || exit 1;`);
  parts.push(command);
  return parts.join(' ');
}

/**
 * The marker sudo prints as its prompt; a random one per run so that no command output can fake it.
 * Watching stderr for it tells us when to send the password (never on a command line).
 */
export function becomeCommand(command: string, become: BecomeOptions, promptMarker: string, successMarker: string): string {
  const inner = `echo ${shellQuote(successMarker)}; ${command}`;
  const passwordFlags = become.password === undefined ? '-n' : `-S -p ${shellQuote(promptMarker)}`;
  return `sudo ${passwordFlags} -H -u ${shellQuote(become.user)} -- /bin/sh -c ${shellQuote(inner)}`;
}

/**
 * Base64 on the wire so that binary files survive text channels; decode with decodeReadFile.
 * The file is opened before the pipeline: a pipeline's status is tr's, so a missing file would
 * otherwise read as empty with rc 0 (POSIX sh has no pipefail).
 */
export function readFileCommand(path: string): string {
  const q = shellQuote(path);
  return `exec 3< ${q} || exit 1; if [ -d ${q} ]; then echo ${shellQuote(`${path}: is a directory`)} >&2; exit 1; fi; base64 <&3 | tr -d '\\n'`;
}

export function decodeReadFile(stdout: string): Buffer {
  return Buffer.from(stdout.trim(), 'base64');
}
