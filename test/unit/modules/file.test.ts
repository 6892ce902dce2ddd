import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chmod, lstat, mkdir, readlink, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileModule } from '../../../src/modules/file.js';
import { makeContext, runModule, withTempDir } from './support.js';

const modeOf = async (p: string) => (await stat(p)).mode & 0o7777;

test('file directory: create, idempotent, mode change, check mode touches nothing', async () => {
  await withTempDir(async (dir) => {
    const d = join(dir, 'a', 'b');
    const check = await runModule(fileModule, makeContext({ check: true }), { path: d, state: 'directory' });
    assert.equal(check.changed, true);
    assert.equal(existsSync(d), false);
    assert.equal((await runModule(fileModule, makeContext(), { path: d, state: 'directory', mode: '0750' })).changed, true);
    assert.equal(await modeOf(d), 0o750);
    assert.equal((await runModule(fileModule, makeContext(), { path: d, state: 'directory', mode: '0750' })).changed, false);
    assert.equal((await runModule(fileModule, makeContext({ check: true }), { path: d, state: 'directory', mode: 'g+w' })).changed, true);
    assert.equal(await modeOf(d), 0o750);
    assert.equal((await runModule(fileModule, makeContext(), { path: d, state: 'directory', mode: 'g+w' })).changed, true);
    assert.equal(await modeOf(d), 0o770);
  });
});

test('file directory recurse applies to children and predicts in check mode', async () => {
  await withTempDir(async (dir) => {
    const d = join(dir, 'tree');
    await mkdir(join(d, 'sub'), { recursive: true });
    await writeFile(join(d, 'sub', 'f'), 'x');
    await chmod(join(d, 'sub', 'f'), 0o600);
    const args = { path: d, state: 'directory' as const, recurse: true, mode: 'u=rwX,g=rX,o=rX' };
    assert.equal((await runModule(fileModule, makeContext({ check: true }), args)).changed, true);
    assert.equal(await modeOf(join(d, 'sub', 'f')), 0o600);
    assert.equal((await runModule(fileModule, makeContext(), args)).changed, true);
    assert.equal(await modeOf(join(d, 'sub', 'f')), 0o644);
    assert.equal(await modeOf(join(d, 'sub')), 0o755);
    assert.equal((await runModule(fileModule, makeContext(), args)).changed, false);
  });
});

test('file absent removes files and directories; touch is always changed; file state needs existence', async () => {
  await withTempDir(async (dir) => {
    const f = join(dir, 't');
    assert.equal((await runModule(fileModule, makeContext(), { path: f, state: 'touch', mode: '0600' })).changed, true);
    assert.equal(await modeOf(f), 0o600);
    assert.equal((await runModule(fileModule, makeContext(), { path: f, state: 'touch' })).changed, true);
    const missing = await runModule(fileModule, makeContext(), { path: join(dir, 'nope'), state: 'file' });
    assert.equal(missing.failed, true);
    assert.match(String(missing.msg), /is absent, cannot continue/);
    await mkdir(join(dir, 'd', 'e'), { recursive: true });
    assert.equal((await runModule(fileModule, makeContext({ check: true }), { path: join(dir, 'd'), state: 'absent' })).changed, true);
    assert.equal(existsSync(join(dir, 'd', 'e')), true);
    assert.equal((await runModule(fileModule, makeContext(), { path: join(dir, 'd'), state: 'absent' })).changed, true);
    assert.equal(existsSync(join(dir, 'd')), false);
    assert.equal((await runModule(fileModule, makeContext(), { path: join(dir, 'd'), state: 'absent' })).changed, false);
  });
});

test('file link: create, idempotent, retarget, refuses to replace a file without force', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'target1'), '1');
    await writeFile(join(dir, 'target2'), '2');
    const l = join(dir, 'l');
    assert.equal((await runModule(fileModule, makeContext(), { path: l, state: 'link', src: 'target1' })).changed, true);
    assert.equal(await readlink(l), 'target1');
    assert.equal((await runModule(fileModule, makeContext(), { path: l, state: 'link', src: 'target1' })).changed, false);
    assert.equal((await runModule(fileModule, makeContext(), { path: l, state: 'link', src: join(dir, 'target2') })).changed, true);
    assert.equal(await readlink(l), join(dir, 'target2'));
    const noSrc = await runModule(fileModule, makeContext(), { path: join(dir, 'l2'), state: 'link', src: 'missing' });
    assert.equal(noSrc.failed, true);
    const refuse = await runModule(fileModule, makeContext(), { path: join(dir, 'target1'), state: 'link', src: 'target2' });
    assert.equal(refuse.failed, true);
    assert.equal((await lstat(join(dir, 'target1'))).isFile(), true);
    const forced = await runModule(fileModule, makeContext(), { path: join(dir, 'target1'), state: 'link', src: 'target2', force: true });
    assert.equal(forced.changed, true);
    assert.equal((await lstat(join(dir, 'target1'))).isSymbolicLink(), true);
  });
});

test('file hard link is idempotent', async () => {
  await withTempDir(async (dir) => {
    await writeFile(join(dir, 'src'), 's');
    const h = join(dir, 'h');
    assert.equal((await runModule(fileModule, makeContext(), { path: h, state: 'hard', src: join(dir, 'src') })).changed, true);
    assert.equal((await stat(h)).ino, (await stat(join(dir, 'src'))).ino);
    assert.equal((await runModule(fileModule, makeContext(), { path: h, state: 'hard', src: join(dir, 'src') })).changed, false);
  });
});

test('file with a hostile path name treats it as data', async () => {
  await withTempDir(async (dir) => {
    const p = join(dir, `$(touch ${dir}/pwned);\`x\`'"\nnl`);
    assert.equal((await runModule(fileModule, makeContext(), { path: p, state: 'directory' })).changed, true);
    assert.equal(existsSync(p), true);
    assert.equal(existsSync(join(dir, 'pwned')), false);
  });
});

test('file directory: the parents it creates get the mode too (as Ansible), existing ones are left alone', async () => {
  await withTempDir(async (dir) => {
    await chmod(dir, 0o711);
    const d = join(dir, 'a', 'b', 'c');
    assert.equal((await runModule(fileModule, makeContext(), { path: d, state: 'directory', mode: '0750' })).changed, true);
    assert.deepEqual(await Promise.all([join(dir, 'a'), join(dir, 'a', 'b'), d].map(modeOf)), [0o750, 0o750, 0o750]);
    assert.equal(await modeOf(dir), 0o711);
    await chmod(join(dir, 'a'), 0o755);
    const e = join(dir, 'a', 'x', 'y');
    assert.equal((await runModule(fileModule, makeContext(), { path: e, state: 'directory', mode: 'u=rwx,g=rx,o=' })).changed, true);
    assert.deepEqual(await Promise.all([join(dir, 'a'), join(dir, 'a', 'x'), e].map(modeOf)), [0o755, 0o750, 0o750]);
  });
});
