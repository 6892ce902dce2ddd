// replace: replace every match of a regular expression in a file (Ansible's replace module).
// Regexes are JavaScript regexes with Python's MULTILINE semantics (^/$ per line); Python's
// (?P<name>), (?P=name), \A, \Z and \1 / \g<name> replacements are translated (lib/sys/python-regex.ts).
// after/before limit the section as Ansible does (DOTALL search for after...before).
import type { ModuleContext, ModuleResult } from './types.js';
import { ensureFileFromArgs } from './lib/file-attributes.js';
import { readFileState } from './lib/remote-file.js';
import { attributeSchemas } from './lib/sys/args.js';
import { ModuleFailure } from './lib/target.js';
import { compilePython, pythonReplacementToJs } from './lib/sys/python-regex.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type ReplaceArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'regexp'],
  properties: {
    path: { description: 'File to edit (must exist). Through a symlink the file it leads to is edited and the link kept.', type: 'string' },
    regexp: { description: 'Regular expression (Python syntax subset, MULTILINE: ^ and $ match at each line).', type: 'string' },
    replace: { description: "Replacement; \\1 or \\g<name> insert groups (default '': delete matches).", type: 'string' },
    after: { description: 'Only replace after the first match of this expression.', type: 'string' },
    before: { description: 'Only replace before the first match of this expression.', type: 'string' },
    backup: { description: 'Keep a copy PATH.PID.YYYY-MM-DD@HH:MM:SS~ when the file changes (default false).', type: 'boolean' },
    ...attributeSchemas,
  },
} as const;

/** Returns the new text and the number of replacements, or undefined when after/before did not match. */
export function replaceInText(text: string, args: Pick<ReplaceArgs, 'regexp' | 'replace' | 'after' | 'before'>): { text: string; count: number } | undefined {
  let start = 0;
  let end = text.length;
  if (args.after !== undefined || args.before !== undefined) {
    const source = `${args.after ?? ''}(?<tsplaysection>[\\s\\S]*${args.after !== undefined && args.before !== undefined ? '?' : ''})${args.before ?? ''}`;
    const section = compilePython(source, 'd').exec(text);
    const indices = section?.indices?.groups?.['tsplaysection'];
    if (!indices) return undefined;
    [start, end] = indices;
  }
  const regex = compilePython(args.regexp, 'gm');
  const segment = text.slice(start, end);
  const count = [...segment.matchAll(regex)].length;
  const middle = segment.replace(regex, pythonReplacementToJs(args.replace ?? ''));
  return { text: text.slice(0, start) + middle + text.slice(end), count };
}

/** Files larger than this are refused rather than carried to the controller whole. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

async function runReplace(ctx: ModuleContext, args: ReplaceArgs): Promise<ModuleResult> {
  // Through a symlink the file it points to is edited, as Ansible's replace does.
  const state = await readFileState(ctx, args.path, { follow: true, maxContentBytes: MAX_FILE_BYTES });
  if (!state.exists) throw new ModuleFailure(`Path ${args.path} does not exist !`);
  if (state.isDir) throw new ModuleFailure(`Path ${args.path} is a directory !`);
  if (state.content === undefined) throw new ModuleFailure(`cannot read ${args.path}: larger than ${MAX_FILE_BYTES} bytes`);
  const before = state.content.toString('utf8');
  const outcome = replaceInText(before, args);
  if (outcome === undefined) return { changed: false, msg: 'Pattern for before/after params did not match the given file' };
  // Compare as text: bytes that are not UTF-8 must not count as a change when nothing was replaced.
  const textChanged = outcome.text !== before;
  const written = await ensureFileFromArgs(ctx, args.path, textChanged ? Buffer.from(outcome.text, 'utf8') : state.content, args, state, { throughLink: true });
  const result: ModuleResult = { changed: written.changed, msg: textChanged ? `${outcome.count} replacements made` : '' };
  if (written.diff) result.diff = [written.diff];
  if (written.backupFile) result.backup_file = written.backupFile;
  return result;
}

export const replaceModule = defineModule({ name: 'replace', schema, run: runReplace });
