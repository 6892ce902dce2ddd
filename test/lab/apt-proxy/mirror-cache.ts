// What the proxy answers for one URL: a cached file (fresh, just fetched, or stale because the
// mirror failed), or the mirror's own non-200 answer, which is passed on and never cached.
// Concurrent requests for one URL share a single download: this is what apt-cacher-ng got wrong
// for us (two hosts refreshing one InRelease at once left one host's apt-get hanging forever).

import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { CachedEntry, CacheStore } from './cache-store.js';
import { fetchUpstream, type UpstreamOptions } from './fetch-upstream.js';
import { cacheKindOf } from './kinds.js';

/** How an answer came about, for the log: hit, miss (downloaded), joined (shared another request's
 * download), refresh (index re-downloaded), stale (index kept because the mirror failed). */
export type Provenance = 'hit' | 'miss' | 'joined' | 'refresh' | 'stale';

export type Answer =
  | { kind: 'file'; entry: CachedEntry; provenance: Provenance }
  | { kind: 'upstream-status'; status: number; headers: Record<string, string>; body: Buffer; provenance: 'miss' | 'joined' };

export interface MirrorCacheOptions extends UpstreamOptions {
  indexMaxAgeMs: number;
  now?: () => number;
}

// Error pages and redirects are small; a bigger non-200 body is cut here rather than held in memory.
const MAX_PASSED_BODY = 64 * 1024;
// Headers of a non-200 answer that mean something to apt.
const PASSED_HEADERS = ['content-type', 'location', 'retry-after'];

export class MirrorCache {
  private readonly inFlight = new Map<string, Promise<Answer>>();
  private readonly now: () => number;

  constructor(private readonly store: CacheStore, private readonly options: MirrorCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  async answer(url: URL): Promise<Answer> {
    const key = url.href;
    const cached = await this.store.lookup(key);
    if (cached && this.isFresh(url, cached)) return { kind: 'file', entry: cached, provenance: 'hit' };
    const running = this.inFlight.get(key);
    if (running) return joined(await running);
    const download = this.download(url, cached);
    this.inFlight.set(key, download);
    try {
      return await download;
    } finally {
      this.inFlight.delete(key);
    }
  }

  private isFresh(url: URL, cached: CachedEntry): boolean {
    if (cacheKindOf(url.pathname) === 'immutable') return true;
    return this.now() - cached.meta.fetchedAtMs < this.options.indexMaxAgeMs;
  }

  private async download(url: URL, stale: CachedEntry | undefined): Promise<Answer> {
    let response: IncomingMessage;
    try {
      response = await fetchUpstream(url, this.options);
    } catch (error) {
      if (stale) return { kind: 'file', entry: stale, provenance: 'stale' };
      throw error;
    }
    const status = response.statusCode ?? 502;
    if (status === 200) return this.storeBody(url, response, stale);
    const body = await readLimited(response, MAX_PASSED_BODY);
    // A mirror error is not news about the file: keep serving what we have.
    if (status >= 500 && stale) return { kind: 'file', entry: stale, provenance: 'stale' };
    const headers: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = response.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    return { kind: 'upstream-status', status, headers, body, provenance: 'miss' };
  }

  private async storeBody(url: URL, response: IncomingMessage, stale: CachedEntry | undefined): Promise<Answer> {
    const temp = this.store.tempPath();
    const fetchedAtMs = this.now();
    let size = 0;
    response.on('data', (chunk: Buffer) => (size += chunk.length));
    try {
      await pipeline(response, createWriteStream(temp));
      const declared = response.headers['content-length'];
      if (declared !== undefined && Number(declared) !== size) {
        throw new Error(`${url.href}: the mirror sent ${size} of ${declared} bytes`);
      }
    } catch (error) {
      await this.store.discard(temp);
      if (stale) return { kind: 'file', entry: stale, provenance: 'stale' };
      throw error;
    }
    const entry = await this.store.commit(url.href, temp, {
      url: url.href,
      contentType: response.headers['content-type'],
      size,
      fetchedAtMs,
    });
    return { kind: 'file', entry, provenance: stale ? 'refresh' : 'miss' };
  }
}

function joined(answer: Answer): Answer {
  if (answer.kind === 'upstream-status') return { ...answer, provenance: 'joined' };
  return { ...answer, provenance: answer.provenance === 'stale' ? 'stale' : 'joined' };
}

async function readLimited(stream: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (length < limit) chunks.push(chunk.subarray(0, limit - length));
    length += chunk.length;
  }
  return Buffer.concat(chunks);
}
