// The ssh Connection: one persistent ssh2 connection per host, commands run on exec channels.
// We drive ssh2 channels ourselves instead of node-ssh's execCommand, because that trims output
// and builds `cd DIR ; CMD` (the command runs even when cd fails). Command lines come from
// remote-commands.ts, exactly as for the local connection, so modules see the same behaviour.
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import type { Client, ClientChannel } from 'ssh2';
import { shellQuote } from '../util/shell-quote.js';
import { ChannelSlots } from './channel-slots.js';
import { PersistentShell, ShellGoneError, type ShellStart } from './persistent-shell.js';
import { ShellPool } from './shell-pool.js';
import { BecomeStdin, type BecomeMarkers } from './become-stdin.js';
import { SftpSession } from './sftp-session.js';
import { downloadFile, uploadFile, type TransferRoute } from './transfer.js';
import { becomeCommand, decodeReadFile, readFileCommand, wrapCommand } from './remote-commands.js';
import { withoutLeadingLine } from './stdout-stream.js';
import { describeTarget, openSshClient, type SshSecrets } from './ssh-connect.js';
import { CommandTimeoutError, UnreachableError, type BecomeOptions, type Connection, type ConnectionSpec, type ExecOptions, type ExecResult, type PutOptions, type DownloadResult, type TransferResult, type TransferSource, type UploadOptions } from './types.js';

/** sshd's MaxSessions defaults to 10; keep a margin for the SFTP session (sftp-session.ts) and a jump channel. */
export const MAX_CHANNELS_PER_CONNECTION = 8;
/** Retries of a refused channel open (about 4 s in all) before the command fails. */
const CHANNEL_OPEN_RETRIES = 50;

export class SshConnection implements Connection {
  readonly host: string;
  private readonly slots = new ChannelSlots(MAX_CHANNELS_PER_CONNECTION);
  /** Rejecters of commands in flight, so a dropped connection fails them all at once. */
  private readonly inFlight = new Set<(error: Error) => void>();
  private lost: UnreachableError | undefined;
  private closing = false;
  /** Persistent shells (login user, become users) that run commands without an exec channel each. */
  private readonly shells = new ShellPool((command, start) => this.openShell(command, start));
  /** File content travels here (opened on the first transfer); see transfer.ts for the routes. */
  private readonly sftp: SftpSession;

  constructor(readonly spec: ConnectionSpec, private readonly client: Client, private readonly jump?: Client, private readonly secrets: SshSecrets = {}) {
    this.host = spec.host;
    this.sftp = new SftpSession(client);
    const onLost = (reason: string) => {
      if (this.closing || this.lost) return;
      this.lost = new UnreachableError(this.host, `${describeTarget(spec)}: connection lost: ${reason}`);
      for (const reject of this.inFlight) reject(this.lost);
      this.inFlight.clear();
    };
    client.on('error', (error: Error) => onLost(error.message));
    client.on('close', () => onLost('closed by the remote side'));
    jump?.on('error', (error: Error) => onLost(`jump host: ${error.message}`));
  }

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const become = this.withBecomePassword(options.become);
    const plain = wrapCommand(command, options);
    // The shells have no stdin to give a command: commands with input take a channel.
    const claimed = options.stdin === undefined && !options.ownChannel && !this.lost && !this.closing
      ? await this.shells.claim(become) : undefined;
    if (claimed) {
      try {
        return await this.runInShell(claimed.shell, plain, options);
      } finally {
        claimed.release();
      }
    }
    // Random markers per command: no output can fake sudo's prompt or our success line.
    const prompt = `[tsplay-sudo-${randomBytes(6).toString('hex')}]`;
    const success = `TSPLAY-BECOME-${randomBytes(6).toString('hex')}`;
    const line = become ? becomeCommand(plain, become, prompt, success) : plain;
    await this.slots.acquire();
    try {
      const result = await this.runChannel(`/bin/sh -c ${shellQuote(line)}`, options, become, { prompt, success });
      if (!become) return result;
      const at = result.stdout.indexOf(success + '\n');
      return {
        rc: result.rc,
        stdout: at >= 0 ? result.stdout.slice(at + success.length + 1) : result.stdout,
        stderr: result.stderr.split(prompt).join(''),
      };
    } finally {
      this.slots.release();
    }
  }

  /** Start a shell on a channel that holds one of sshd's sessions for as long as it lives. */
  private async openShell(command: string, start: ShellStart): Promise<PersistentShell> {
    if (this.lost || this.closing) throw new ShellGoneError('the connection is closing');
    await this.slots.acquire();
    const channel = await new Promise<ClientChannel | undefined>((resolve) => {
      this.client.exec(command, (error, stream) => resolve(error ? undefined : stream));
    });
    if (!channel) {
      this.slots.release();
      throw new ShellGoneError('no channel for the shell');
    }
    channel.on('close', () => this.slots.release());
    return PersistentShell.start(channel, start);
  }

  private async runInShell(shell: PersistentShell, line: string, options: ExecOptions): Promise<ExecResult> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      if (options.timeoutMs === undefined) return;
      timer = setTimeout(() => {
        // Reject before destroying, so the race settles with the timeout, not the shell's end.
        reject(new CommandTimeoutError(this.host, options.timeoutMs ?? 0));
        shell.destroy('a command timed out');
      }, options.timeoutMs);
    });
    try {
      return await Promise.race([shell.run(line), timeout]);
    } catch (error) {
      if (!(error instanceof ShellGoneError)) throw error;
      // The channel's close can come before the client's: look again next turn.
      await new Promise((resolve) => setImmediate(resolve));
      throw this.lost ?? new Error(`${describeTarget(this.spec)}: the remote shell ended during the command`);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Open one exec channel and collect its output; the caller holds a channel slot. */
  private runChannel(line: string, options: ExecOptions, become: BecomeOptions | undefined, markers: BecomeMarkers): Promise<ExecResult> {
    if (this.lost) return Promise.reject(this.lost);
    return new Promise<ExecResult>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (error: Error | undefined, result?: ExecResult) => {
        if (settled) return;
        settled = true;
        if (timer) clearTimeout(timer);
        this.inFlight.delete(fail);
        if (error) reject(error);
        else resolve(result!);
      };
      const fail = (error: Error) => finish(error);
      this.inFlight.add(fail);

      let attempt = 0;
      const open = () => this.client.exec(line, (error, stream) => {
        if (error) {
          // sshd frees a closed session only on its next loop turn, so an open that follows a close
          // in the same packet batch can exceed MaxSessions: that refusal passes, so try again.
          if (!this.lost && !settled && /open failed|administratively prohibited/i.test(error.message) && attempt < CHANNEL_OPEN_RETRIES) {
            setTimeout(open, Math.min(10 * ++attempt, 100));
            return;
          }
          finish(this.lost ?? new UnreachableError(this.host, `${describeTarget(this.spec)}: cannot open a channel: ${error.message}`));
          return;
        }
        if (settled) { // the connection dropped while the channel was opening
          stream.close();
          return;
        }
        if (options.timeoutMs !== undefined) {
          timer = setTimeout(() => {
            // Ask sshd to kill the command (OpenSSH >= 7.9 honours signal requests), then drop the channel.
            try { stream.signal('KILL'); } catch { /* older servers: closing is all we can do */ }
            stream.close();
            finish(new CommandTimeoutError(this.host, options.timeoutMs ?? 0));
          }, options.timeoutMs);
        }
        this.collect(stream, options, become, markers, finish);
      });
      open();
    });
  }

  private collect(stream: ClientChannel, options: ExecOptions, become: BecomeOptions | undefined, markers: BecomeMarkers,
    finish: (error: Error | undefined, result?: ExecResult) => void): void {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let rc: number | undefined;
    const stdin = new BecomeStdin(stream, become, markers, options.stdin);
    stream.on('data', (chunk: Buffer) => {
      if (!options.stdoutTo) out.push(chunk);
      stdin.onStdout(chunk);
    });
    if (options.stdoutTo) stream.pipe(withoutLeadingLine(become ? markers.success : undefined)).pipe(options.stdoutTo);
    stream.stderr.on('data', (chunk: Buffer) => {
      err.push(chunk);
      stdin.onStderr(chunk);
    });
    stream.on('exit', (code: number | null, signalName?: string) => {
      if (typeof code === 'number') rc = code;
      else if (signalName) rc = 128 + (constants.signals[`SIG${signalName.replace(/^SIG/, '')}` as keyof typeof constants.signals] ?? 0);
    });
    stream.on('error', (error: Error) => finish(this.lost ?? error));
    stream.on('close', () => {
      // 'close' may come before the client's own 'close' when the peer vanished: look again next turn.
      setImmediate(() => {
        if (rc === undefined) {
          finish(this.lost ?? new UnreachableError(this.host, `${describeTarget(this.spec)}: connection lost during a command (no exit status)`));
          return;
        }
        finish(undefined, { rc, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
      });
    });
  }

  async put(path: string, content: string | Buffer, options: PutOptions = {}): Promise<void> {
    await this.upload(path, { bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : content }, options);
  }

  upload(path: string, source: TransferSource, options: UploadOptions = {}): Promise<TransferResult> {
    return uploadFile(this.transferRoute(), path, source, { ...options, become: this.withBecomePassword(options.become) });
  }

  download(path: string, localPath: string, options: { become?: BecomeOptions } = {}): Promise<DownloadResult> {
    return downloadFile(this.transferRoute(), path, localPath, { become: this.withBecomePassword(options.become) });
  }

  /** Content bytes moved over SFTP on this connection so far (a second, converged run adds none). */
  get sftpBytesTransferred(): number {
    return this.sftp.bytesTransferred;
  }

  private transferRoute(): TransferRoute {
    return { exec: (command, options) => this.exec(command, options), sftp: this.sftp, loginUser: this.spec.user ?? 'root' };
  }

  private withBecomePassword(become: BecomeOptions | undefined): BecomeOptions | undefined {
    return become && become.password === undefined && this.secrets.becomePassword !== undefined ? { ...become, password: this.secrets.becomePassword } : become;
  }

  async get(path: string, options: { become?: BecomeOptions } = {}): Promise<Buffer> {
    const result = await this.exec(readFileCommand(path), { become: options.become });
    if (result.rc !== 0) throw new Error(`could not read ${path}: ${result.stderr.trim() || `exit ${result.rc}`}`);
    return decodeReadFile(result.stdout);
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.sftp.end();
    await new Promise<void>((resolve) => {
      if (this.lost) return resolve();
      this.client.once('close', () => resolve());
      this.client.end();
    });
    this.jump?.end();
  }
}

/** Connect, authenticate and verify the host key; rejects with UnreachableError (one clear line). */
export async function openSshConnection(spec: ConnectionSpec, secrets: SshSecrets = {}): Promise<SshConnection> {
  const { client, jump } = await openSshClient(spec, secrets);
  return new SshConnection(spec, client, jump, secrets);
}
