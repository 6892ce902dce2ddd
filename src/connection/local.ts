// `ansible_connection: local`: runs commands on the controller through /bin/sh, with the same
// command lines (become, atomic writes) as the ssh connection so modules behave the same.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BecomeStdin } from './become-stdin.js';
import { withoutLeadingLine } from './stdout-stream.js';
import { becomeCommand, decodeReadFile, readFileCommand, wrapCommand } from './remote-commands.js';
import { downloadFile, uploadFile } from './transfer.js';
import { CommandTimeoutError, type BecomeOptions, type Connection, type DownloadResult, type ExecOptions, type ExecResult, type PutOptions, type TransferResult, type TransferSource, type UploadOptions } from './types.js';

export class LocalConnection implements Connection {
  constructor(readonly host: string = 'localhost') {}

  async exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    let line = wrapCommand(command, options);
    const prompt = `[tsplay-sudo-${randomBytes(6).toString('hex')}]`;
    const success = `TSPLAY-BECOME-${randomBytes(6).toString('hex')}`;
    if (options.become) line = becomeCommand(line, options.become, prompt, success);
    const child = spawn('/bin/sh', ['-c', line], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdin.on('error', () => undefined); // the command may exit without reading stdin
    const stdin = new BecomeStdin(child.stdin, options.become, { prompt, success }, options.stdin);
    child.stdout.on('data', (b: Buffer) => {
      if (!options.stdoutTo) out.push(b);
      stdin.onStdout(b);
    });
    if (options.stdoutTo) child.stdout.pipe(withoutLeadingLine(options.become ? success : undefined)).pipe(options.stdoutTo);
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      stdin.onStderr(b);
    });
    const rc = await new Promise<number>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    if (timer) clearTimeout(timer);
    if (timedOut) throw new CommandTimeoutError(this.host, options.timeoutMs ?? 0);
    let stdout = Buffer.concat(out).toString('utf8');
    let stderr = Buffer.concat(err).toString('utf8');
    if (options.become) {
      stderr = stderr.split(prompt).join('');
      const at = stdout.indexOf(success + '\n');
      if (at >= 0) stdout = stdout.slice(at + success.length + 1);
    }
    return { rc, stdout, stderr };
  }

  async put(path: string, content: string | Buffer, options: PutOptions = {}): Promise<void> {
    await this.upload(path, { bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : content }, options);
  }

  /** Streams the file through the guard script's stdin (transfer.ts), with sudo when become is asked. */
  upload(path: string, source: TransferSource, options: UploadOptions = {}): Promise<TransferResult> {
    return uploadFile({ exec: (command, execOptions) => this.exec(command, execOptions) }, path, source, options);
  }

  download(path: string, localPath: string, options: { become?: BecomeOptions } = {}): Promise<DownloadResult> {
    return downloadFile({ exec: (command, execOptions) => this.exec(command, execOptions) }, path, localPath, options);
  }

  async get(path: string, options: { become?: PutOptions['become'] } = {}): Promise<Buffer> {
    const result = await this.exec(readFileCommand(path), { become: options.become });
    if (result.rc !== 0) throw new Error(`could not read ${path}: ${result.stderr.trim() || `exit ${result.rc}`}`);
    return decodeReadFile(result.stdout);
  }

  async close(): Promise<void> {}
}
