// When to write a become command's stdin. sudo -S reads the password from the same stdin as the
// command, so with a password nothing is written until we know who reads next: sudo's prompt on
// stderr means sudo (send the password, then the command's input), our success line on stdout means
// sudo did not ask (root, NOPASSWD, a cached ticket) and the command reads: send only its input, so
// the password never reaches the command. Shared by the local and ssh connections.
import { Readable, type Writable } from 'node:stream';
import type { BecomeOptions } from './types.js';

/** The writable end of the command's stdin (a child process pipe or an ssh channel). */
export type StdinSink = Writable;

/** sudo's prompt and the line our shell prints once sudo let it run (random per command). */
export interface BecomeMarkers {
  readonly prompt: string;
  readonly success: string;
}

export class BecomeStdin {
  private passwordSent = false;
  private inputSent = false;
  private stdout = '';
  private stderr = '';

  constructor(
    private readonly sink: StdinSink,
    private readonly become: BecomeOptions | undefined,
    private readonly markers: BecomeMarkers,
    private readonly input: string | Buffer | Readable | undefined,
  ) {
    // Without a password sudo never prompts (-n): the input can go at once.
    if (become?.password === undefined) this.sendInput();
  }

  onStderr(chunk: Buffer): void {
    if (this.inputSent || this.passwordSent) return;
    this.stderr += chunk.toString('utf8');
    if (!this.stderr.includes(this.markers.prompt)) return;
    this.passwordSent = true;
    this.sink.write(this.become!.password + '\n');
    // sudo reads its password a byte at a time up to the newline: what follows is the command's.
    this.sendInput();
  }

  onStdout(chunk: Buffer): void {
    if (this.inputSent) return;
    this.stdout += chunk.toString('utf8');
    // Printed by the shell sudo started: no prompt came, so sudo reads nothing more.
    if (this.stdout.includes(this.markers.success + '\n')) this.sendInput();
  }

  private sendInput(): void {
    if (this.inputSent) return;
    this.inputSent = true;
    // A stream (a file being uploaded) is piped, so the channel's window paces the reading.
    // A read error ends stdin early: the receiving command sees short content and refuses it.
    if (this.input instanceof Readable) this.input.once('error', () => this.sink.end()).pipe(this.sink);
    else this.sink.end(this.input ?? '');
  }
}
