// uri for real through LocalConnection against a node HTTP server on 127.0.0.1: with curl, and with
// wget (curl hidden from PATH), and neither (a clear failure). The server echoes what it received,
// so method, body, headers and credentials are checked at the other end; no command line may hold
// a secret (they travel on stdin).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { uriModule } from '../../../src/modules/uri.js';
import { FakeConnection, fakeContext } from './fake-connection.js';
import { RecordingConnection, listenLocal } from './recording-connection.js';

const PASSWORD = 'pw-SECRET-55e1';
const TOKEN = 'tok-SECRET-aa02';

/** A module context on this machine through a RecordingConnection. */
const ctxOn = (conn: RecordingConnection) => ({ ...fakeContext(new FakeConnection()), conn });

let server: Server;
let base = '';
let dir = '';
const toolPaths: Record<string, string> = {};

/** A PATH directory with every /usr/bin tool except the ones named. */
function pathWithout(name: string, ...missing: string[]): string {
  const bin = join(dir, name);
  mkdirSync(bin);
  for (const tool of readdirSync('/usr/bin')) if (!missing.includes(tool)) symlinkSync(join('/usr/bin', tool), join(bin, tool));
  return bin;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-uri-'));
  toolPaths['curl'] = process.env['PATH'] ?? '/usr/bin:/bin';
  toolPaths['wget'] = pathWithout('nocurl', 'curl');
  toolPaths['none'] = pathWithout('neither', 'curl', 'wget');
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url === '/redirect') return void res.writeHead(302, { Location: '/echo' }).end();
      if (req.url === '/missing') return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('nope');
      // A static file server: an If-Modified-Since answers 304 (python's http.server does the same).
      if (req.url === '/static') return void (req.headers['if-modified-since'] ? res.writeHead(304).end() : res.writeHead(200, { 'Content-Type': 'text/plain' }).end('static\n'));
      if (req.url === '/text') return void res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Custom-Thing': 'v1' }).end('hello\n');
      const echo = JSON.stringify({ method: req.method, body, ct: req.headers['content-type'] ?? null, auth: req.headers.authorization ?? null, x: req.headers['x-test'] ?? null, tpl: '{{ lookup("pipe", "id") }}' });
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(echo) }).end(echo);
    });
  });
  base = await listenLocal(server);
});

after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

for (const tool of ['curl', 'wget']) {
  describe(`uri with ${tool}`, () => {
    const conn = () => new RecordingConnection({ PATH: toolPaths[tool]! });

    it('POSTs a JSON body with headers and basic auth, returns status, headers as keys and json as data', async () => {
      const c = conn();
      const r = await uriModule.run(ctxOn(c), {
        url: `${base}/echo`, method: 'POST', body_format: 'json', body: { a: 1, b: ['x'], multi: 'line\none' },
        headers: { 'X-Test': TOKEN }, url_username: 'alice', url_password: PASSWORD, force_basic_auth: true,
      });
      assert.equal(r.failed, undefined, String(r.msg));
      assert.equal(r.status, 200);
      assert.equal(r.changed, false);
      assert.equal(r.redirected, false);
      assert.equal(r['content_type'], 'application/json');
      assert.match(String(r.msg), /^OK \(\d+ bytes\)$/);
      const json = r['json'] as Record<string, unknown>;
      assert.equal(json['method'], 'POST');
      // Python's json.dumps separators, as Ansible sends it.
      assert.equal(json['body'], '{"a": 1, "b": ["x"], "multi": "line\\none"}');
      assert.equal(json['ct'], 'application/json');
      assert.equal(json['x'], TOKEN);
      assert.equal(json['auth'], `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`);
      assert.equal(json['tpl'], '{{ lookup("pipe", "id") }}', 'JSON from the host is data, kept verbatim');
      assert.equal(r['content'], undefined, 'no content without return_content');
      for (const command of c.commands) for (const secret of [PASSWORD, TOKEN, 'alice']) assert.ok(!command.includes(secret), `secret on a command line: ${command}`);
    });

    it('form-urlencodes a dict, and a raw body starting with @ is sent as text (no file read)', async () => {
      const form = await uriModule.run(ctxOn(conn()), { url: `${base}/echo`, method: 'POST', body_format: 'form-urlencoded', body: { a: '1 2', b: '&' } });
      assert.equal((form['json'] as Record<string, unknown>)['body'], 'a=1+2&b=%26');
      assert.equal((form['json'] as Record<string, unknown>)['ct'], 'application/x-www-form-urlencoded');
      const raw = await uriModule.run(ctxOn(conn()), { url: `${base}/echo`, method: 'PUT', body: '@/etc/hostname' });
      assert.equal((raw['json'] as Record<string, unknown>)['body'], '@/etc/hostname');
      assert.equal((raw['json'] as Record<string, unknown>)['method'], 'PUT');
    });

    it('follows a GET redirect (safe) and reports redirected and the final url; a POST is not followed', async () => {
      const get = await uriModule.run(ctxOn(conn()), { url: `${base}/redirect`, return_content: true });
      assert.equal(get.status, 200);
      assert.equal(get.redirected, true);
      assert.equal(get.url, `${base}/echo`);
      assert.match(String(get['content']), /"method":"GET"/);
      const post = await uriModule.run(ctxOn(conn()), { url: `${base}/redirect`, method: 'POST' });
      assert.equal(post.failed, true);
      assert.equal(post.status, 302);
      assert.equal(post.msg, 'Status code was 302 and not [200]: HTTP Error 302: Found');
      assert.equal(post['location'], '/echo');
    });

    it('fails on a status outside status_code, accepts it when listed, and returns content', async () => {
      const failed = await uriModule.run(ctxOn(conn()), { url: `${base}/missing` });
      assert.equal(failed.failed, true);
      assert.equal(failed.msg, 'Status code was 404 and not [200]: HTTP Error 404: Not Found');
      const ok = await uriModule.run(ctxOn(conn()), { url: `${base}/missing`, status_code: [404, 200], return_content: true });
      assert.equal(ok.failed, undefined);
      assert.equal(ok['content'], 'nope');
    });

    it('saves the body to dest, and creates skips the request', async () => {
      const dest = join(dir, `out-${tool}.txt`);
      const r = await uriModule.run(ctxOn(conn()), { url: `${base}/text`, dest });
      assert.equal(r.changed, true);
      assert.equal(readFileSync(dest, 'utf8'), 'hello\n');
      assert.equal(r['x_custom_thing'], 'v1');
      const c = conn();
      const skipped = await uriModule.run(ctxOn(c), { url: `${base}/text`, creates: dest });
      assert.equal(skipped['stdout'], `skipped, since '${dest}' exists`);
      assert.equal(c.commands.length, 1, 'no request made');
    });
  });
}

describe('uri with dest on a static file server', () => {
  it('sends If-Modified-Since for an existing dest: the 304 fails unless status_code lists it, as ansible-playbook 2.14', async () => {
    const dest = join(dir, 'static.txt');
    assert.equal((await uriModule.run(ctxOn(new RecordingConnection()), { url: `${base}/static`, dest })).changed, true);
    const again = await uriModule.run(ctxOn(new RecordingConnection()), { url: `${base}/static`, dest });
    assert.equal(again.failed, true);
    assert.equal(again.msg, 'Status code was 304 and not [200]: HTTP Error 304: Not Modified');
    const accepted = await uriModule.run(ctxOn(new RecordingConnection()), { url: `${base}/static`, dest, status_code: [200, 304] });
    assert.deepEqual({ changed: accepted.changed, failed: accepted.failed, status: accepted.status }, { changed: false, failed: undefined, status: 304 });
    assert.equal(readFileSync(dest, 'utf8'), 'static\n');
  });
});

describe('uri without curl or wget, and in check mode', () => {
  it('fails clearly when the host has neither tool', async () => {
    const r = await uriModule.run(ctxOn(new RecordingConnection({ PATH: toolPaths['none']! })), { url: `${base}/echo` });
    assert.equal(r.failed, true);
    assert.equal(r.msg, 'uri needs curl or wget on the host: neither is installed');
  });

  it('a refused connection is status -1', async () => {
    const r = await uriModule.run(ctxOn(new RecordingConnection()), { url: 'http://127.0.0.1:1/x', timeout: 5 });
    assert.equal(r.failed, true);
    assert.equal(r.status, -1);
    assert.match(String(r.msg), /^Status code was -1 and not \[200\]: Request failed: /);
  });

  it('is skipped in check mode, as Ansible does (its uri does not support check mode)', async () => {
    const conn = new FakeConnection();
    const r = await uriModule.run(fakeContext(conn, { check: true }), { url: `${base}/echo`, method: 'DELETE' });
    assert.equal(r.skipped, true);
    assert.equal(conn.commands.length, 0);
  });
});
