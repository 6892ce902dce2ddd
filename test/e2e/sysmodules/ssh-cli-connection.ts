// Test-only Connection that shells out to the OpenSSH client with the lab's key and known_hosts
// (a ControlMaster keeps one TCP connection per host). The product's connection is src/connection/ssh.ts;
// this one keeps the module e2e tests independent of it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { decodeReadFile, readFileCommand, wrapCommand } from '../../../src/connection/remote-commands.js';
import { downloadFile, uploadFile } from '../../../src/connection/transfer.js';
import type { BecomeOptions, Connection, DownloadResult, ExecOptions, ExecResult, PutOptions, TransferResult, TransferSource, UploadOptions } from '../../../src/connection/types.js';
import { shellQuote } from '../../../src/util/shell-quote.js';
import { LAB, LAB_KEY, LAB_KNOWN_HOSTS } from '../support/lab.js';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');
export const LAB_INVENTORY = labInventoryPath();

export function labIsUp(): boolean {
  return existsSync(LAB_INVENTORY) && existsSync(LAB_KEY) && existsSync(LAB_KNOWN_HOSTS);
}

function labInventoryPath(): string {
  return process.env.TSPLAY_LAB_INVENTORY ?? (LAB.name === '' ? join(REPO_ROOT, 'inventory', 'lab.yml') : LAB.inventory);
}

/** The host these tests use: $TSPLAY_SYSMODULES_HOST, else h5 when the lab has it, else its last host. */
export function labTestHost(): string {
  const chosen = process.env['TSPLAY_SYSMODULES_HOST'];
  if (chosen) return chosen;
  const text = existsSync(LAB_INVENTORY) ? readFileSync(LAB_INVENTORY, 'utf8') : '';
  const hosts = [...text.matchAll(/^\s+(h\d+):\s*\n\s+ansible_host:/gm)].map((m) => m[1]!);
  return hosts.includes('h5') || hosts.length === 0 ? 'h5' : hosts[hosts.length - 1]!;
}

/** The address of a lab host from the inventory the lab wrote (falls back to the lab's numbering). */
export function labAddress(host: string): string {
  const text = existsSync(LAB_INVENTORY) ? readFileSync(LAB_INVENTORY, 'utf8') : '';
  const block = new RegExp(`^\\s*${host}:\\s*\\n(?:\\s+.*\\n)*?\\s+ansible_host:\\s*['"]?([0-9.]+)`, 'm').exec(text);
  return block?.[1] ?? `10.250.0.${10 + Number(host.replace(/\D/g, ''))}`;
}

export class SshCliConnection implements Connection {
  constructor(readonly host: string, private readonly address: string) {}

  private sshArgs(): string[] {
    return [
      '-i', LAB_KEY,
      '-o', `UserKnownHostsFile=${LAB_KNOWN_HOSTS}`,
      '-o', 'StrictHostKeyChecking=yes',
      '-o', 'BatchMode=yes',
      '-o', 'ControlMaster=auto',
      '-o', `ControlPath=/tmp/tsplay-e2e-sysmodules-%C`,
      '-o', 'ControlPersist=30',
      `root@${this.address}`,
    ];
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const line = wrapCommand(command, options);
    return new Promise((resolve, reject) => {
      const child = spawn('ssh', [...this.sshArgs(), `sh -c ${shellQuote(line)}`], { stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      if (options.stdoutTo) child.stdout.pipe(options.stdoutTo);
      else child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.stdin.on('error', () => undefined);
      if (options.stdin instanceof Readable) options.stdin.pipe(child.stdin);
      else child.stdin.end(options.stdin ?? '');
      child.on('error', reject);
      child.on('close', (code) => {
        const stderr = Buffer.concat(err).toString();
        if (code === 255) reject(new Error(`ssh to ${this.host} failed: ${stderr.trim()}`));
        else resolve({ rc: code ?? 1, stdout: Buffer.concat(out).toString(), stderr });
      });
    });
  }

  async put(path: string, content: string | Buffer, options: PutOptions = {}): Promise<void> {
    await this.upload(path, { bytes: Buffer.from(content) }, options);
  }

  /** Through the guard script's stdin (no become: the lab logs in as root). */
  upload(path: string, source: TransferSource, options: UploadOptions = {}): Promise<TransferResult> {
    return uploadFile({ exec: (command, execOptions) => this.exec(command, execOptions) }, path, source, options);
  }

  download(path: string, localPath: string, options: { become?: BecomeOptions } = {}): Promise<DownloadResult> {
    return downloadFile({ exec: (command, execOptions) => this.exec(command, execOptions) }, path, localPath, options);
  }

  async get(path: string): Promise<Buffer> {
    const r = await this.exec(readFileCommand(path));
    if (r.rc !== 0) throw new Error(`could not read ${path}: ${r.stderr.trim()}`);
    return decodeReadFile(r.stdout);
  }

  async close(): Promise<void> {
    await new Promise((resolve) => spawn('ssh', ['-O', 'exit', ...this.sshArgs()], { stdio: 'ignore' }).on('close', resolve));
  }
}
