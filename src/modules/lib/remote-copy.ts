// copy with remote_src: the source file is already on the target, so the bytes never travel to the
// controller. The sha1 of both sides decides; the copy is made next to the destination (cp keeps the
// source's mode, as Ansible's copystat), takes an existing destination's mode and owner (Ansible's
// atomic_move), passes `validate`, then is renamed over the destination. No diff: Ansible shows none
// for remote_src either.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { shellQuote } from '../../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from '../types.js';
import { ensureAttributesFromArgs, resolveAttributes, ensureAttributes } from './file-attributes.js';
import { formatMode } from './mode.js';
import { backupOnTarget, readFileState, type FileState } from './remote-file.js';
import { execOnTarget, ModuleFailure } from './target.js';
import type { WriteDestinationArgs } from './write-destination.js';

const VALIDATE_FAILED = 3;

/** Copy the regular file `src` (already read, following links) to args.dest on the same host. */
export async function copyRemoteFile(ctx: ModuleContext, args: WriteDestinationArgs, src: string, source: FileState): Promise<ModuleResult> {
  let dest = args.dest;
  let state = await readFileState(ctx, dest, { maxContentBytes: 0 });
  if (dest.endsWith('/') || state.isDir) {
    dest = posix.join(dest, posix.basename(src));
    state = await readFileState(ctx, dest, { maxContentBytes: 0 });
  }
  const base = { dest, src, checksum: source.checksum, size: source.size, state: 'file' };
  if (state.exists && args.force === false) return { changed: false, ...base, msg: 'file already exists' };
  if (state.isDir) throw new ModuleFailure(`${dest} is a directory`);
  const contentDiffers = !state.exists || state.isLink || state.checksum !== source.checksum;
  if (!contentDiffers) {
    const attributes = resolveAttributes(args, state, false);
    const changed = await ensureAttributes(ctx, dest, state, attributes);
    return { changed, ...base, mode: formatMode(attributes.mode ?? state.mode ?? 0), ...warningsOf(attributes.warnings) };
  }
  if (ctx.check) return { changed: true, ...base };
  const backup = args.backup && state.isFile ? await backupOnTarget(ctx, dest) : undefined;
  await copyOver(ctx, src, dest, state.exists && !state.isLink, args.validate);
  await ensureAttributesFromArgs(ctx, dest, args);
  const after = await readFileState(ctx, dest, { maxContentBytes: 0, checksum: false });
  return { changed: true, ...base, mode: formatMode(after.mode ?? 0), ...(backup === undefined ? {} : { backup_file: backup }) };
}

const warningsOf = (warnings: readonly string[]) => (warnings.length > 0 ? { warnings: [...warnings] } : {});

/** One script: copy to a temporary file beside dest, keep dest's mode/owner, validate, rename. */
async function copyOver(ctx: ModuleContext, src: string, dest: string, keepDestAttributes: boolean, validate: string | undefined): Promise<void> {
  if (validate !== undefined && !validate.includes('%s')) throw new ModuleFailure(`validate must contain %s (the file to check): ${validate}`);
  const q = shellQuote(dest);
  const temp = shellQuote(posix.join(posix.dirname(dest), `.tsplay-copy.${randomBytes(6).toString('hex')}.${posix.basename(dest)}`));
  const script = [
    `[ -d "$(dirname -- ${q})" ] || { echo "Destination directory $(dirname -- ${q}) does not exist" >&2; exit 1; }`,
    `trap 'rm -f -- ${temp}' EXIT`,
    `cp --preserve=mode,timestamps -- ${shellQuote(src)} ${temp} || exit 1`,
    ...(keepDestAttributes ? [`chmod --reference=${q} ${temp} && { chown --reference=${q} ${temp} 2>/dev/null || :; }`] : []),
    ...(validate === undefined ? [] : [`( ${validate.split('%s').join(temp)} ) >&2 || { echo "validation failed: exit $?" >&2; exit ${VALIDATE_FAILED}; }`]),
    `mv -f -- ${temp} ${q}`,
  ].join('\n');
  const result = await execOnTarget(ctx, script);
  if (result.rc === VALIDATE_FAILED) throw new ModuleFailure(`failed to validate: ${result.stderr.trim()}`, { validate_cmd: validate });
  if (result.rc !== 0) throw new ModuleFailure(`cannot copy ${src} to ${dest}: ${result.stderr.trim() || `exit ${result.rc}`}`);
}
