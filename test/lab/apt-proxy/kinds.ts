// Which cached files may be served without asking the mirror again.
// Debian's pool files and by-hash index files are named by their content (a package version, a
// checksum): once fetched, the same URL never means other bytes. Everything else (InRelease,
// Release, non-by-hash lists) changes in place on the mirror and is re-fetched when it is older
// than the index freshness the proxy was started with.

export type CacheKind = 'immutable' | 'index';

export function cacheKindOf(path: string): CacheKind {
  return path.includes('/pool/') || path.includes('/by-hash/') ? 'immutable' : 'index';
}
