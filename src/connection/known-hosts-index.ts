// A host's known_hosts entries without reading and scanning the whole file per connection. Each
// connection used to parse every known_hosts file and match every line's patterns against the
// host (building a RegExp per pattern): with N hosts in the file that is O(N) per connection and
// O(N²) per run, about 4 of 8.5 s of controller CPU when connecting to 250 hosts. Now a run parses
// each file once (again only when its size, mtime or inode changed, so keys that accept-new
// appends are seen) and looks plain host names up in a map; only hashed, wildcard and negated
// entries are still matched one by one.
import { stat } from 'node:fs/promises';
import { entryMatchesHost, loadKnownHosts, type KnownHostEntry } from './known-hosts.js';

export interface KnownHostsIndex {
  /** The entries naming any of these host names, in file order (what a full scan would find). */
  forHosts(names: readonly string[]): KnownHostEntry[];
}

const isPlainPattern = (pattern: string) => !/[*?!]/.test(pattern);

export function indexKnownHosts(entries: readonly KnownHostEntry[]): KnownHostsIndex {
  const exact = new Map<string, KnownHostEntry[]>();
  const scanned: KnownHostEntry[] = [];
  const position = new Map(entries.map((entry, i) => [entry, i]));
  for (const entry of entries) {
    if (entry.hashed || !entry.patterns.every(isPlainPattern)) {
      scanned.push(entry);
      continue;
    }
    // Host names match case-insensitively (wildcardMatch lowercases both sides).
    for (const name of new Set(entry.patterns.map((p) => p.toLowerCase()))) {
      const list = exact.get(name);
      if (list) list.push(entry);
      else exact.set(name, [entry]);
    }
  }
  return {
    forHosts(names) {
      const found = new Set<KnownHostEntry>();
      for (const name of names) for (const entry of exact.get(name.toLowerCase()) ?? []) found.add(entry);
      for (const entry of scanned) if (names.some((name) => entryMatchesHost(entry, name))) found.add(entry);
      return [...found].sort((a, b) => position.get(a)! - position.get(b)!);
    },
  };
}

const cache = new Map<string, { stamp: string; index: Promise<KnownHostsIndex> }>();

async function fileStamp(file: string): Promise<string> {
  try {
    const s = await stat(file);
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/** loadKnownHosts + indexKnownHosts, shared by every connection of this process while the files are unchanged. */
export async function loadKnownHostsIndex(files: readonly string[]): Promise<KnownHostsIndex> {
  const stamp = (await Promise.all(files.map(fileStamp))).join('|');
  const key = files.join('\0');
  const hit = cache.get(key);
  if (hit?.stamp === stamp) return hit.index;
  const index = loadKnownHosts(files).then(indexKnownHosts);
  cache.set(key, { stamp, index });
  // A failed read is not remembered: the next connection tries again (and reports its own error).
  index.catch(() => { if (cache.get(key)?.index === index) cache.delete(key); });
  return index;
}
