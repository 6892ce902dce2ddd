// The proxy's on-disk cache: one body file and one metadata file per URL, both named by the
// URL's SHA-256 (no URL text ever becomes a path). Writes go to a temporary file that is renamed
// into place, body first, so a reader sees either the old complete entry or the new one, never a
// half-written file, and a reader that already opened the old body keeps reading it.

import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CacheMeta {
  url: string;
  contentType: string | undefined;
  size: number;
  fetchedAtMs: number;
}

export interface CachedEntry {
  meta: CacheMeta;
  bodyPath: string;
}

export class CacheStore {
  private tmpCounter = 0;

  constructor(private readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Left by a proxy that was killed mid-download: never part of an entry.
    for (const name of await readdir(this.dir)) {
      if (name.startsWith('.tmp-')) await rm(join(this.dir, name), { force: true });
    }
  }

  private paths(url: string): { body: string; meta: string } {
    const key = createHash('sha256').update(url).digest('hex');
    return { body: join(this.dir, key), meta: join(this.dir, `${key}.json`) };
  }

  /** A unique temporary path in the cache directory (same filesystem, so rename is atomic). */
  tempPath(): string {
    this.tmpCounter += 1;
    return join(this.dir, `.tmp-${process.pid}-${this.tmpCounter}`);
  }

  async lookup(url: string): Promise<CachedEntry | undefined> {
    const { body, meta } = this.paths(url);
    try {
      const parsed = JSON.parse(await readFile(meta, 'utf8')) as CacheMeta;
      // A body that does not match its metadata (e.g. a crash between the two renames) is a miss.
      if (parsed.url !== url || (await stat(body)).size !== parsed.size) return undefined;
      return { meta: parsed, bodyPath: body };
    } catch {
      return undefined;
    }
  }

  /** Move a completely downloaded temporary file into the cache under url. */
  async commit(url: string, tempBody: string, meta: CacheMeta): Promise<CachedEntry> {
    const { body, meta: metaPath } = this.paths(url);
    const tempMeta = this.tempPath();
    await writeFile(tempMeta, JSON.stringify(meta));
    await rename(tempBody, body);
    await rename(tempMeta, metaPath);
    return { meta, bodyPath: body };
  }

  async discard(tempBody: string): Promise<void> {
    await rm(tempBody, { force: true });
  }
}
