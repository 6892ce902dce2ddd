// One SFTP session per ssh connection, opened on first use over the POOLED ssh2 client: no second
// login, and it holds one of sshd's MaxSessions for as long as the connection lives (ssh.ts keeps a
// slot free for it).
//
// Files travel with node-ssh's helpers (the design card's choice): NodeSSH's `connection` is a public
// field, so a NodeSSH whose connection is our already authenticated Client runs putFile/getFile
// (ssh2's fastPut/fastGet: the file is read or written in place with parallel 32 KiB requests, so
// memory per transfer is bounded by the requests in flight, whatever the file's size). node-ssh has
// no call for bytes already in memory (a rendered template): those go through ssh2's own
// sftp.writeFile on the same session.
import type { Client, SFTPWrapper, TransferOptions } from 'ssh2';
import type { NodeSSH } from 'node-ssh';

/**
 * Requests in flight per file: 16 x 128 KiB = 2 MiB, enough to fill a LAN link with ssh's windows.
 * OpenSSH's sftp-server takes writes up to 255 KiB (limits@openssh.com, which ssh2 reads), and
 * fewer, larger requests cost the controller less JavaScript per byte: 100 MiB to one lab host
 * took 5.8-6.1 s with 16 x 128 KiB against 7.2-7.5 s with 64 x 32 KiB (same 2 MiB in flight; scp
 * 3.8-4.6 s; machine at load 21-25).
 */
const TRANSFER_OPTIONS = { concurrency: 16, chunkSize: 128 * 1024 } as const;

export class SftpSession {
  private opened: Promise<{ ssh: NodeSSH; sftp: SFTPWrapper } | undefined> | undefined;
  private homeDirectory: Promise<string> | undefined;
  /** Content bytes moved over SFTP in both directions (tests and the benchmark read it). */
  bytesTransferred = 0;

  constructor(private readonly client: Client) {}

  /** The session, or undefined when the target has no SFTP server (the shell route is used then). */
  private open(): Promise<{ ssh: NodeSSH; sftp: SFTPWrapper } | undefined> {
    this.opened ??= (async () => {
      // Loaded on the first transfer, as ssh2 is; CommonJS: the bundle exposes only `default`.
      const module = await import('node-ssh') as typeof import('node-ssh') & { default?: typeof import('node-ssh') };
      const ssh = new (module.default ?? module).NodeSSH();
      ssh.connection = this.client;
      try {
        return { ssh, sftp: await ssh.requestSFTP() };
      } catch (error) {
        // "Unable to start subsystem: sftp" (no Subsystem line in sshd_config, or no sftp-server):
        // the shell route serves. Anything else (the connection dropping) is not a missing server.
        if (/subsystem/i.test((error as Error).message)) return undefined;
        throw error;
      }
    })();
    return this.opened;
  }

  async available(): Promise<boolean> {
    return (await this.open()) !== undefined;
  }

  /** The login user's home directory (SFTP starts there), for stage files. */
  home(): Promise<string> {
    this.homeDirectory ??= this.session().then(({ sftp }) => new Promise<string>((resolve, reject) => {
      sftp.realpath('.', (error, path) => (error ? reject(error) : resolve(path)));
    }));
    return this.homeDirectory;
  }

  /** Upload a controller file; returns the bytes sent. `mode` applies when the remote file is created. */
  async putFile(localPath: string, remotePath: string, mode?: number): Promise<number> {
    const { ssh, sftp } = await this.session();
    let sent = 0;
    const options: TransferOptions = { ...TRANSFER_OPTIONS, ...(mode === undefined ? {} : { mode }), step: (total) => { sent = total; } };
    try {
      await ssh.putFile(localPath, remotePath, sftp, options);
    } finally {
      this.bytesTransferred += sent;
    }
    return sent;
  }

  /** Upload bytes already in memory (rendered templates, literal content). */
  async putBytes(bytes: Buffer, remotePath: string, mode?: number): Promise<number> {
    const { sftp } = await this.session();
    await new Promise<void>((resolve, reject) => {
      sftp.writeFile(remotePath, bytes, mode === undefined ? {} : { mode }, (error) => (error ? reject(error) : resolve()));
    });
    this.bytesTransferred += bytes.length;
    return bytes.length;
  }

  /** Download a target file to a controller path; returns the bytes received. */
  async getFile(remotePath: string, localPath: string): Promise<number> {
    const { ssh, sftp } = await this.session();
    let received = 0;
    try {
      await ssh.getFile(localPath, remotePath, sftp, { ...TRANSFER_OPTIONS, mode: 0o600, step: (total) => { received = total; } });
    } finally {
      this.bytesTransferred += received;
    }
    return received;
  }

  end(): void {
    void this.opened?.then((session) => session?.sftp.end(), () => undefined);
  }

  private async session(): Promise<{ ssh: NodeSSH; sftp: SFTPWrapper }> {
    const session = await this.open();
    if (!session) throw new Error('the target has no SFTP server');
    return session;
  }
}
