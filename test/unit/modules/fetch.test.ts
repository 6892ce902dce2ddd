// fetch over the local connection: Ansible's dest layout, changed only when the controller's copy
// differs, check mode writing nothing, missing files and directories refused.
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fetchModule } from '../../../src/modules/fetch.js';
import { makeContext, runModule, withTempDir } from './support.js';

test('fetch lands in dest/HOST/SRC_PATH, then changes nothing, then follows a change (check mode first)', async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, 'remote', 'admin.conf');
    await mkdir(join(dir, 'remote'));
    await writeFile(src, 'apiVersion: v1\n');
    const dest = join(dir, 'fetched');
    const expected = join(dest, 'testhost', src);
    const first = await runModule(fetchModule, makeContext(), { src, dest });
    assert.equal(first.changed, true);
    assert.equal(first.dest, expected);
    assert.equal(await readFile(expected, 'utf8'), 'apiVersion: v1\n');
    assert.equal((await runModule(fetchModule, makeContext(), { src, dest })).changed, false);

    await writeFile(src, 'apiVersion: v2\n');
    const predicted = await runModule(fetchModule, makeContext({ check: true }), { src, dest });
    assert.equal(predicted.changed, true);
    assert.equal(await readFile(expected, 'utf8'), 'apiVersion: v1\n', 'check mode writes nothing');
    assert.equal((await runModule(fetchModule, makeContext(), { src, dest })).changed, true);
    assert.equal(await readFile(expected, 'utf8'), 'apiVersion: v2\n');
    assert.deepEqual((await readdir(join(dest, 'testhost', dir, 'remote'))).filter((n) => n.includes('tsplay-tmp')), [], 'no temporary file left');
  });
});

test('fetch flat: dest is the file, or a directory when it ends in /; relative dest is from the playbook directory', async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, 'ca.crt');
    await writeFile(src, 'CERT');
    await runModule(fetchModule, makeContext(), { src, dest: join(dir, 'out', 'cluster-ca.pem'), flat: true });
    assert.equal(await readFile(join(dir, 'out', 'cluster-ca.pem'), 'utf8'), 'CERT');
    await runModule(fetchModule, makeContext(), { src, dest: join(dir, 'certs') + '/', flat: true });
    assert.equal(await readFile(join(dir, 'certs', 'ca.crt'), 'utf8'), 'CERT');
    const relative = await runModule(fetchModule, makeContext({ playbookDir: dir }), { src, dest: 'artifacts/', flat: true });
    assert.equal(relative.dest, join(dir, 'artifacts', 'ca.crt'));
    assert.equal(await readFile(join(dir, 'artifacts', 'ca.crt'), 'utf8'), 'CERT');
  });
});

test('fetch refuses a missing file (unless fail_on_missing: false) and a directory', async () => {
  await withTempDir(async (dir) => {
    const missing = await runModule(fetchModule, makeContext(), { src: join(dir, 'nope'), dest: join(dir, 'out') });
    assert.equal(missing.failed, true);
    assert.match(String(missing.msg), /the remote file does not exist, not transferring/);
    const tolerated = await runModule(fetchModule, makeContext(), { src: join(dir, 'nope'), dest: join(dir, 'out'), fail_on_missing: false });
    assert.equal(tolerated.failed, undefined);
    assert.equal(tolerated.changed, false);
    const directory = await runModule(fetchModule, makeContext(), { src: dir, dest: join(dir, 'out') });
    assert.match(String(directory.msg), /fetch cannot work on directories/);
    await assert.rejects(readdir(join(dir, 'out')), 'nothing was written');
  });
});

test('fetch refuses an inventory name that would lead outside dest, naming the host; dotted names still work', async () => {
  await withTempDir(async (dir) => {
    const src = join(dir, 'admin.conf');
    await writeFile(src, 'secret');
    const dest = join(dir, 'inside', 'fetched');
    for (const host of ['../../escaped', '..', '/absolute', 'a/../../b', '']) {
      const result = await runModule(fetchModule, { ...makeContext(), host }, { src, dest });
      assert.equal(result.failed, true, `host ${JSON.stringify(host)} is refused`);
      assert.ok(String(result.msg).includes(`host '${host}'`), String(result.msg));
      assert.match(String(result.msg), /leads outside/);
    }
    assert.deepEqual((await readdir(dir)).sort(), ['admin.conf'], 'nothing was written anywhere');
    const dotted = await runModule(fetchModule, { ...makeContext(), host: 'web-1.example.com' }, { src, dest });
    assert.equal(dotted.failed, undefined);
    assert.equal(await readFile(join(dest, 'web-1.example.com', src), 'utf8'), 'secret');
  });
});
