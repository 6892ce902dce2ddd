// Small config files of the system modules (sources lists, sysctl.d, modules-load.d, fstab...): read
// whole as text (following a symlink, as the tools that read them do), compare, and write atomically
// or remove only on a difference, never in check mode. Unlike lib/remote-file's ensureFile (a file
// with attributes, backup and validate), the desired state may be "no file", and a file's mode is
// only set when its content is written.
import { shellQuote } from '../../../util/shell-quote.js';
import type { FileDiff, ModuleContext } from '../../types.js';
import { execOnTarget, execTool, ModuleFailure, putOnTarget } from '../target.js';

const MISSING_RC = 3;

/** The file's text, or undefined when it does not exist. Base64 on the wire keeps every byte. */
export async function readTextFile(ctx: ModuleContext, path: string): Promise<string | undefined> {
  const q = shellQuote(path);
  const result = await execOnTarget(ctx, `if [ -e ${q} ]; then base64 < ${q} | tr -d '\\n'; else exit ${MISSING_RC}; fi`);
  if (result.rc === MISSING_RC) return undefined;
  if (result.rc !== 0) throw new ModuleFailure(`cannot read ${path}: ${result.stderr.trim() || `rc=${result.rc}`}`);
  return Buffer.from(result.stdout.trim(), 'base64').toString('utf8');
}

export async function removeFile(ctx: ModuleContext, path: string): Promise<void> {
  await execTool(ctx, `rm -f -- ${shellQuote(path)}`, `removing ${path}`);
}

/** Atomic write through the connection (temp file + rename; keeps an existing file's mode/owner). */
async function writeTextFile(ctx: ModuleContext, path: string, content: string, mode?: number): Promise<void> {
  try {
    await putOnTarget(ctx, path, content, { mode });
  } catch (error) {
    throw new ModuleFailure(`cannot write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface EnsureOutcome {
  readonly changed: boolean;
  readonly before: string | undefined;
  readonly diff?: FileDiff;
}

/** `desired === undefined` means the file must not exist. */
export async function ensureTextFile(ctx: ModuleContext, path: string, desired: string | undefined, mode?: number): Promise<EnsureOutcome> {
  const before = await readTextFile(ctx, path);
  return applyTextFile(ctx, path, before, desired, mode);
}

/** Same as ensureTextFile when the caller already read the file. */
export async function applyTextFile(ctx: ModuleContext, path: string, before: string | undefined, desired: string | undefined, mode?: number): Promise<EnsureOutcome> {
  const changed = before !== desired;
  const diff = changed ? { path, before: before ?? '', after: desired ?? '' } : undefined;
  if (changed && !ctx.check) {
    if (desired === undefined) await removeFile(ctx, path);
    else await writeTextFile(ctx, path, desired, before === undefined ? mode ?? 0o644 : mode);
  }
  return { changed, before, diff };
}
