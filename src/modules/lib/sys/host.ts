// Shared plumbing of the system modules: run a command with the task's become/timeout, turn a
// failed command into a module failure, read and write small text files on the host.
import { shellQuote } from '../../../util/shell-quote.js';
import type { ExecResult } from '../../../connection/types.js';
import type { ModuleContext, ModuleResult } from '../../types.js';

/** Thrown inside a module to end it as a failed task with a one-line message (never a stack trace). */
export class ModuleFailure extends Error {
  constructor(message: string, readonly extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ModuleFailure';
  }
}

/** Wrap a module body: a ModuleFailure becomes `{failed: true, msg}`; anything else (unreachable...) propagates. */
export function guarded<A>(body: (ctx: ModuleContext, args: A) => Promise<ModuleResult>) {
  return async (ctx: ModuleContext, args: A): Promise<ModuleResult> => {
    try {
      return await body(ctx, args);
    } catch (error) {
      if (error instanceof ModuleFailure) return { changed: false, failed: true, msg: error.message, ...error.extra };
      throw error;
    }
  };
}

/** Run one command line on the host with the task's become and timeout. */
export function hostExec(ctx: ModuleContext, command: string, stdin?: string | Buffer): Promise<ExecResult> {
  return ctx.conn.exec(command, { become: ctx.become, timeoutMs: ctx.timeoutMs, stdin });
}

/** Run a command that must succeed; on failure the task fails with `what` and the command's own message. */
export async function hostRun(ctx: ModuleContext, command: string, what: string, stdin?: string | Buffer): Promise<ExecResult> {
  const result = await hostExec(ctx, command, stdin);
  if (result.rc !== 0) {
    const detail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-3).join(' ');
    throw new ModuleFailure(`${what} failed (rc=${result.rc}): ${detail}`, { rc: result.rc, stdout: result.stdout, stderr: result.stderr });
  }
  return result;
}

const MISSING_RC = 3;

/** The file's text, or undefined when it does not exist. Base64 on the wire keeps every byte. */
export async function readTextFile(ctx: ModuleContext, path: string): Promise<string | undefined> {
  const q = shellQuote(path);
  const result = await hostExec(ctx, `if [ -e ${q} ]; then base64 < ${q} | tr -d '\\n'; else exit ${MISSING_RC}; fi`);
  if (result.rc === MISSING_RC) return undefined;
  if (result.rc !== 0) throw new ModuleFailure(`cannot read ${path}: ${result.stderr.trim() || `rc=${result.rc}`}`);
  return Buffer.from(result.stdout.trim(), 'base64').toString('utf8');
}

/** Atomic write through the connection (temp file + rename; keeps an existing file's mode/owner). */
export async function writeTextFile(ctx: ModuleContext, path: string, content: string, mode?: number): Promise<void> {
  try {
    await ctx.conn.put(path, content, { become: ctx.become, mode });
  } catch (error) {
    throw new ModuleFailure(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function removeFile(ctx: ModuleContext, path: string): Promise<void> {
  await hostRun(ctx, `rm -f -- ${shellQuote(path)}`, `removing ${path}`);
}

/** A fact from ctx.vars.ansible_facts (or the ansible_NAME shorthand), as a string. */
export function factOf(ctx: ModuleContext, name: string): string | undefined {
  const facts = ctx.vars['ansible_facts'];
  const fromFacts = facts && typeof facts === 'object' ? (facts as Record<string, unknown>)[name] : undefined;
  const value = fromFacts ?? ctx.vars[`ansible_${name}`];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
