// `ansible_connection: local`: runs commands on the controller through /bin/sh, with the same
// command lines (become, atomic writes) as the ssh connection so modules behave the same.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BecomeStdin } from './become-stdin.js';
import { atomicWriteCommand, becomeCommand, decodeReadFile, readFileCommand, wrapCommand } from './remote-commands.js';
import { CommandTimeoutError, type Connection, type ExecOptions, type ExecResult, type PutOptions } from './types.js';

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
      out.push(b);
      stdin.onStdout(b);
    });
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
    const result = await this.exec(atomicWriteCommand(path, options), { stdin: content, become: options.become });
    if (result.rc !== 0) throw new Error(`could not write ${path}: ${result.stderr.trim() || `exit ${result.rc}`}`);
  }

  async get(path: string, options: { become?: PutOptions['become'] } = {}): Promise<Buffer> {
    const result = await this.exec(readFileCommand(path), { become: options.become });
    if (result.rc !== 0) throw new Error(`could not read ${path}: ${result.stderr.trim() || `exit ${result.rc}`}`);
    return decodeReadFile(result.stdout);
  }

  async close(): Promise<void> {}
}
