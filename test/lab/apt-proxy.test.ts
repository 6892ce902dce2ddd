// The lab's apt proxy (test/lab/apt-proxy/) against a fake mirror on loopback: one download per
// URL however many hosts ask at once, a single Host header upstream, indexes refreshed after
// their maximum age, content-addressed files kept, mirror errors passed on or papered over with
// the cached copy, and nothing fetched for hosts outside the allowed mirrors. No root needed.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { RequestLog } from './apt-proxy/handler.js';
import { startProxy } from './apt-proxy/server.js';

type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** A mirror whose answers each test sets per path, recording every request it gets. */
class FakeMirror {
  server!: Server;
  port = 0;
  routes = new Map<string, Route>();
  requests: { path: string; hostHeaders: string[] }[] = [];

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const hostHeaders: string[] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (req.rawHeaders[i]!.toLowerCase() === 'host') hostHeaders.push(req.rawHeaders[i + 1]!);
      }
      this.requests.push({ path: req.url ?? '', hostHeaders });
      const route = this.routes.get(req.url ?? '');
      if (route) void route(req, res);
      else res.writeHead(404).end('not here');
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get host(): string {
    return `127.0.0.1:${this.port}`;
  }

  count(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  serve(path: string, body: string, delayMs = 0): void {
    this.routes.set(path, async (_req, res) => {
      if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) }).end(body);
    });
  }
}

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function viaProxy(proxyPort: number, url: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: proxyPort, path: url, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The proxy logs a request when its response closes, which can be just after the client has read it all. */
async function logged(logs: RequestLog[], count: number): Promise<string[]> {
  for (let i = 0; i < 100 && logs.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return logs.map((l) => l.provenance);
}

describe('lab apt proxy', () => {
  let mirror: FakeMirror;
  let cacheDir: string;
  let clock: number;
  let logs: RequestLog[];
  const proxies: Server[] = [];
  const INDEX_MAX_AGE_MS = 60_000;

  async function proxy(): Promise<number> {
    // Bound to this test's array: a late log line of an earlier test's proxy must not land in it.
    const sink = logs;
    const { server, port } = await startProxy({
      listenHost: '127.0.0.1',
      listenPort: 0,
      cacheDir,
      allowedHosts: [mirror.host],
      upstreamProxy: undefined,
      indexMaxAgeMs: INDEX_MAX_AGE_MS,
      idleTimeoutMs: 2_000,
      log: (entry) => sink.push(entry),
      now: () => clock,
    });
    proxies.push(server);
    return port;
  }

  const url = (path: string) => `http://${mirror.host}${path}`;
  const inRelease = '/debian/dists/bookworm/InRelease';
  const deb = '/debian/pool/main/h/haproxy/haproxy_2.6.12-1_amd64.deb';

  beforeEach(async () => {
    mirror = new FakeMirror();
    await mirror.start();
    cacheDir = mkdtempSync(join(tmpdir(), 'lab-apt-proxy-'));
    clock = 1_000_000;
    logs = [];
  });
  afterEach(async () => {
    for (const s of proxies.splice(0)) s.closeAllConnections(), s.close();
    mirror.server.closeAllConnections();
    mirror.server.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('serves twelve simultaneous requests for one InRelease from a single download with one Host header', async () => {
    mirror.serve(inRelease, 'Origin: Debian\nDate: one\n', 200);
    const port = await proxy();
    const replies = await Promise.all(Array.from({ length: 12 }, () => viaProxy(port, url(inRelease))));
    assert.deepEqual(replies.map((r) => r.status), Array(12).fill(200));
    assert.ok(replies.every((r) => r.body === 'Origin: Debian\nDate: one\n'));
    assert.equal(mirror.count(inRelease), 1);
    assert.deepEqual(mirror.requests[0]!.hostHeaders, [mirror.host]);
    assert.deepEqual((await logged(logs, 12)).sort(), [...Array(11).fill('joined'), 'miss'].sort());
    assert.equal(readdirSync(cacheDir).filter((n) => n.startsWith('.tmp-')).length, 0, 'no temporary file left behind');
  });

  it('re-fetches an index only once it is older than the maximum age', async () => {
    mirror.serve(inRelease, 'Date: one\n');
    const port = await proxy();
    assert.equal((await viaProxy(port, url(inRelease))).body, 'Date: one\n');
    mirror.serve(inRelease, 'Date: two\n');
    clock += INDEX_MAX_AGE_MS - 1;
    assert.equal((await viaProxy(port, url(inRelease))).body, 'Date: one\n');
    assert.equal(mirror.count(inRelease), 1);
    clock += 2;
    assert.equal((await viaProxy(port, url(inRelease))).body, 'Date: two\n');
    assert.equal(mirror.count(inRelease), 2);
    assert.deepEqual(await logged(logs, 3), ['miss', 'hit', 'refresh']);
  });

  it('keeps pool and by-hash files across restarts and ages without asking the mirror again', async () => {
    const byHash = '/debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/0123abcd';
    mirror.serve(deb, 'deb-bytes');
    mirror.serve(byHash, 'packages-list');
    const first = await proxy();
    assert.equal((await viaProxy(first, url(deb))).body, 'deb-bytes');
    assert.equal((await viaProxy(first, url(byHash))).body, 'packages-list');
    const second = await proxy();
    clock += 100 * INDEX_MAX_AGE_MS;
    const again = await viaProxy(second, url(deb));
    assert.equal(again.body, 'deb-bytes');
    assert.equal(again.headers['content-length'], '9');
    assert.equal((await viaProxy(second, url(byHash))).body, 'packages-list');
    assert.equal(mirror.count(deb), 1);
    assert.equal(mirror.count(byHash), 1);
  });

  it('passes a 404 on without caching it', async () => {
    const port = await proxy();
    const missing = '/debian/dists/bookworm/main/binary-amd64/by-hash/SHA256/gone';
    assert.equal((await viaProxy(port, url(missing))).status, 404);
    mirror.serve(missing, 'now here');
    const second = await viaProxy(port, url(missing));
    assert.equal(second.status, 200);
    assert.equal(second.body, 'now here');
  });

  it('serves the cached index when the mirror fails to refresh it, and 502 when it has none', async () => {
    mirror.serve(inRelease, 'Date: one\n');
    const port = await proxy();
    await viaProxy(port, url(inRelease));
    mirror.routes.set(inRelease, (_req, res) => void res.writeHead(503).end('busy'));
    clock += 2 * INDEX_MAX_AGE_MS;
    const stale = await viaProxy(port, url(inRelease));
    assert.equal(stale.status, 200);
    assert.equal(stale.body, 'Date: one\n');
    assert.equal((await logged(logs, 2))[1], 'stale');
    mirror.routes.set(deb, (_req, res) => void res.writeHead(503).end('busy'));
    assert.equal((await viaProxy(port, url(deb))).status, 503);
  });

  it('never caches a download cut short, and answers 502 for it', async () => {
    let cut = true;
    mirror.routes.set(deb, (_req, res) => {
      res.writeHead(200, { 'content-length': 1000 });
      if (cut) {
        res.write('only part');
        setTimeout(() => res.destroy(), 20);
      } else res.end('x'.repeat(1000));
    });
    const port = await proxy();
    const broken = await viaProxy(port, url(deb));
    assert.equal(broken.status, 502);
    assert.equal(readdirSync(cacheDir).length, 0, 'nothing cached, no temporary file left');
    cut = false;
    assert.equal((await viaProxy(port, url(deb))).body.length, 1000);
    assert.equal(mirror.count(deb), 2);
  });

  it('answers HEAD with the length and no body', async () => {
    mirror.serve(deb, 'deb-bytes');
    const port = await proxy();
    const head = await viaProxy(port, url(deb), 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], '9');
    assert.equal(head.body, '');
  });

  it('refuses other hosts, relative URLs and other methods without contacting anything', async () => {
    mirror.serve(inRelease, 'x');
    const port = await proxy();
    const other = await viaProxy(port, `http://127.0.0.1:${mirror.port + 1}${inRelease}`);
    assert.equal(other.status, 403);
    assert.match(other.body, /not one of this machine's apt mirrors/);
    assert.equal((await viaProxy(port, inRelease)).status, 400);
    assert.equal((await viaProxy(port, url(inRelease), 'POST')).status, 405);
    assert.equal(mirror.requests.length, 0);
  });
});
