// Shell command lines shared by every Connection kind, so ssh and local behave identically.
import { shellQuote } from '../util/shell-quote.js';
import type { BecomeOptions, ExecOptions, PutOptions } from './types.js';

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
 * Atomic write: stdin goes to a temporary file in the destination's own directory (same filesystem,
 * so rename is atomic), mode and owner are set on the temporary file, then it is renamed over the
 * destination. On any failure the temporary file is removed and the destination is untouched.
 */
export function atomicWriteCommand(path: string, options: PutOptions = {}): string {
  const q = shellQuote(path);
  const steps = [
    `d=$(dirname -- ${q})`,
    `t=$(mktemp "$d/.tsplay-tmp.XXXXXXXX") || exit 1`,
    `trap 'rm -f -- "$t"' EXIT HUP INT TERM`,
    `cat > "$t" || exit 1`,
  ];
  // Keep the current mode/owner of an existing file unless new ones are asked for (as Ansible does).
  steps.push(`if [ -e ${q} ]; then chmod --reference=${q} "$t" 2>/dev/null; chown --reference=${q} "$t" 2>/dev/null; else chmod 0644 "$t"; fi`);
  if (options.mode !== undefined) steps.push(`chmod ${(options.mode & 0o7777).toString(8).padStart(4, '0')} "$t" || exit 1`);
  if (options.owner !== undefined || options.group !== undefined) {
    const spec = `${options.owner ?? ''}${options.group !== undefined ? ':' + options.group : ''}`;
    steps.push(`chown ${shellQuote(spec)} "$t" || exit 1`);
  }
  steps.push(`sync -- "$t" 2>/dev/null; mv -f -- "$t" ${q} || exit 1`, `trap - EXIT HUP INT TERM`);
  return steps.join('\n');
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
