// copy with remote_src on the local connection: a file or a directory already on the target is
// copied there, compared by content, with Ansible's trailing-slash rule, check mode and attributes.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { copyModule } from '../../../src/modules/copy.js';
import { makeContext, runModule, withTempDir } from './support.js';

const mode = (path: string) => statSync(path).mode & 0o7777;

test('remote_src file: copied with its mode, then ok; check mode sees a change and touches nothing', async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, 'src.conf');
    const dest = join(dir, 'dest.conf');
    writeFileSync(src, 'one\n');
    chmodSync(src, 0o640);
    const first = await runModule(copyModule, makeContext(), { src, dest, remote_src: true });
    assert.equal(first.changed, true);
    assert.equal(first.checksum, createHash('sha1').update('one\n').digest('hex'));
    assert.equal(readFileSync(dest, 'utf8'), 'one\n');
    assert.equal(mode(dest), 0o640, 'a new file takes the source mode, as Ansible copystat');
    assert.equal((await runModule(copyModule, makeContext(), { src, dest, remote_src: true })).changed, false);
    writeFileSync(src, 'two\n');
    const check = await runModule(copyModule, makeContext({ check: true }), { src, dest, remote_src: true });
    assert.equal(check.changed, true);
    assert.equal(readFileSync(dest, 'utf8'), 'one\n');
    chmodSync(dest, 0o600);
    assert.equal((await runModule(copyModule, makeContext(), { src, dest, remote_src: true })).changed, true);
    assert.equal(readFileSync(dest, 'utf8'), 'two\n');
    assert.equal(mode(dest), 0o600, 'an existing file keeps its mode');
    const chmod = await runModule(copyModule, makeContext(), { src, dest, remote_src: true, mode: '0644' });
    assert.deepEqual([chmod.changed, chmod.mode, mode(dest)], [true, '0644', 0o644]);
    assert.deepEqual(readdirSync(dir).sort(), ['dest.conf', 'src.conf'], 'no temporary file left');
  });
});

test('remote_src file into a directory, with backup, force: false, validate and a missing source', async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, 'app.conf');
    writeFileSync(src, 'new\n');
    mkdirSync(join(dir, 'etc'));
    const into = await runModule(copyModule, makeContext(), { src, dest: join(dir, 'etc'), remote_src: true });
    assert.equal(into.dest, join(dir, 'etc', 'app.conf'));
    assert.equal(readFileSync(join(dir, 'etc', 'app.conf'), 'utf8'), 'new\n');
    const dest = join(dir, 'etc', 'other.conf');
    writeFileSync(dest, 'old\n');
    assert.equal((await runModule(copyModule, makeContext(), { src, dest, remote_src: true, force: false })).changed, false);
    const refused = await runModule(copyModule, makeContext(), { src, dest, remote_src: true, validate: 'grep -q never %s' });
    assert.equal(refused.failed, true);
    assert.match(String(refused.msg), /failed to validate/);
    assert.equal(readFileSync(dest, 'utf8'), 'old\n');
    const backedUp = await runModule(copyModule, makeContext(), { src, dest, remote_src: true, backup: true, validate: 'grep -q new %s' });
    assert.equal(backedUp.changed, true);
    assert.equal(readFileSync(String(backedUp.backup_file), 'utf8'), 'old\n');
    assert.equal(readFileSync(dest, 'utf8'), 'new\n');
    const content = await runModule(copyModule, makeContext(), { content: 'x', dest, remote_src: true });
    assert.deepEqual([content.failed, content.msg], [true, 'remote_src needs src, not content']);
    const missing = await runModule(copyModule, makeContext(), { src: join(dir, 'nope'), dest, remote_src: true });
    assert.deepEqual([missing.failed, missing.msg], [true, `Source ${join(dir, 'nope')} not found`]);
  });
});

function makeTree(root: string): void {
  mkdirSync(join(root, 'sub'), { recursive: true });
  writeFileSync(join(root, 'a.txt'), 'a\n');
  writeFileSync(join(root, 'sub', 'b.txt'), 'b\n');
  chmodSync(join(root, 'sub', 'b.txt'), 0o600);
  symlinkSync('a.txt', join(root, 'link'));
}

test('remote_src directory: src/ copies its contents, src copies the directory; merged, never pruned', async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, 'src');
    makeTree(src);
    const contents = join(dir, 'contents');
    assert.equal((await runModule(copyModule, makeContext(), { src: `${src}/`, dest: contents, remote_src: true })).changed, true);
    assert.deepEqual(readdirSync(contents).sort(), ['a.txt', 'link', 'sub']);
    assert.equal(readlinkSync(join(contents, 'link')), 'a.txt');
    assert.equal(mode(join(contents, 'sub', 'b.txt')), 0o600);
    const itself = join(dir, 'itself');
    const r = await runModule(copyModule, makeContext(), { src, dest: itself, remote_src: true });
    assert.deepEqual([r.changed, r.state, r.dest], [true, 'directory', itself]);
    assert.equal(readFileSync(join(itself, 'src', 'sub', 'b.txt'), 'utf8'), 'b\n');
    assert.equal((await runModule(copyModule, makeContext(), { src: `${src}/`, dest: contents, remote_src: true })).changed, false);
    assert.equal((await runModule(copyModule, makeContext(), { src, dest: itself, remote_src: true })).changed, false);

    writeFileSync(join(contents, 'extra'), 'mine\n');
    writeFileSync(join(src, 'sub', 'b.txt'), 'B\n'); // same size: only a content comparison sees it
    writeFileSync(join(src, 'new.txt'), 'new\n');
    const check = await runModule(copyModule, makeContext({ check: true }), { src: `${src}/`, dest: contents, remote_src: true });
    assert.equal(check.changed, true);
    assert.equal(readFileSync(join(contents, 'sub', 'b.txt'), 'utf8'), 'b\n');
    assert.equal(existsSync(join(contents, 'new.txt')), false);
    assert.equal((await runModule(copyModule, makeContext(), { src: `${src}/`, dest: contents, remote_src: true })).changed, true);
    assert.equal(readFileSync(join(contents, 'sub', 'b.txt'), 'utf8'), 'B\n');
    assert.equal(readFileSync(join(contents, 'new.txt'), 'utf8'), 'new\n');
    assert.equal(readFileSync(join(contents, 'extra'), 'utf8'), 'mine\n', 'files only in dest are kept');
    assert.ok(lstatSync(join(contents, 'link')).isSymbolicLink());
    assert.equal((await runModule(copyModule, makeContext({ check: true }), { src: `${src}/`, dest: contents, remote_src: true })).changed, false);
  });
});

test('remote_src directory: mode applies to dest; check mode on a missing dest creates nothing', async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, 'src');
    makeTree(src);
    const dest = join(dir, 'dest');
    const check = await runModule(copyModule, makeContext({ check: true }), { src: `${src}/`, dest, remote_src: true, mode: '0700' });
    assert.equal(check.changed, true);
    assert.equal(existsSync(dest), false);
    assert.equal((await runModule(copyModule, makeContext(), { src: `${src}/`, dest, remote_src: true, mode: '0700' })).changed, true);
    assert.equal(mode(dest), 0o700);
    assert.equal((await runModule(copyModule, makeContext(), { src: `${src}/`, dest, remote_src: true, mode: '0700' })).changed, false);
    assert.equal((await runModule(copyModule, makeContext(), { src: `${src}/`, dest, remote_src: true, mode: '0750' })).changed, true);
    assert.equal(mode(dest), 0o750);
    assert.equal(mode(join(dest, 'sub', 'b.txt')), 0o600, 'mode is not applied inside the tree');
  });
});
