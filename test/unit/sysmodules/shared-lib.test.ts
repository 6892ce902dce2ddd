// The system modules run on the core module library (lib/target.ts, lib/remote-file.ts,
// lib/file-attributes.ts): the pieces they needed added to it are tested here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalConnection } from '../../../src/connection/local.js';
import { execChecked, execTool, moduleRunner, ModuleFailure } from '../../../src/modules/lib/target.js';
import { readFileState } from '../../../src/modules/lib/remote-file.js';
import { fileMode } from '../../../src/modules/lib/sys/args.js';
import { replaceModule } from '../../../src/modules/replace.js';
import { getUrlModule } from '../../../src/modules/get_url.js';
import { aptRepositoryModule } from '../../../src/modules/apt_repository.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

const local = () => ({ ...fakeContext(new FakeConnection()), conn: new LocalConnection() });

function withDir(body: (dir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsplay-shared-lib-'));
    try {
      await body(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

test("execTool fails with the tool's last lines and keeps rc/stdout/stderr; execChecked stays brief", async () => {
  const stderr = 'line 1\nline 2\nline 3\nE: Unable to locate package nosuch\n';
  const conn = new FakeConnection([{ match: /^apt-get/, reply: { rc: 100, stdout: 'Reading...\n', stderr } }]);
  const ctx = fakeContext(conn);
  const run = moduleRunner(async () => {
    await execTool(ctx, 'apt-get install nosuch', 'apt-get install', 'stdin text');
    return { changed: true };
  });
  const result = await run(ctx, {});
  assert.equal(result.failed, true);
  assert.equal(result.changed, false);
  assert.equal(result.msg, 'apt-get install failed (rc=100): line 2 line 3 E: Unable to locate package nosuch');
  assert.equal(result['rc'], 100);
  assert.equal(result['stdout'], 'Reading...\n');
  assert.equal(result['stderr'], stderr);
  assert.equal(conn.stdins[0], 'stdin text');
  await assert.rejects(execChecked(ctx, 'apt-get x', 'cannot x'), (error: unknown) => {
    assert.ok(error instanceof ModuleFailure);
    assert.equal(error.message, `cannot x: ${stderr.trim()}`);
    assert.deepEqual(error.data, {});
    return true;
  });
});

test('moduleRunner lets errors other than ModuleFailure reach the engine', async () => {
  const run = moduleRunner(async () => {
    throw new Error('connection lost');
  });
  await assert.rejects(run(fakeContext(new FakeConnection()), {}), /connection lost/);
});

test('readFileState with follow describes what a symlink points to', withDir(async (dir) => {
  writeFileSync(join(dir, 'real'), 'content\n', { mode: 0o640 });
  symlinkSync('real', join(dir, 'link'));
  symlinkSync('nowhere', join(dir, 'dangling'));
  const ctx = local();
  const asLink = await readFileState(ctx, join(dir, 'link'));
  assert.equal(asLink.isLink, true);
  assert.equal(asLink.content, undefined);
  const followed = await readFileState(ctx, join(dir, 'link'), { follow: true });
  assert.equal(followed.isLink, false);
  assert.equal(followed.isFile, true);
  assert.equal(followed.mode, 0o640);
  assert.equal(followed.content?.toString(), 'content\n');
  assert.equal((await readFileState(ctx, join(dir, 'dangling'))).exists, true);
  assert.equal((await readFileState(ctx, join(dir, 'dangling'), { follow: true })).exists, false);
}));

test('replace reads through a symlink, leaves non-UTF-8 bytes alone when nothing matches, and fixes attributes alone', withDir(async (dir) => {
  const real = join(dir, 'real.conf');
  writeFileSync(real, 'a=1\n');
  symlinkSync('real.conf', join(dir, 'link.conf'));
  const viaLink = await replaceModule.run({ ...local(), check: true, diff: true }, { path: join(dir, 'link.conf'), regexp: '^a=1$', replace: 'a=2' });
  assert.equal(viaLink.changed, true);
  assert.deepEqual(viaLink.diff, [{ path: join(dir, 'link.conf'), before: 'a=1\n', after: 'a=2\n' }]);

  const latin1 = join(dir, 'latin1');
  const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]);
  writeFileSync(latin1, bytes, { mode: 0o600 });
  const untouched = await replaceModule.run(local(), { path: latin1, regexp: 'nomatch', replace: 'x' });
  assert.equal(untouched.changed, false);
  assert.deepEqual(readFileSync(latin1), bytes);

  const chmod = await replaceModule.run(local(), { path: latin1, regexp: 'nomatch', mode: '0644' });
  assert.equal(chmod.changed, true);
  assert.equal(chmod.msg, '');
  assert.equal(statSync(latin1).mode & 0o777, 0o644);
  assert.deepEqual(readFileSync(latin1), bytes);
  assert.equal((await replaceModule.run(local(), { path: latin1, regexp: 'nomatch', mode: '0644' })).changed, false);
  assert.equal((await replaceModule.run(local(), { path: dir, regexp: 'x' })).msg, `Path ${dir} is a directory !`);
}));

test('get_url and replace take modes like every other module: symbolic too', withDir(async (dir) => {
  const path = join(dir, 'f');
  writeFileSync(path, 'x\n', { mode: 0o600 });
  const r = await replaceModule.run(local(), { path, regexp: 'y', mode: 'g+r,o+r' });
  assert.equal(r.changed, true);
  assert.equal(statSync(path).mode & 0o777, 0o644);
  const bad = await getUrlModule.run(local(), { url: 'http://127.0.0.1:9/x', dest: path, mode: 'rwx' });
  assert.equal(bad.failed, true);
  assert.match(String(bad.msg), /neither octal .* nor symbolic/);
  assert.equal(lstatSync(path).isFile(), true);
}));

test('fileMode parses octal strings, YAML 1.1 ints and symbolic modes (on 0644) for the config-file modules', async () => {
  assert.equal(fileMode(undefined), undefined);
  assert.equal(fileMode('0600'), 0o600);
  assert.equal(fileMode(0o640), 0o640);
  assert.equal(fileMode('o='), 0o640);
  assert.throws(() => fileMode('0999'), ModuleFailure);
  const conn = new FakeConnection([{ match: /^for f in \/etc\/apt\/sources.list/, reply: { stdout: '' } }]);
  await aptRepositoryModule.run(fakeContext(conn), { repo: 'deb http://10.250.0.1/debian bookworm main', filename: 'lab', mode: '0600', update_cache: false });
  assert.equal(conn.puts[0]?.options?.mode, 0o600);
  const bad = await aptRepositoryModule.run(fakeContext(new FakeConnection([{ match: /^for f/, reply: { stdout: '' } }])), { repo: 'deb http://x/ y z', mode: 'nope' });
  assert.equal(bad.failed, true);
});
