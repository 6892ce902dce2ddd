// The one way modules talk to the target: every exec/put/get carries the task's become and timeout,
// so no module can forget them.
import type { ExecOptions, ExecResult } from '../../connection/types.js';
import { TsplayError } from '../../errors.js';
import type { ModuleContext, ModuleResult } from '../types.js';

/** Options of a command run on the target; become and timeout always come from the task. */
export type TargetExecOptions = Omit<ExecOptions, 'become' | 'timeoutMs'>;

/** Run a POSIX sh command line on the target with the task's become and timeout. */
export function execOnTarget(ctx: ModuleContext, command: string, options: TargetExecOptions = {}): Promise<ExecResult> {
  return ctx.conn.exec(command, { ...options, become: ctx.become, timeoutMs: ctx.timeoutMs });
}

export interface CheckedExecOptions extends TargetExecOptions {
  /**
   * How a non-zero exit reads. 'brief' (default): `what: <stderr>`. 'tool': `what failed (rc=N): <last
   * three lines>`, with rc/stdout/stderr kept in the failed result, for package managers and other
   * system tools whose own output is what the user needs to see.
   */
  readonly failure?: 'brief' | 'tool';
}

/** Run a command that must succeed; a non-zero exit becomes a ModuleFailure carrying the command's message. */
export async function execChecked(ctx: ModuleContext, command: string, what: string, options: CheckedExecOptions = {}): Promise<ExecResult> {
  const { failure = 'brief', ...execOptions } = options;
  const result = await execOnTarget(ctx, command, execOptions);
  if (result.rc === 0) return result;
  if (failure === 'brief') throw new ModuleFailure(`${what}: ${result.stderr.trim() || result.stdout.trim() || `exit ${result.rc}`}`);
  const detail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-3).join(' ');
  throw new ModuleFailure(`${what} failed (rc=${result.rc}): ${detail}`, { rc: result.rc, stdout: result.stdout, stderr: result.stderr });
}

/** execChecked with the 'tool' failure style (apt-get, systemctl, modprobe, sysctl...). */
export function execTool(ctx: ModuleContext, command: string, what: string, stdin?: string | Buffer): Promise<ExecResult> {
  return execChecked(ctx, command, what, { stdin, failure: 'tool' });
}

/**
 * execTool for commands that may start daemons (package installs, service starts): they run on a
 * channel of their own, so a daemon that keeps our stdout open cannot mix into later commands' output.
 */
export function execStartingDaemons(ctx: ModuleContext, command: string, what: string): Promise<ExecResult> {
  return execChecked(ctx, command, what, { failure: 'tool', ownChannel: true });
}

/**
 * A controller file's content, described without reading it whole: it streams when it is written
 * (connection upload: SFTP or a pipe), and its sha1 decides whether it needs writing at all.
 */
export interface LocalFileContent {
  readonly localPath: string;
  readonly sha1: string;
  readonly size: number;
}

/** Content a module writes: text or bytes it built, or a controller file streamed as it goes. */
export type FileContent = string | Buffer | LocalFileContent;

export function isLocalFile(content: FileContent): content is LocalFileContent {
  return typeof content === 'object' && !Buffer.isBuffer(content);
}

/** Atomic write (temp file checked by sha1, then rename) with the task's become. */
export async function putOnTarget(ctx: ModuleContext, path: string, content: FileContent, options: { mode?: number; owner?: string; group?: string } = {}): Promise<void> {
  if (!isLocalFile(content)) return ctx.conn.put(path, content, { ...options, become: ctx.become });
  await ctx.conn.upload(path, { localPath: content.localPath }, { ...options, sha1: content.sha1, become: ctx.become });
}

/**
 * A failure the module reports as `failed: true, msg`: bad state on the host, or a module usage error
 * (a refused argument combination), the one form modules use for both. Modules throw it from `run`
 * or its helpers and `withModuleFailures` (applied by defineModule) turns it into a result.
 */
export class ModuleFailure extends TsplayError {
  constructor(message: string, readonly data: Record<string, unknown> = {}) {
    super(message, { kind: 'runtime' });
    this.name = 'ModuleFailure';
  }
}

/**
 * Run a module body, turning ModuleFailure into `{failed: true, msg}`; other errors propagate to the
 * engine. A failure is unchanged unless its data says it changed the host first (apt_key's add
 * that did not give the expected id: Ansible reports it failed and changed).
 */
export async function withModuleFailures<T extends { changed: boolean }>(body: () => Promise<T>): Promise<T | { changed: boolean; failed: true; msg: string; [key: string]: unknown }> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ModuleFailure) return { ...error.data, changed: error.data['changed'] === true, failed: true, msg: error.message };
    throw error;
  }
}

/** A module's `run` made of a named body function, with ModuleFailure turned into a failed result. */
export function moduleRunner<A>(body: (ctx: ModuleContext, args: A) => Promise<ModuleResult>): (ctx: ModuleContext, args: A) => Promise<ModuleResult> {
  return (ctx, args) => withModuleFailures(() => body(ctx, args));
}

/** A user's message (debug, fail, assert) as Ansible returns it: a list or dict stays structured. */
export function messageValue(value: unknown, fallback: string): unknown {
  return value === undefined || value === null ? fallback : value;
}
