// The one way modules talk to the target: every exec/put/get carries the task's become and timeout,
// so no module can forget them.
import type { ExecOptions, ExecResult } from '../../connection/types.js';
import type { ModuleContext } from '../types.js';

/** Run a POSIX sh command line on the target with the task's become and timeout. */
export function execOnTarget(ctx: ModuleContext, command: string, options: Omit<ExecOptions, 'become' | 'timeoutMs'> = {}): Promise<ExecResult> {
  return ctx.conn.exec(command, { ...options, become: ctx.become, timeoutMs: ctx.timeoutMs });
}

/** Run a command that must succeed; a non-zero exit becomes an Error carrying stderr (modules turn it into failed). */
export async function execChecked(ctx: ModuleContext, command: string, what: string, options: Omit<ExecOptions, 'become' | 'timeoutMs'> = {}): Promise<ExecResult> {
  const result = await execOnTarget(ctx, command, options);
  if (result.rc !== 0) throw new ModuleFailure(`${what}: ${result.stderr.trim() || result.stdout.trim() || `exit ${result.rc}`}`);
  return result;
}

/** Atomic write (temp file + rename) with the task's become. */
export function putOnTarget(ctx: ModuleContext, path: string, content: string | Buffer, options: { mode?: number; owner?: string; group?: string } = {}): Promise<void> {
  return ctx.conn.put(path, content, { ...options, become: ctx.become });
}

/**
 * A failure the module reports as `failed: true, msg` (bad state on the host, a refused argument
 * combination). Modules throw it from helpers and `asModuleFailure` turns it into a result.
 */
export class ModuleFailure extends Error {
  constructor(message: string, readonly data: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ModuleFailure';
  }
}

/** Run a module body, turning ModuleFailure into `{failed: true, msg}`; other errors propagate to the engine. */
export async function withModuleFailures<T extends { changed: boolean }>(body: () => Promise<T>): Promise<T | { changed: false; failed: true; msg: string; [key: string]: unknown }> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof ModuleFailure) return { ...error.data, changed: false, failed: true, msg: error.message };
    throw error;
  }
}

/** ModuleResult.msg is a string: messages given as lists or maps are shown as JSON (Ansible prints them structured). */
export function messageText(value: unknown, fallback: string): string {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
