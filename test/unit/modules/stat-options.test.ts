// stat's options on the local connection: follow, checksum_algorithm, get_mime, get_attributes, the
// full stat-like dictionary and the aliases; compared with what the tools here say about the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { chmod, lstat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { statModule } from '../../../src/modules/stat.js';
import { makeContext, runModule, withTempDir } from './support.js';

const statOf = async (args: Record<string, unknown>) => (await runModule(statModule, makeContext(), args as never)).stat as Record<string, unknown>;
const hasTool = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

test('stat returns the full dictionary of a file, with access, mime type and checksum algorithm', async () => {
  await withTempDir(async (dir) => {
    const f = join(dir, 'f.txt');
    await writeFile(f, 'hello\n');
    await chmod(f, 0o4750);
    const s = await statOf({ name: f, checksum: 'md5' });
    const st = await lstat(f);
    assert.equal(s.path, f);
    assert.deepEqual([s.mode, s.isuid, s.isgid, s.xusr, s.rgrp, s.xgrp, s.roth], ['4750', true, false, true, true, true, false]);
    assert.deepEqual([s.inode, s.dev, s.nlink, s.uid, s.gid, s.size], [st.ino, st.dev, st.nlink, st.uid, st.gid, 6]);
    assert.equal(Math.round(s.mtime as number * 1000), Math.round(st.mtimeMs), 'mtime keeps its fraction, as Python\'s st_mtime');
    assert.deepEqual([s.readable, s.writeable, s.executable], [true, true, true]);
    assert.equal(s.checksum, createHash('md5').update('hello\n').digest('hex'));
    if (hasTool('file')) assert.deepEqual([s.mimetype, s.charset], ['text/plain', 'us-ascii']);
    else assert.deepEqual([s.mimetype, s.charset], ['unknown', 'unknown']);
    const plain = await statOf({ path: f, get_checksum: false, get_mime: false, get_attributes: false });
    for (const key of ['checksum', 'mimetype', 'charset', 'attributes', 'attr_flags', 'version']) assert.equal(key in plain, false, key);
  });
});

test('stat get_attributes reads lsattr: flags named as Ansible names them, empty when not available', async () => {
  await withTempDir(async (dir) => {
    const f = join(dir, 'f');
    await writeFile(f, 'x');
    const s = await statOf({ path: f, attributes: true });
    const lsattr = spawnSync('lsattr', ['-vd', f], { encoding: 'utf8' });
    if (lsattr.status === 0) {
      const [version, flags] = lsattr.stdout.trim().split(/\s+/);
      assert.equal(s.version, version);
      assert.equal(s.attr_flags, flags!.replace(/-/g, ''));
      assert.equal((s.attributes as string[]).length, (s.attr_flags as string).replace(/[^AacCdDeEhiIjNsStTuXZ]/g, '').length);
      if ((s.attr_flags as string).includes('e')) assert.ok((s.attributes as string[]).includes('extents'));
    } else {
      assert.deepEqual([s.version, s.attributes, s.attr_flags], [null, [], '']);
    }
    await symlink('f', join(dir, 'l'));
    const link = await statOf({ path: join(dir, 'l') });
    assert.deepEqual([link.version, link.attributes, link.attr_flags], [null, [], ''], 'lsattr cannot read a symlink itself');
  });
});

test('stat follow describes what a link points to; without it the link, with no checksum', async () => {
  await withTempDir(async (dir) => {
    const f = join(dir, 'target');
    await writeFile(f, 'abc');
    await symlink('target', join(dir, 'l'));
    await symlink('nowhere', join(dir, 'dangling'));
    const link = await statOf({ path: join(dir, 'l') });
    assert.deepEqual([link.islnk, link.isreg, link.mode, 'checksum' in link, link.lnk_target], [true, false, '0777', false, 'target']);
    const followed = await statOf({ path: join(dir, 'l'), follow: true });
    assert.deepEqual([followed.islnk, followed.isreg, followed.size, followed.path, 'lnk_source' in followed], [false, true, 3, join(dir, 'l'), false]);
    assert.equal(followed.checksum, 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.deepEqual(await statOf({ path: join(dir, 'dangling'), follow: true }), { exists: false });
    assert.equal((await statOf({ path: join(dir, 'dangling') })).exists, true);
  });
});

test('stat of a device reports its device_type (st_rdev) as Python does', async () => {
  const s = await statOf({ path: '/dev/null', get_mime: false });
  assert.deepEqual([s.ischr, s.device_type], [true, statSync('/dev/null').rdev]);
});
