// replace: replace every match of a regular expression in a file (Ansible's replace module).
// Regexes are JavaScript regexes with Python's MULTILINE semantics (^/$ per line); Python's
// (?P<name>), (?P=name), \A, \Z and \1 / \g<name> replacements are translated (lib/sys/python-regex.ts).
// after/before limit the section as Ansible does (DOTALL search for after...before).
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleDefinition, ModuleResult } from './types.js';
import { attributeSchemas, ensureAttributes } from './lib/sys/attrs.js';
import { guarded, hostRun, ModuleFailure, readTextFile, writeTextFile } from './lib/sys/host.js';
import { compilePython, pythonReplacementToJs } from './lib/sys/python-regex.js';

export interface ReplaceArgs {
  path: string;
  regexp: string;
  replace?: string;
  after?: string;
  before?: string;
  backup?: boolean;
  mode?: string | number;
  owner?: string;
  group?: string;
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['path', 'regexp'],
  properties: {
    path: { description: 'File to edit (must exist).', type: 'string' },
    regexp: { description: 'Regular expression (Python syntax subset, MULTILINE: ^ and $ match at each line).', type: 'string' },
    replace: { description: "Replacement; \\1 or \\g<name> insert groups (default '': delete matches).", type: 'string' },
    after: { description: 'Only replace after the first match of this expression.', type: 'string' },
    before: { description: 'Only replace before the first match of this expression.', type: 'string' },
    backup: { description: 'Keep a copy PATH.PID.YYYY-MM-DD@HH:MM:SS~ when the file changes (default false).', type: 'boolean' },
    ...attributeSchemas,
  },
};

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

async function runReplace(ctx: ModuleContext, args: ReplaceArgs): Promise<ModuleResult> {
  const before = await readTextFile(ctx, args.path);
  if (before === undefined) throw new ModuleFailure(`Path ${args.path} does not exist !`);
  const outcome = replaceInText(before, args);
  if (outcome === undefined) return { changed: false, msg: 'Pattern for before/after params did not match the given file' };
  const changed = outcome.text !== before;
  const result: ModuleResult = { changed, msg: changed ? `${outcome.count} replacements made` : '' };
  if (changed && ctx.diff) result.diff = [{ path: args.path, before, after: outcome.text }];
  if (changed && !ctx.check) {
    if (args.backup) {
      const q = shellQuote(args.path);
      const backup = await hostRun(ctx, `b=${q}.$$.$(date +%Y-%m-%d@%H:%M:%S)~; cp -p -- ${q} "$b" && printf '%s' "$b"`, `backing up ${args.path}`);
      result.backup_file = backup.stdout;
    }
    await writeTextFile(ctx, args.path, outcome.text);
  }
  if (await ensureAttributes(ctx, args.path, args)) result.changed = true;
  return result;
}

export const replaceModule: ModuleDefinition<ReplaceArgs> = { name: 'replace', schema, run: guarded(runReplace) };
