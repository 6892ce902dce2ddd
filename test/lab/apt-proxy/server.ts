// Assembles the proxy (store, cache, handler) into a listening HTTP server. Used by main.ts and,
// on loopback with a fake mirror, by the tests.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CacheStore } from './cache-store.js';
import { createHandler, type RequestLog } from './handler.js';
import { MirrorCache } from './mirror-cache.js';

export interface ProxyConfig {
  listenHost: string;
  listenPort: number;
  cacheDir: string;
  allowedHosts: string[];
  upstreamProxy: URL | undefined;
  indexMaxAgeMs: number;
  idleTimeoutMs: number;
  log: (entry: RequestLog) => void;
  now?: () => number;
}

export async function startProxy(config: ProxyConfig): Promise<{ server: Server; port: number }> {
  const store = new CacheStore(config.cacheDir);
  await store.init();
  const cache = new MirrorCache(store, {
    upstreamProxy: config.upstreamProxy,
    idleTimeoutMs: config.idleTimeoutMs,
    indexMaxAgeMs: config.indexMaxAgeMs,
    now: config.now,
  });
  const handler = createHandler({ cache, allowedHosts: new Set(config.allowedHosts), log: config.log });
  const server = createServer((req, res) => void handler(req, res));
  // apt keeps connections open between files; many hosts at once are normal.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.listenPort, config.listenHost, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export function formatLogLine(entry: RequestLog): string {
  return [new Date().toISOString(), entry.client, entry.method, entry.status, entry.provenance, entry.bytes, `${entry.ms}ms`, entry.url].join(' ');
}
