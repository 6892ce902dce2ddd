// What copy and template share once they have the bytes: directory destinations, force, backup,
// validate, check/diff mode, and Ansible's result fields.
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import type { ModuleContext, ModuleResult } from '../types.js';
import type { ArgsOf } from './define-module.js';
import { ensureFileFromArgs, fileAttributeProperties } from './file-attributes.js';
import { formatMode } from './mode.js';
import { readFileState } from './remote-file.js';
import { isLocalFile, ModuleFailure, type LocalFileContent } from './target.js';

/** Schema properties shared by copy and template. */
export const writeDestinationProperties = {
  dest: { type: 'string', description: 'Path on the target. An existing directory (or a path ending in /) receives the file under the source\'s base name.' },
  backup: { type: 'boolean', default: false, description: 'Keep a timestamped copy (path.PID.YYYY-MM-DD@HH:MM:SS~) when the content changes.' },
  force: { type: 'boolean', default: true, description: 'Replace the file when its content differs; false only creates a missing file.' },
  validate: { type: 'string', description: "Command run on the new file before it is put in place, %s is the file, e.g. 'visudo -cf %s'." },
} as const;

/** What writeDestination reads: the shared properties and the file attributes. */
export type WriteDestinationArgs = ArgsOf<{
  type: 'object';
  additionalProperties: false;
  properties: typeof writeDestinationProperties & typeof fileAttributeProperties;
  required: ['dest'];
}>;

/**
 * Put `content` at args.dest (or inside it when it is a directory, named `baseName`). A controller
 * file is compared with the target's by sha1 and streamed only when they differ.
 * Returns the module result; throws ModuleFailure on refused states.
 */
export async function writeDestination(ctx: ModuleContext, args: WriteDestinationArgs, content: Buffer | LocalFileContent, baseName: string | undefined, extra: Record<string, unknown> = {}): Promise<ModuleResult> {
  let dest = args.dest;
  // Without diff the target's content is not needed: its sha1 decides (a big file never travels back).
  const readOptions = ctx.diff ? {} : { maxContentBytes: 0 };
  let state = await readFileState(ctx, dest, readOptions);
  if (dest.endsWith('/') || state.isDir) {
    if (baseName === undefined) throw new ModuleFailure(`can not use content with a dir as dest (${dest})`);
    dest = posix.join(dest, baseName);
    state = await readFileState(ctx, dest, readOptions);
  }
  const checksum = isLocalFile(content) ? content.sha1 : createHash('sha1').update(content).digest('hex');
  const size = isLocalFile(content) ? content.size : content.length;
  if (state.exists && args.force === false) {
    return { changed: false, dest, checksum, msg: 'file already exists', ...extra };
  }
  const result = await ensureFileFromArgs(ctx, dest, content, args, state);
  const attrs = result.attributes;
  const out: ModuleResult = { changed: result.changed, dest, checksum, size, ...extra };
  if (attrs.mode !== undefined) out.mode = formatMode(attrs.mode);
  if (result.diff) out.diff = [result.diff];
  if (result.backupFile) out.backup_file = result.backupFile;
  if (attrs.warnings.length > 0) out.warnings = attrs.warnings;
  return out;
}
