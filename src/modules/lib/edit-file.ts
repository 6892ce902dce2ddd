// What lineinfile and blockinfile share: read the file, apply a pure text edit, write it back with
// ensureFile (backup, validate, attributes, check and diff mode), and shape the result.
import type { ModuleContext, ModuleResult } from '../types.js';
import type { PropertiesArgs } from './define-module.js';
import { ensureFileFromArgs, type FileAttributeArgs } from './file-attributes.js';
import type { EditResult } from './line-edit.js';
import { readFileState } from './remote-file.js';
import { shellQuote } from '../../util/shell-quote.js';
import { execChecked, ModuleFailure } from './target.js';

export async function editFile(ctx: ModuleContext, path: string, args: EditFileArgs, edit: (text: string) => EditResult, absentIsOk: boolean): Promise<ModuleResult> {
  // Through a symlink the file it leads to is edited and the link kept, as Ansible does.
  const state = await readFileState(ctx, path, { follow: true, maxContentBytes: 64 * 1024 * 1024 });
  if (state.isDir) throw new ModuleFailure(`Path ${path} is a directory !`);
  if (!state.exists) {
    if (absentIsOk) return { changed: false, msg: 'file not present', path };
    if (!args.create) throw new ModuleFailure(`Destination ${path} does not exist !`, { rc: 257 });
  }
  const before = state.content?.toString('utf8') ?? '';
  const edited = edit(before);
  const result: ModuleResult = { changed: false, msg: edited.msg, path };
  if (edited.found !== undefined) result.found = edited.found;
  // Nothing to add to a missing file (e.g. an empty block): leave it missing.
  if (!state.exists && !edited.changed) return result;
  if (!state.exists && !ctx.check) {
    // Ansible creates missing parent directories for create: true.
    const file = state.realPath ?? path;
    await execChecked(ctx, `mkdir -p -- "$(dirname -- ${shellQuote(file)})"`, `cannot create the directory of ${file}`);
  }
  const written = await ensureFileFromArgs(ctx, path, Buffer.from(edited.text, 'utf8'), args, state, { throughLink: true });
  if (written.attributes.warnings.length > 0) result.warnings = written.attributes.warnings;
  result.changed = written.changed;
  if (written.changed && !edited.changed) result.msg = 'ownership, perms or SE linux context changed';
  if (written.diff) result.diff = [written.diff];
  if (written.backupFile) result.backup = written.backupFile;
  return result;
}

/** The file argument of lineinfile and blockinfile (first in their schemas; one of them is required). */
export const editedPathProperties = {
  path: { type: 'string', description: 'File to edit (alias: dest). Through a symlink the file it leads to is edited and the link kept, as in Ansible.' },
  dest: { type: 'string', description: 'Alias of path.' },
} as const;

export const editedPathRequired = [{ required: ['path'] }, { required: ['dest'] }] as const;

/** Refuse a bad insertafter/insertbefore/regexp before touching anything ('EOF' and 'BOF' are keywords). */
export function validateRegexps(patterns: readonly (string | undefined)[]): void {
  for (const p of patterns) {
    if (p === undefined || p === 'EOF' || p === 'BOF') continue;
    try {
      new RegExp(p);
    } catch (error) {
      throw new ModuleFailure(`invalid regular expression ${JSON.stringify(p)}: ${(error as Error).message}`);
    }
  }
}

/** Schema properties shared by lineinfile and blockinfile. */
export const editFileProperties = {
  create: { type: 'boolean', default: false, description: 'Create the file when it does not exist (otherwise a missing file fails).' },
  backup: { type: 'boolean', default: false, description: 'Keep a timestamped copy (path.PID.YYYY-MM-DD@HH:MM:SS~) when the content changes.' },
  validate: { type: 'string', description: "Command run on the edited file before it is put in place, %s is the file, e.g. 'visudo -cf %s'." },
} as const;

/** What editFile reads: the shared edit properties and the file attributes. */
export type EditFileArgs = PropertiesArgs<typeof editFileProperties> & FileAttributeArgs;
