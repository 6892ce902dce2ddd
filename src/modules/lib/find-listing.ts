// The find module's one listing round trip: GNU find prints every entry Ansible's os.walk would
// look at (NUL-separated fields, so any byte of a name survives), and the entries are put back in
// os.walk's order (per directory: its files, then its directories, then each directory's contents).
import { posix } from 'node:path';
import { shellQuote } from '../../util/shell-quote.js';
import type { ModuleContext } from '../types.js';
import { isDirMode, isLinkMode, modeFromFind, type RawStat } from './stat-record.js';
import { execChecked, execOnTarget } from './target.js';

export interface FoundEntry {
  /** Normalized path, as find.py's os.path.normpath(join(root, name)). */
  readonly path: string;
  readonly name: string;
  /** lstat of the entry (find.py never follows the entry itself). */
  readonly stat: RawStat;
  /** Depth below the searched path (1 = directly in it). */
  readonly depth: number;
  /** os.walk lists it among the directories (a directory, or a link to one). */
  readonly walkDir: boolean;
}

export interface PathListing {
  readonly root: string;
  /** undefined: not a directory (Ansible skips the path with a warning). */
  readonly entries?: FoundEntry[];
}

const FIELDS = '%y\\0%Y\\0%m\\0%U\\0%G\\0%u\\0%g\\0%s\\0%i\\0%D\\0%n\\0%A@\\0%T@\\0%C@\\0%d\\0%p\\0';
const FIELD_COUNT = 16;

/** A start point find cannot take for an option. */
const startPoint = (path: string) => shellQuote(path.startsWith('/') || path.startsWith('.') ? path : `./${path}`);

export interface ListOptions {
  readonly follow: boolean;
  /** find -maxdepth: 1 without recurse; depth + 1 with a depth (os.walk still lists that level); none for a full walk. */
  readonly maxDepth?: number;
}

/** The target's clock, then each path's entries. find's complaints (unreadable directories) come back as warnings. */
export async function listPaths(ctx: ModuleContext, paths: readonly string[], options: ListOptions): Promise<{ now: number; listings: PathListing[]; warnings: string[] }> {
  const find = `find ${options.follow ? '-L ' : ''}`;
  const limit = options.maxDepth === undefined ? '' : ` -maxdepth ${options.maxDepth}`;
  // With -L, find describes what links point to: `-xtype l` still tells a link, whose own lstat is read after.
  const marker = options.follow ? `\\( -xtype l -printf L -o -printf R \\) ` : `-printf R `;
  const script = [
    `printf 'T%s\\0' "$(date +%s.%N)"`,
    ...paths.map((p) => `if [ -d ${startPoint(p)} ]; then printf '@\\0'; ${find}${startPoint(p)} -mindepth 1${limit} ${marker}-printf '${FIELDS}'; else printf '!\\0'; fi`),
  ].join('\n');
  const result = await execOnTarget(ctx, script);
  const fields = result.stdout.split('\0');
  const now = Number(fields[0]!.slice(1));
  const listings: PathListing[] = [];
  const links: { listing: number; index: number; path: string }[] = [];
  let current: FoundEntry[] | undefined;
  for (let i = 1; i < fields.length - 1;) {
    const head = fields[i]!;
    if (head === '@' || head === '!') {
      current = head === '@' ? [] : undefined;
      listings.push({ root: normalize(paths[listings.length]!), entries: current });
      i++;
      continue;
    }
    const record = fields.slice(i, i + FIELD_COUNT);
    i += FIELD_COUNT;
    const entry = entryFrom(record);
    if (head.startsWith('L')) links.push({ listing: listings.length - 1, index: current!.length, path: record[FIELD_COUNT - 1]! });
    current!.push(entry);
  }
  if (links.length > 0) await replaceLinkStats(ctx, listings, links);
  const warnings = result.stderr.split('\n').filter((l) => l.trim() !== '');
  return { now, listings, warnings };
}

function entryFrom(record: readonly string[]): FoundEntry {
  const [type = '', targetType = '', perms = '0', uid, gid, owner = '', group = '', size, inode, dev, nlink, atime, mtime, ctime, depth, path = ''] = record;
  const mode = modeFromFind(type.replace(/^[LR]/, ''), perms);
  const stat: RawStat = {
    mode, uid: Number(uid), gid: Number(gid), owner, group, size: Number(size), inode: Number(inode), dev: Number(dev),
    nlink: Number(nlink), atime: Number(atime), mtime: Number(mtime), ctime: Number(ctime),
  };
  const normalized = normalize(path);
  return { path: normalized, name: posix.basename(normalized), stat, depth: Number(depth), walkDir: isDirMode(mode) || (isLinkMode(mode) && targetType === 'd') };
}

/** Under -L the listing described the links' targets: read the links themselves (one more round trip). */
async function replaceLinkStats(ctx: ModuleContext, listings: PathListing[], links: readonly { listing: number; index: number; path: string }[]): Promise<void> {
  const script = links.map((l) => `find ${startPoint(l.path)} -maxdepth 0 -printf 'R${FIELDS}'`).join('\n');
  const fields = (await execChecked(ctx, script, 'cannot read the links found')).stdout.split('\0');
  links.forEach((link, n) => {
    const own = entryFrom(fields.slice(n * FIELD_COUNT, (n + 1) * FIELD_COUNT));
    const entries = listings[link.listing]!.entries!;
    // Still walked as a directory when it leads to one: os.walk(followlinks=True) descends into it.
    entries[link.index] = { ...own, depth: entries[link.index]!.depth, walkDir: entries[link.index]!.walkDir };
  });
}

function normalize(path: string): string {
  const n = posix.normalize(path);
  return n.length > 1 ? n.replace(/\/+$/, '') : n;
}

/** The entries in os.walk's order: top-down, each directory's non-directories first, then its directories. */
export function walkOrder(listing: PathListing): FoundEntry[] {
  const children = new Map<string, FoundEntry[]>();
  for (const e of listing.entries ?? []) {
    const parent = posix.dirname(e.path);
    const list = children.get(parent) ?? [];
    list.push(e);
    children.set(parent, list);
  }
  const out: FoundEntry[] = [];
  const walk = (dir: string): void => {
    const kids = children.get(dir) ?? [];
    const dirs = kids.filter((k) => k.walkDir);
    out.push(...kids.filter((k) => !k.walkDir), ...dirs);
    for (const d of dirs) walk(d.path);
  };
  walk(listing.root);
  return out;
}
