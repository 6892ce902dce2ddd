// A Connection runs commands and moves files on one host. Modules never know which kind they hold
// (ssh or local), so tests can swap them.
import type { Readable, Writable } from 'node:stream';

export interface BecomeOptions {
  /** Target user, default root. */
  readonly user: string;
  /** sudo password (from -K or ansible_become_password); sent over stdin, never on a command line. */
  readonly password?: string;
}

export interface ExecOptions {
  /**
   * Bytes written to the command's stdin, then stdin is closed. A stream is piped with backpressure
   * (file transfers), so a big input never sits in memory whole.
   */
  readonly stdin?: string | Buffer | Readable;
  /**
   * Send stdout here as it arrives (backpressure held) instead of collecting it; the result's stdout
   * is then empty. Used to stream a file from the target without holding it.
   */
  readonly stdoutTo?: Writable;
  readonly become?: BecomeOptions;
  /** Exported for the command (names must be valid shell identifiers; values are quoted). */
  readonly env?: Readonly<Record<string, string>>;
  /** Kill the command and reject with a timeout error after this many milliseconds. */
  readonly timeoutMs?: number;
  /** Run in this directory; the command does NOT run when cd fails (unlike node-ssh's cwd). */
  readonly cwd?: string;
  /**
   * Run on a channel of its own instead of the host's persistent shell. For commands that may leave
   * processes behind holding stdout (user command lines, service starts): on the shared shell their
   * later output would mix into the next commands' output.
   */
  readonly ownChannel?: boolean;
}

export interface ExecResult {
  readonly rc: number;
  /** Untrimmed. */
  readonly stdout: string;
  readonly stderr: string;
}

export interface PutOptions {
  /** Numeric mode, e.g. 0o644. */
  readonly mode?: number;
  readonly owner?: string;
  readonly group?: string;
  readonly become?: BecomeOptions;
}

/** A file's content as a transfer reads it: a controller file (streamed) or bytes already in memory. */
export type TransferSource = { readonly localPath: string } | { readonly bytes: Buffer };

export interface UploadOptions extends PutOptions {
  /** sha1 hex of the source, when the caller has computed it already (saves reading it twice). */
  readonly sha1?: string;
}

/** How a transfer went: how many content bytes crossed the connection, and by which path. */
export interface TransferResult {
  readonly bytes: number;
  /** 'sftp': the SSH connection's SFTP subsystem; 'shell': streamed through a command's stdin/stdout. */
  readonly via: 'sftp' | 'shell';
}

export interface DownloadResult extends TransferResult {
  /** sha1 hex of the bytes written to the local file. */
  readonly sha1: string;
}

export interface Connection {
  /** The inventory name of the host this connection reaches. */
  readonly host: string;
  /** Run a POSIX sh command line on the host (the whole string is given to `sh -c`). */
  exec(command: string, options?: ExecOptions): Promise<ExecResult>;
  /**
   * Write a file atomically: a temporary file in the same directory, mode/owner set on it, then
   * rename over the destination. A failure never leaves the destination truncated.
   */
  put(path: string, content: string | Buffer, options?: PutOptions): Promise<void>;
  /**
   * Stream `source` to `path` on the target: into a 0600 temporary file in the destination's
   * directory, checked against the source's sha1 there, mode/owner set, then renamed over the
   * destination. An interrupted transfer (error, dropped connection, killed controller) leaves the
   * destination as it was and no temporary file behind. Never holds a whole file in memory.
   */
  upload(path: string, source: TransferSource, options?: UploadOptions): Promise<TransferResult>;
  /** Stream a target file to `localPath` on the controller (the caller renames it into place). */
  download(path: string, localPath: string, options?: { become?: BecomeOptions }): Promise<DownloadResult>;
  /** Read a whole file (rejects when it does not exist or cannot be read). */
  get(path: string, options?: { become?: BecomeOptions }): Promise<Buffer>;
  close(): Promise<void>;
}

/** Thrown (rejected) when the host cannot be reached or the connection drops: the host becomes unreachable. */
export class UnreachableError extends Error {
  constructor(readonly host: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnreachableError';
  }
}

/** A command exceeded ExecOptions.timeoutMs. The task fails; the host stays reachable. */
export class CommandTimeoutError extends Error {
  constructor(readonly host: string, readonly timeoutMs: number) {
    super(`command timed out after ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'CommandTimeoutError';
  }
}

/** Everything needed to open a connection to one host, resolved from inventory vars, CLI flags and ~/.ssh/config. */
export interface ConnectionSpec {
  /** Inventory name. */
  readonly host: string;
  readonly kind: 'ssh' | 'local';
  /** Address to dial (ansible_host, ssh config HostName, or the inventory name). */
  readonly address: string;
  readonly port: number;
  readonly user?: string;
  /** SSH login password (ansible_password / ansible_ssh_pass), tried after the keys. Never logged. */
  readonly password?: string;
  readonly privateKeyFiles: readonly string[];
  /** Use $SSH_AUTH_SOCK when set. */
  readonly useAgent: boolean;
  /** known_hosts files to check host keys against (default ~/.ssh/known_hosts). */
  readonly knownHostsFiles: readonly string[];
  /** 'strict' (default) refuses unknown and changed keys; 'accept-new' trusts and records unknown ones; 'off' skips checking. */
  readonly hostKeyChecking: 'strict' | 'accept-new' | 'off';
  readonly connectTimeoutMs: number;
  /** Optional jump host (ssh config ProxyJump), already resolved. */
  readonly proxyJump?: ConnectionSpec;
}
