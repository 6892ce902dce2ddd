// A host's persistent shells, one per identity: the login user, and each become user (a shell
// started once under sudo, so become tasks also skip sudo's own startup and PAM on every command).
// A shell serves one command at a time; a command that finds it busy, or a shell that cannot be
// started, takes an exec channel instead, so the shells only ever make things faster.
import { randomBytes } from 'node:crypto';
import { shellQuote } from '../util/shell-quote.js';
import { PersistentShell, shellStartCommand, type ShellStart } from './persistent-shell.js';
import type { BecomeOptions } from './types.js';

/** Opens a channel running `command`; the pool does not know about ssh. */
export type ShellOpener = (command: string, start: ShellStart) => Promise<PersistentShell>;

export interface ClaimedShell {
  readonly shell: PersistentShell;
  release(): void;
}

/** Shells per host (identities); the rest of sshd's MaxSessions stays free for exec channels. */
const MAX_SHELLS = 3;

interface Entry {
  readonly shell: Promise<PersistentShell | undefined>;
  inUse: boolean;
}

/** The command that starts a shell as the become user; the password goes over stdin, never here. */
export function becomeShellCommand(become: BecomeOptions, prompt: string, readyMarker: string): string {
  // -k: ignore cached credentials, so sudo either prompts or (NOPASSWD) does not: never a
  // silent wait for a password we might not send.
  const auth = become.password === undefined ? '-n' : `-k -S -p ${shellQuote(prompt)}`;
  return `sudo ${auth} -H -u ${shellQuote(become.user)} -- ${shellStartCommand(readyMarker)}`;
}

export class ShellPool {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly open: ShellOpener) {}

  /** A free shell for this identity, or undefined (busy, or it could not be started). */
  async claim(become: BecomeOptions | undefined): Promise<ClaimedShell | undefined> {
    const key = become ? `become:${become.user}` : 'login';
    let entry = this.entries.get(key);
    if (entry?.inUse) return undefined;
    if (!entry) {
      // Each shell holds one of sshd's sessions for good: leave most of them to exec channels.
      if (this.entries.size >= MAX_SHELLS) return undefined;
      entry = { shell: this.start(become), inUse: false };
      this.entries.set(key, entry);
    }
    const seen = entry;
    const shell = await seen.shell;
    if (this.entries.get(key) !== seen) return undefined; // replaced meanwhile by another command
    if (!shell) return undefined; // it could not be started once: do not retry on every command
    if (!shell.usable) {
      // It was killed (a timed-out command): start a fresh one for the next command.
      this.entries.delete(key);
      return undefined;
    }
    // Claimed in the same turn as the checks, so two commands never share the shell.
    if (seen.inUse) return undefined;
    seen.inUse = true;
    return { shell, release: () => { seen.inUse = false; } };
  }

  private async start(become: BecomeOptions | undefined): Promise<PersistentShell | undefined> {
    const readyMarker = `TSPLAY-READY-${randomBytes(8).toString('hex')}`;
    const sudoPrompt = `[tsplay-sudo-${randomBytes(6).toString('hex')}]`;
    const command = become ? becomeShellCommand(become, sudoPrompt, readyMarker) : shellStartCommand(readyMarker);
    try {
      return await this.open(command, { readyMarker, sudoPrompt, sudoPassword: become?.password });
    } catch {
      return undefined;
    }
  }
}
