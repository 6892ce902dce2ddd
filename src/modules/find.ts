// find: list files on the target by name, type, age, size and content, as Ansible's find module.
// GNU find lists every entry once (lib/find-listing.ts); the filters run here on its lstat fields
// (lib/find-filters.ts); only `contains` (grep -P on the target, Python-like regexes) and
// `get_checksum` (sha1sum) need one more round trip each, for the entries still in the running.
import { shellQuote } from '../util/shell-quote.js';
import { defineModule } from './lib/define-module.js';
import { expandPaths } from './lib/expand-path.js';
import { ageMatches, listArgument, nameFilter, parseAge, parseSize, sizeMatches } from './lib/find-filters.js';
import { listPaths, walkOrder, type FoundEntry } from './lib/find-listing.js';
import { isDirMode, isLinkMode, isRegMode, statInfo } from './lib/stat-record.js';
import { execChecked, execOnTarget, ModuleFailure } from './lib/target.js';
import type { ModuleContext } from './types.js';

const stringList = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } as const;

export const findModule = defineModule({
  name: 'find',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      paths: { ...stringList, description: 'Directories to search (aliases: name, path); a string is split on commas. `~` and `$VAR` expand from the target user\'s environment, as in Ansible.' },
      name: { ...stringList, description: 'Alias of paths.' },
      path: { ...stringList, description: 'Alias of paths.' },
      patterns: { ...stringList, description: "Base names to match (alias: pattern): shell globs, or Python regexes (re.match) with use_regex. A string is split on commas. Default: every name." },
      pattern: { ...stringList, description: 'Alias of patterns.' },
      excludes: { ...stringList, description: 'Base names to leave out, same syntax as patterns (alias: exclude).' },
      exclude: { ...stringList, description: 'Alias of excludes.' },
      use_regex: { type: 'boolean', default: false, description: 'patterns and excludes are regular expressions, not globs.' },
      file_type: { enum: ['file', 'directory', 'link', 'any'], default: 'file', description: 'Type of the entries returned (a link is never followed to decide).' },
      recurse: { type: 'boolean', default: false, description: 'Descend into subdirectories.' },
      depth: { type: 'integer', description: 'With recurse: the deepest level returned (1 = directly in the path).' },
      hidden: { type: 'boolean', default: false, description: "Also return names starting with '.' (hidden directories are searched either way, as in Ansible)." },
      follow: { type: 'boolean', default: false, description: 'Descend into symlinked directories.' },
      age: { type: 'string', description: "At least this old (e.g. '2d', '4w', '30m'; units s m h d w); negative: at most this old." },
      age_stamp: { enum: ['atime', 'ctime', 'mtime'], default: 'mtime', description: 'Which time age compares.' },
      size: { type: 'string', description: "At least this large (e.g. '10m'; units b k m g t); negative: at most. Regular files only." },
      contains: { type: 'string', description: 'A regular expression one line must match from its start (Python re.match; run with grep -P on the target). file_type=file only.' },
      read_whole_file: { type: 'boolean', default: false, description: 'contains is searched in the whole file instead (re.search).' },
      get_checksum: { type: 'boolean', default: false, description: 'Add the sha1 `checksum` of each regular file returned.' },
    },
    anyOf: [{ required: ['paths'] }, { required: ['name'] }, { required: ['path'] }],
  },
  runsInCheckMode: true,
  async run(ctx, args) {
    const paths = await expandPaths(ctx, listArgument(args.paths ?? args.name ?? args.path));
    const matchesName = nameFilter(listArgument(args.patterns ?? args.pattern), listArgument(args.excludes ?? args.exclude), args.use_regex === true);
    const age = args.age === undefined ? undefined : parseAge(args.age);
    const size = args.size === undefined ? undefined : parseSize(args.size);
    const fileType = args.file_type ?? 'file';
    const recurse = args.recurse === true;
    // find.py: `if params['depth']`, so 0 means no limit; os.walk lists one level below the last it returns.
    const maxDepth = !recurse ? 1 : args.depth ? Math.max(args.depth, 0) + 1 : undefined;
    const { now, listings, warnings } = await listPaths(ctx, paths, { follow: args.follow === true, maxDepth });

    const stampOf = (e: FoundEntry) => e.stat[args.age_stamp ?? 'mtime'];
    const typeMatches = (e: FoundEntry): boolean => {
      const mode = e.stat.mode;
      if (fileType === 'any') return !isRegMode(mode) || sizeMatches(e.stat.size, size);
      if (fileType === 'directory') return isDirMode(mode);
      if (fileType === 'link') return isLinkMode(mode);
      return isRegMode(mode) && sizeMatches(e.stat.size, size);
    };
    const skipped: Record<string, string> = {};
    let examined = 0;
    let found: FoundEntry[] = [];
    for (const listing of listings) {
      if (listing.entries === undefined) {
        skipped[listing.root] = `'${listing.root}' is not a directory`;
        warnings.push(`Skipped '${listing.root}' path due to this access issue: ${skipped[listing.root]}`);
        continue;
      }
      examined += listing.entries.length;
      found.push(...walkOrder(listing).filter((e) =>
        !(args.depth && e.depth > args.depth) &&
        (args.hidden === true || !e.name.startsWith('.')) &&
        typeMatches(e) && matchesName(e.name) && ageMatches(now, stampOf(e), age)));
    }
    if (fileType === 'file' && args.contains !== undefined) found = await containing(ctx, found, args.contains, args.read_whole_file === true);
    const checksums = args.get_checksum ? await sha1Of(ctx, found.filter((e) => isRegMode(e.stat.mode))) : new Map<string, string | null>();
    const files = found.map((e) => ({ path: e.path, ...statInfo(e.stat), ...(checksums.has(e.path) ? { checksum: checksums.get(e.path) } : {}) }));
    return {
      changed: false,
      files,
      matched: files.length,
      examined,
      skipped_paths: skipped,
      msg: warnings.length > 0 ? 'Not all paths examined, check warnings for details' : 'All paths examined',
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  },
});

/** The entries one of whose lines matches `pattern` from its start (or, whole file, anywhere). */
async function containing(ctx: ModuleContext, entries: FoundEntry[], pattern: string, wholeFile: boolean): Promise<FoundEntry[]> {
  if (entries.length === 0) return entries;
  const grep = wholeFile ? `grep -qzP -- ${shellQuote(pattern)}` : `grep -qP -- ${shellQuote(`^(?:${pattern})`)}`;
  const script = [
    // A grep without -P (busybox, BSD) cannot run Python-like regexes: say so instead of matching nothing.
    `printf '' | grep -P '' >/dev/null 2>&1; [ $? -le 1 ] || { echo "contains needs GNU grep with -P (PCRE) on the target" >&2; exit 9; }`,
    ...entries.map((e) => `${grep} ${shellQuote(e.path)} 2>/dev/null; echo $?`),
  ].join('\n');
  const result = await execOnTarget(ctx, script);
  if (result.rc === 9) throw new ModuleFailure(result.stderr.trim());
  const codes = result.stdout.split('\n');
  return entries.filter((_, i) => codes[i] === '0');
}

/** sha1 of each regular file (null when it cannot be read, as Ansible's module.sha1 of an unreadable file). */
async function sha1Of(ctx: ModuleContext, entries: readonly FoundEntry[]): Promise<Map<string, string | null>> {
  if (entries.length === 0) return new Map();
  const script = entries.map((e) => `{ sha1sum < ${shellQuote(e.path)} 2>/dev/null || echo; } | head -n 1`).join('\n');
  const lines = (await execChecked(ctx, script, 'cannot checksum the files found')).stdout.split('\n');
  return new Map(entries.map((e, i) => [e.path, lines[i]?.split(' ')[0] || null]));
}
