// One long-lived `/bin/sh` per host, fed command lines over its stdin. Opening an exec channel per
// command costs sshd a fork, the login shell and an exec of sh, plus five packets each way; on hosts
// that share cores with the controller that is most of a small task's time (bench/PROFILE.md).
// Each command runs in a subshell with stdin from /dev/null, so it can neither change the shell's
// state (cd, exit, variables, traps) nor read the commands queued after it. The shell prints a random
// per-command marker and the exit status on stdout, and the marker on stderr, when the subshell ends.
import { randomBytes } from 'node:crypto';
import type { ClientChannel } from 'ssh2';
import { shellQuote } from '../util/shell-quote.js';
import type { ExecResult } from './types.js';

/** Why the shell can no longer be used; the caller opens a fresh one (or falls back to exec channels). */
export class ShellGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellGoneError';
  }
}

interface Pending {
  readonly marker: Buffer;
  readonly resolve: (result: ExecResult) => void;
  readonly reject: (error: Error) => void;
}

/** The text written to the shell for one command line. */
export function shellFrame(line: string, marker: string): string {
  return `( eval ${shellQuote(line)} ) </dev/null; printf '\\n%s %s\\n' ${marker} "$?"; printf '\\n%s\\n' ${marker} >&2\n`;
}

/** Where a finished command's output ends: `\nMARK RC\n` on stdout. */
export function findStdoutEnd(buffer: Buffer, marker: Buffer): { end: number; rc: number; next: number } | undefined {
  const at = buffer.indexOf(Buffer.concat([Buffer.from('\n'), marker, Buffer.from(' ')]));
  if (at < 0) return undefined;
  const lineEnd = buffer.indexOf(0x0a, at + marker.length + 2);
  if (lineEnd < 0) return undefined;
  const rc = Number(buffer.subarray(at + marker.length + 2, lineEnd).toString('latin1'));
  return { end: at, rc: Number.isInteger(rc) ? rc : 255, next: lineEnd + 1 };
}

/** Where a finished command's stderr ends: `\nMARK\n`. */
export function findStderrEnd(buffer: Buffer, marker: Buffer): { end: number; next: number } | undefined {
  const needle = Buffer.concat([Buffer.from('\n'), marker, Buffer.from('\n')]);
  const at = buffer.indexOf(needle);
  return at < 0 ? undefined : { end: at, next: at + needle.length };
}

/** How to reach the shell's ready line: sudo's prompt and the password to answer it with. */
export interface ShellStart {
  /** Printed by the shell once it runs, before it reads any command. */
  readonly readyMarker: string;
  readonly sudoPrompt?: string;
  readonly sudoPassword?: string;
  /** Give up (close the channel) when the ready line has not come by then; default 20 s. */
  readonly timeoutMs?: number;
}

/** The command line that starts a shell printing `readyMarker` first (wrapped in sudo by the caller). */
export function shellStartCommand(readyMarker: string): string {
  return `/bin/sh -c ${shellQuote(`echo ${readyMarker}; exec /bin/sh`)}`;
}

export class PersistentShell {
  private stdout = Buffer.alloc(0);
  private stderr = Buffer.alloc(0);
  private current: Pending | undefined;
  private gone: ShellGoneError | undefined;

  /**
   * Wait for the ready line on a channel running shellStartCommand (maybe under sudo). Nothing is
   * written to the channel before it except sudo's password, answered when the prompt shows: so sudo
   * can never read a command as the password, and rc-file noise before the line is dropped.
   */
  static start(channel: ClientChannel, start: ShellStart): Promise<PersistentShell> {
    return new Promise((resolve, reject) => {
      let out = '';
      let err = '';
      let passwordSent = false;
      const ready = `${start.readyMarker}\n`;
      const onOut = (chunk: Buffer) => {
        out += chunk.toString('latin1');
        if (!out.includes(ready)) return;
        cleanup();
        resolve(new PersistentShell(channel));
      };
      const onErr = (chunk: Buffer) => {
        err += chunk.toString('utf8');
        if (start.sudoPrompt === undefined || start.sudoPassword === undefined) return;
        const prompts = err.split(start.sudoPrompt).length - 1;
        if (prompts === 1 && !passwordSent) {
          passwordSent = true;
          channel.write(start.sudoPassword + '\n');
        } else if (prompts > 1) {
          channel.close(); // asked again: the password was wrong, and it is not sent twice
        }
      };
      // A start that never reaches the ready line (a hung rc file, a sudo that waits) must not
      // hold up the commands waiting for it: they fall back to exec channels.
      const timer = setTimeout(() => channel.close(), start.timeoutMs ?? 20_000);
      const onClose = () => {
        cleanup();
        const said = err.split(start.sudoPrompt ?? '\0').join('').trim();
        reject(new ShellGoneError(`the remote shell did not start${said ? `: ${said}` : ''}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        channel.off('data', onOut);
        channel.stderr.off('data', onErr);
        channel.off('close', onClose);
      };
      channel.on('data', onOut);
      channel.stderr.on('data', onErr);
      channel.on('close', onClose);
    });
  }

  private constructor(private readonly channel: ClientChannel) {
    channel.on('data', (chunk: Buffer) => { this.stdout = Buffer.concat([this.stdout, chunk]); this.settle(); });
    channel.stderr.on('data', (chunk: Buffer) => { this.stderr = Buffer.concat([this.stderr, chunk]); this.settle(); });
    const end = (why: string) => this.fail(new ShellGoneError(why));
    channel.on('close', () => end('the remote shell exited'));
    channel.on('error', (error: Error) => end(`the remote shell failed: ${error.message}`));
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  get usable(): boolean {
    return !this.gone;
  }

  /** Run one command line (what `sh -c` would get). One at a time: callers check `busy` first. */
  run(line: string): Promise<ExecResult> {
    if (this.gone) return Promise.reject(this.gone);
    if (this.current) return Promise.reject(new Error('persistent shell is busy'));
    const marker = `TSPLAY-END-${randomBytes(8).toString('hex')}`;
    return new Promise<ExecResult>((resolve, reject) => {
      this.current = { marker: Buffer.from(marker), resolve, reject };
      this.channel.write(shellFrame(line, marker));
    });
  }

  /** Kill the shell (a timed-out command, or closing). Commands in flight fail with ShellGoneError. */
  destroy(why: string): void {
    if (!this.gone) {
      try { this.channel.signal('KILL'); } catch { /* older servers: closing is all we can do */ }
      this.channel.close();
    }
    this.fail(new ShellGoneError(why));
  }

  private fail(error: ShellGoneError): void {
    if (!this.gone) this.gone = error;
    const pending = this.current;
    this.current = undefined;
    pending?.reject(this.gone);
  }

  private settle(): void {
    const pending = this.current;
    if (!pending) return;
    const out = findStdoutEnd(this.stdout, pending.marker);
    const err = out && findStderrEnd(this.stderr, pending.marker);
    if (!out || !err) return;
    const result: ExecResult = {
      rc: out.rc,
      stdout: this.stdout.subarray(0, out.end).toString('utf8'),
      stderr: this.stderr.subarray(0, err.end).toString('utf8'),
    };
    this.stdout = this.stdout.subarray(out.next);
    this.stderr = this.stderr.subarray(err.next);
    this.current = undefined;
    pending.resolve(result);
  }
}
