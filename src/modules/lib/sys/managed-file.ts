// Make a small text file have exactly some content (or not exist): read, compare, write atomically
// only on a difference, never in check mode; report a diff of the file.
import type { FileDiff, ModuleContext } from '../../types.js';
import { readTextFile, removeFile, writeTextFile } from './host.js';

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
