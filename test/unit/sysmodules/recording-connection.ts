// A LocalConnection that records every command line and stdin and runs them with extra env (a PATH
// without curl, say): tests run modules for real on this machine and check what reached the shell.
import type { Server } from 'node:http';
import { LocalConnection } from '../../../src/connection/local.js';
import type { Connection, ExecOptions, ExecResult, PutOptions, TransferSource, UploadOptions } from '../../../src/connection/types.js';

export class RecordingConnection implements Connection {
  readonly host = 'testhost';
  readonly commands: string[] = [];
  readonly stdins: string[] = [];
  private readonly local = new LocalConnection('testhost');
  constructor(private readonly env: Record<string, string> = {}) {}
  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    this.commands.push(command);
    this.stdins.push(String(options.stdin ?? ''));
    return this.local.exec(command, { ...options, env: { ...this.env, ...options.env } });
  }
  put(path: string, content: string | Buffer, options?: PutOptions): Promise<void> {
    return this.local.put(path, content, options);
  }
  upload(path: string, source: TransferSource, options?: UploadOptions) {
    return this.local.upload(path, source, options);
  }
  download(path: string, localPath: string) {
    return this.local.download(path, localPath);
  }
  get(path: string): Promise<Buffer> {
    return this.local.get(path);
  }
  async close(): Promise<void> {}
}

/** Listen on a free port of 127.0.0.1 and return the server's base URL. */
export async function listenLocal(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}
