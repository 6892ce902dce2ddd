// The target side of a file transfer, one shell script per file, the same for every route (SFTP,
// SFTP staged under become, content on stdin) and every connection kind.
//
// The script is also the transfer's guard. It creates the 0600 temporary file in the destination's
// directory (same filesystem, so the final rename is atomic), prints its name, and then waits for
// the end of its stdin: the content itself, or on the SFTP routes nothing, the controller closing
// stdin when the upload is over. Whatever ended stdin (the upload finished, failed, the connection
// dropped, the controller was killed: sshd then closes the session's pipes), the file is put in
// place only when its sha1 is the source's, so a transfer cut short is removed by the script's trap
// and never renamed over the destination.
import { shellQuote } from '../util/shell-quote.js';
import type { PutOptions } from './types.js';

/**
 * How the content reaches the temporary file: 'stdin' streams it through the script's stdin, 'sftp'
 * writes it over SFTP (the script runs as the login user, who owns the file), 'staged' has SFTP
 * write a stage file in the login user's home that the script, run under become, copies in.
 */
export type ReceiveRoute = 'stdin' | 'sftp' | 'staged';

/** The line the script prints once the temporary file exists: `temp=` + its base name. */
export const TEMP_LINE = /^temp=(\.tsplay-tmp\.[A-Za-z0-9]+)$/m;

export function receiveCommand(dest: string, sha1: string, options: PutOptions, route: ReceiveRoute, stagePath?: string): string {
  if (!/^[0-9a-f]{40}$/.test(sha1)) throw new Error(`not a sha1: ${sha1}`);
  if (route === 'staged' && stagePath === undefined) throw new Error('a staged transfer needs its stage path');
  const q = shellQuote(dest);
  const stage = route === 'staged' ? ` ${shellQuote(stagePath!)}` : '';
  const receive = {
    stdin: `cat > "$t" || exit 1`,
    sftp: `cat > /dev/null`,
    staged: `cat > /dev/null; cat -- ${stage.trim()} > "$t" || exit 1`,
  }[route];
  const steps = [
    `d=$(dirname -- ${q}) || exit 1`,
    `t=$(mktemp "$d/.tsplay-tmp.XXXXXXXX") || exit 1`,
    `trap 'rm -f -- "$t"${stage}' EXIT`,
    `trap 'rm -f -- "$t"${stage}; exit 1' HUP INT TERM PIPE`,
    `printf 'temp=%s\\n' "\${t##*/}"`,
    receive,
    `h=$(sha1sum < "$t") || exit 1`,
    `[ "\${h%% *}" = ${sha1} ] || { echo 'the content received does not match its sha1 (the transfer was cut short)' >&2; exit 1; }`,
    // Keep the current mode/owner of an existing file unless new ones are asked for (as Ansible does).
    `if [ -e ${q} ]; then chmod --reference=${q} "$t" 2>/dev/null; chown --reference=${q} "$t" 2>/dev/null; else chmod 0644 "$t"; fi`,
  ];
  if (options.mode !== undefined) steps.push(`chmod ${(options.mode & 0o7777).toString(8).padStart(4, '0')} "$t" || exit 1`);
  if (options.owner !== undefined || options.group !== undefined) {
    steps.push(`chown ${shellQuote(`${options.owner ?? ''}${options.group !== undefined ? ':' + options.group : ''}`)} "$t" || exit 1`);
  }
  steps.push(`sync -- "$t" 2>/dev/null; mv -f -- "$t" ${q} || exit 1`, `trap - EXIT HUP INT TERM PIPE`);
  if (stage) steps.push(`rm -f --${stage}`);
  return steps.join('\n');
}

/** Stream a target file to stdout; fails (rc 1, a message) when it is missing, unreadable or a directory. */
export function sendFileCommand(path: string): string {
  const q = shellQuote(path);
  return `exec 3< ${q} || exit 1; if [ -d ${q} ]; then echo ${shellQuote(`${path}: is a directory`)} >&2; exit 1; fi; exec cat <&3`;
}
