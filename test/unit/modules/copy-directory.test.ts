// copy of a controller directory over the local connection, checked against what
// ansible-playbook 2.14 does (-c local): `src: dir/` copies the contents, `src: dir` the directory
// itself; directory_mode applies to the directories copy creates (dest included), mode to files;
// a second run changes nothing and writes nothing.
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { copyModule } from '../../../src/modules/copy.js';
import { makeContext, runModule, withTempDir } from './support.js';

const modeOf = async (p: string) => (await stat(p)).mode & 0o7777;

async function sourceTree(dir: string): Promise<void> {
  await mkdir(join(dir, 'files', 'tree', 'sub'), { recursive: true });
  await mkdir(join(dir, 'files', 'tree', 'empty'));
  await writeFile(join(dir, 'files', 'tree', 'a.txt'), 'a\n');
  await writeFile(join(dir, 'files', 'tree', 'sub', 'b.txt'), 'b\n');
}

test('copy src: dir copies the directory itself, with directory_mode on the created directories and mode on files', async () => {
  await withTempDir(async (dir) => {
    await sourceTree(dir);
    const ctx = makeContext({ playbookDir: dir });
    const dest = join(dir, 'out1');
    const first = await runModule(copyModule, ctx, { src: 'tree', dest: `${dest}/`, mode: '0600', directory_mode: '0750' });
    assert.equal(first.changed, true);
    assert.equal(first.dest, `${dest}/`);
    assert.equal(await readFile(join(dest, 'tree', 'sub', 'b.txt'), 'utf8'), 'b\n');
    assert.deepEqual(await Promise.all(['', 'tree', 'tree/empty', 'tree/sub'].map((d) => modeOf(join(dest, d)))), [0o750, 0o750, 0o750, 0o750]);
    assert.deepEqual(await Promise.all(['tree/a.txt', 'tree/sub/b.txt'].map((f) => modeOf(join(dest, f)))), [0o600, 0o600]);
    const mtime = (await stat(join(dest, 'tree', 'a.txt'))).mtimeMs;
    const second = await runModule(copyModule, ctx, { src: 'tree', dest: `${dest}/`, mode: '0600', directory_mode: '0750' });
    assert.equal(second.changed, false);
    assert.equal((await stat(join(dest, 'tree', 'a.txt'))).mtimeMs, mtime, 'an unchanged file is not written again');
  });
});

test('copy src: dir/ copies what is inside; a changed file is replaced, existing directories keep their mode', async () => {
  await withTempDir(async (dir) => {
    await sourceTree(dir);
    const ctx = makeContext({ playbookDir: dir });
    const dest = join(dir, 'out2');
    await mkdir(dest, { mode: 0o711 });
    assert.equal((await runModule(copyModule, ctx, { src: 'tree/', dest, directory_mode: '0700' })).changed, true);
    assert.equal(await readFile(join(dest, 'a.txt'), 'utf8'), 'a\n');
    assert.equal(await modeOf(dest), 0o711, 'an existing directory keeps its mode');
    assert.equal(await modeOf(join(dest, 'sub')), 0o700);
    await writeFile(join(dir, 'files', 'tree', 'sub', 'b.txt'), 'B\n');
    const check = await runModule(copyModule, makeContext({ playbookDir: dir, check: true }), { src: 'tree/', dest });
    assert.equal(check.changed, true);
    assert.equal(await readFile(join(dest, 'sub', 'b.txt'), 'utf8'), 'b\n', 'check mode writes nothing');
    assert.equal((await runModule(copyModule, ctx, { src: 'tree/', dest })).changed, true);
    assert.equal(await readFile(join(dest, 'sub', 'b.txt'), 'utf8'), 'B\n');
    assert.equal((await runModule(copyModule, ctx, { src: 'tree/', dest })).changed, false);
  });
});

test('copy of a directory onto a file in the way fails with the path', async () => {
  await withTempDir(async (dir) => {
    await sourceTree(dir);
    await mkdir(join(dir, 'out3'));
    await writeFile(join(dir, 'out3', 'sub'), 'a file\n');
    const r = await runModule(copyModule, makeContext({ playbookDir: dir }), { src: 'tree/', dest: join(dir, 'out3') });
    assert.equal(r.failed, true);
    assert.match(String(r.msg), /out3\/sub exists and is not a directory/);
  });
});
