// get_url, replace and unarchive run for real through LocalConnection on files in a temp directory
// (downloads come from an HTTP server on 127.0.0.1 started by the test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../src/connection/local.js';
import { getUrlModule } from '../../../src/modules/get_url.js';
import { replaceModule, replaceInText } from '../../../src/modules/replace.js';
import { unarchiveModule } from '../../../src/modules/unarchive.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

let server: Server;
let base = '';
let dir = '';
let body = 'version one\n';
let requests = 0;
const ctx = () => ({ ...fakeContext(new FakeConnection()), conn: new LocalConnection() });
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-files-'));
  server = createServer((req, res) => {
    requests++;
    if (req.url === '/missing') res.writeHead(404).end('no');
    else res.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('get_url downloads once, then is ok without downloading; force replaces only on new content', async () => {
  const dest = join(dir, 'tool');
  body = 'version one\n';
  const check = await getUrlModule.run({ ...ctx(), check: true }, { url: `${base}/tool`, dest });
  assert.equal(check.changed, true);
  assert.equal(requests, 0);
  const first = await getUrlModule.run(ctx(), { url: `${base}/tool`, dest, mode: '0755' });
  assert.equal(first.changed, true);
  assert.equal(readFileSync(dest, 'utf8'), 'version one\n');
  assert.equal(statSync(dest).mode & 0o777, 0o755);
  const second = await getUrlModule.run(ctx(), { url: `${base}/tool`, dest, mode: '0755' });
  assert.equal(second.changed, false);
  assert.equal(requests, 1);
  const forced = await getUrlModule.run(ctx(), { url: `${base}/tool`, dest, force: true });
  assert.equal(forced.changed, false);
  body = 'version two\n';
  const newer = await getUrlModule.run(ctx(), { url: `${base}/tool`, dest, force: true });
  assert.equal(newer.changed, true);
  assert.equal(readFileSync(dest, 'utf8'), 'version two\n');
  assert.equal(statSync(dest).mode & 0o777, 0o755, 'an existing file keeps its mode');
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.tsplay')), [], 'no temporary file left behind');
});

test('get_url with checksum: a matching dest is ok, a mismatch fails and leaves dest untouched', async () => {
  const dest = join(dir, 'checked');
  body = 'payload\n';
  const good = `sha256:${sha256('payload\n')}`;
  assert.equal((await getUrlModule.run(ctx(), { url: `${base}/p`, dest, checksum: good })).changed, true);
  const seen = requests;
  assert.equal((await getUrlModule.run(ctx(), { url: `${base}/p`, dest, checksum: good })).changed, false);
  assert.equal(requests, seen, 'no download when the checksum matches');
  const bad = await getUrlModule.run(ctx(), { url: `${base}/p`, dest, checksum: `sha256:${sha256('other')}` });
  assert.equal(bad.failed, true);
  assert.match(String(bad.msg), /checksum mismatch/);
  assert.equal(readFileSync(dest, 'utf8'), 'payload\n');
  const missing = await getUrlModule.run(ctx(), { url: `${base}/missing`, dest: join(dir, 'nothing') });
  assert.equal(missing.failed, true);
  assert.throws(() => statSync(join(dir, 'nothing')));
});

test('get_url into a directory uses the URL file name', async () => {
  const sub = join(dir, 'bin');
  mkdirSync(sub);
  body = 'x';
  const r = await getUrlModule.run(ctx(), { url: `${base}/dl/crictl.tar.gz`, dest: sub });
  assert.equal(r['dest'], join(sub, 'crictl.tar.gz'));
  assert.equal(readFileSync(join(sub, 'crictl.tar.gz'), 'utf8'), 'x');
});

test('replaceInText: multiline anchors, Python group syntax, after/before sections', () => {
  const text = 'a=1\n#b=2\nc=3\n';
  assert.deepEqual(replaceInText(text, { regexp: '^#(b=.*)$', replace: '\\1' }), { text: 'a=1\nb=2\nc=3\n', count: 1 });
  assert.equal(replaceInText(text, { regexp: '^(?P<k>\\w)=', replace: '\\g<k>:' })?.text, 'a:1\n#b=2\nc:3\n');
  assert.equal(replaceInText('x\n[s]\nx\n[t]\nx\n', { regexp: '^x$', replace: 'y', after: '\\[s\\]', before: '\\[t\\]' })?.text, 'x\n[s]\ny\n[t]\nx\n');
  assert.equal(replaceInText('cost $5\n', { regexp: 'cost', replace: '$price' })?.text, '$price $5\n');
  assert.equal(replaceInText('x\n', { regexp: 'x', after: 'nomatch' }), undefined);
});

test('replace edits a real file once, keeps a backup, and check mode leaves it alone', async () => {
  const path = join(dir, 'fstab');
  writeFileSync(path, '/swap none swap sw 0 0\n', { mode: 0o640 });
  const c = await replaceModule.run({ ...ctx(), check: true, diff: true }, { path, regexp: '^([^#].*\\sswap\\s.*)$', replace: '# \\1' });
  assert.equal(c.changed, true);
  assert.equal(c.diff?.[0]?.after, '# /swap none swap sw 0 0\n');
  assert.equal(readFileSync(path, 'utf8'), '/swap none swap sw 0 0\n');
  const r = await replaceModule.run(ctx(), { path, regexp: '^([^#].*\\sswap\\s.*)$', replace: '# \\1', backup: true });
  assert.equal(r.changed, true);
  assert.equal(readFileSync(path, 'utf8'), '# /swap none swap sw 0 0\n');
  assert.equal(statSync(path).mode & 0o777, 0o640);
  assert.equal(readFileSync(String(r['backup_file']), 'utf8'), '/swap none swap sw 0 0\n');
  assert.equal((await replaceModule.run(ctx(), { path, regexp: '^([^#].*\\sswap\\s.*)$', replace: '# \\1' })).changed, false);
  const missing = await replaceModule.run(ctx(), { path: join(dir, 'nope'), regexp: 'x' });
  assert.equal(missing.msg, `Path ${join(dir, 'nope')} does not exist !`);
});

test('unarchive extracts tar and zip archives on the host, then is ok; creates skips', async () => {
  const src = join(dir, 'src');
  mkdirSync(join(src, 'sub'), { recursive: true });
  writeFileSync(join(src, 'sub', 'f.txt'), 'hello\n');
  const tar = join(dir, 'a.tar.gz');
  execFileSync('tar', ['-czf', tar, '-C', src, 'sub']);
  const zip = join(dir, 'a.zip');
  execFileSync('sh', ['-c', `cd '${src}' && zip -q -r '${zip}' sub`]);
  for (const archive of [tar, zip]) {
    const dest = join(dir, `out-${archive.endsWith('.zip') ? 'zip' : 'tar'}`);
    mkdirSync(dest);
    const check = await unarchiveModule.run({ ...ctx(), check: true }, { src: archive, dest, remote_src: true });
    assert.equal(check.changed, true);
    assert.throws(() => statSync(join(dest, 'sub', 'f.txt')));
    assert.equal((await unarchiveModule.run(ctx(), { src: archive, dest, remote_src: true })).changed, true, archive);
    assert.equal(readFileSync(join(dest, 'sub', 'f.txt'), 'utf8'), 'hello\n');
    assert.equal((await unarchiveModule.run(ctx(), { src: archive, dest, remote_src: true })).changed, false, archive);
    writeFileSync(join(dest, 'sub', 'f.txt'), 'drifted\n');
    assert.equal((await unarchiveModule.run(ctx(), { src: archive, dest, remote_src: true })).changed, true, archive);
    const skipped = await unarchiveModule.run(ctx(), { src: archive, dest, remote_src: true, creates: join(dest, 'sub') });
    assert.match(String(skipped.msg), /since .* exists/);
  }
});

test('unarchive of a controller archive (no remote_src) uploads it, extracts, then is ok; no temporary copy is left', async () => {
  const src = join(dir, 'ctl-src');
  mkdirSync(join(src, 'sub'), { recursive: true });
  writeFileSync(join(src, 'sub', 'g.txt'), 'from the controller\n');
  const tar = join(dir, 'ctl.tar.gz');
  execFileSync('tar', ['-czf', tar, '-C', src, 'sub']);
  const dest = join(dir, 'out-ctl');
  mkdirSync(dest);
  const tmpBefore = readdirSync(tmpdir()).filter((name) => name.startsWith('tmp.') && name.endsWith('.tar')).sort();
  const first = await unarchiveModule.run(ctx(), { src: tar, dest });
  assert.equal(first.changed, true, String(first.msg));
  assert.equal(first.src, tar);
  assert.equal(readFileSync(join(dest, 'sub', 'g.txt'), 'utf8'), 'from the controller\n');
  assert.equal((await unarchiveModule.run(ctx(), { src: tar, dest })).changed, false);
  assert.deepEqual(readdirSync(tmpdir()).filter((name) => name.startsWith('tmp.') && name.endsWith('.tar')).sort(), tmpBefore, 'the uploaded archive is removed');
  const missing = await unarchiveModule.run(ctx(), { src: join(dir, 'nope.tar'), dest });
  assert.match(String(missing.msg), /could not find src/);
});

test('unarchive mode applies to every member (kubespray: mode 0755 on extracted binaries); a second run is ok', async () => {
  const src = join(dir, 'src-mode');
  mkdirSync(join(src, 'bin'), { recursive: true });
  writeFileSync(join(src, 'bin', 'tool'), '#!/bin/sh\n', { mode: 0o644 });
  const tar = join(dir, 'mode.tar.gz');
  execFileSync('tar', ['-czf', tar, '-C', src, 'bin']);
  const dest = join(dir, 'out-mode');
  mkdirSync(dest);
  const args = { src: tar, dest, remote_src: true, mode: '0750' };
  assert.equal((await unarchiveModule.run(ctx(), args)).changed, true);
  assert.equal(statSync(join(dest, 'bin', 'tool')).mode & 0o777, 0o750);
  assert.equal(statSync(join(dest, 'bin')).mode & 0o777, 0o750);
  assert.equal((await unarchiveModule.run(ctx(), args)).changed, false, 'the members already have the mode');
  execFileSync('chmod', ['0600', join(dest, 'bin', 'tool')]);
  assert.equal((await unarchiveModule.run(ctx(), args)).changed, true, 'a member whose mode drifted is fixed');
  assert.equal(statSync(join(dest, 'bin', 'tool')).mode & 0o777, 0o750);
});

test("unarchive copy: no is the older spelling of remote_src: true (kubespray's extract_file.yml); both at once are refused", async () => {
  const src = join(dir, 'src-copy');
  mkdirSync(src);
  writeFileSync(join(src, 'f'), 'x\n');
  const tar = join(dir, 'copy.tar');
  execFileSync('tar', ['-cf', tar, '-C', src, 'f']);
  const dest = join(dir, 'out-copy');
  mkdirSync(dest);
  assert.equal((await unarchiveModule.run(ctx(), { src: tar, dest, copy: false })).changed, true);
  assert.equal(readFileSync(join(dest, 'f'), 'utf8'), 'x\n');
  const both = await unarchiveModule.run(ctx(), { src: tar, dest, copy: false, remote_src: true });
  assert.equal(both.failed, true);
  assert.match(String(both.msg), /mutually exclusive: copy\|remote_src/);
});
