// find on the local connection, over a tree built per test; expectations follow Ansible 2.14's
// find.py (checked with ansible-playbook -c local on the same tree): os.walk order, hidden names,
// depth, links, age/size/contains filters, examined counts and skipped paths.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { findModule } from '../../../src/modules/find.js';
import type { ModuleResult } from '../../../src/modules/types.js';
import { fnmatchRegExp } from '../../../src/modules/lib/find-filters.js';
import { makeContext, runModule, withTempDir } from './support.js';

function tree(root: string): void {
  mkdirSync(join(root, 'a', 'b', 'c'), { recursive: true });
  mkdirSync(join(root, '.hid'));
  mkdirSync(join(root, 'elsewhere'));
  writeFileSync(join(root, 'x.conf'), 'port = 80\n');
  writeFileSync(join(root, 'y.txt'), 'nothing\n');
  writeFileSync(join(root, 'a', 'z.conf'), 'line1\nlisten 443\n');
  writeFileSync(join(root, 'a', 'b', 'c', 'deep.conf'), 'deep\n');
  writeFileSync(join(root, '.hidden.conf'), 'h\n');
  writeFileSync(join(root, '.hid', 'in.conf'), 'in\n');
  writeFileSync(join(root, 'a', 'big.dat'), Buffer.alloc(5000));
  writeFileSync(join(root, 'elsewhere', 'o.conf'), 'o\n');
  symlinkSync('x.conf', join(root, 'link.conf'));
  symlinkSync(join(root, 'elsewhere'), join(root, 'a', 'dlink'));
  const old = new Date(Date.now() - 10 * 86400 * 1000);
  utimesSync(join(root, 'y.txt'), old, old);
  utimesSync(join(root, 'a', 'z.conf'), old, old);
}

const find = async (args: Record<string, unknown>) => runModule(findModule, makeContext(), args as never);
const paths = (root: string, r: ModuleResult) => (r.files as { path: string }[]).map((f) => f.path.slice(root.length + 1));

test('fnmatch globs as Python: *, ?, [seq], [!seq], an unclosed [ literal', () => {
  assert.ok(fnmatchRegExp('*.conf').test('a.conf'));
  assert.ok(!fnmatchRegExp('*.conf').test('a.conf.bak'));
  assert.ok(fnmatchRegExp('?.[ch]').test('x.h'));
  assert.ok(fnmatchRegExp('[!a]*').test('ba') && !fnmatchRegExp('[!a]*').test('ab'));
  assert.ok(fnmatchRegExp('a[').test('a['));
  assert.ok(fnmatchRegExp('*').test('new\nline'));
});

test('find lists regular files of one directory; recurse walks in os.walk order and skips hidden names only', async () => {
  await withTempDir(async (root) => {
    tree(root);
    const top = await find({ paths: root });
    assert.deepEqual(paths(root, top).sort(), ['x.conf', 'y.txt']);
    assert.equal(top.examined, 7, 'every entry of the directory is examined, hidden ones too');
    const all = await find({ paths: root, recurse: true, patterns: '*.conf' });
    // Per directory files first, then subdirectories, each directory's content after its siblings.
    const got = paths(root, all);
    assert.ok(got.indexOf('x.conf') < got.indexOf('a/z.conf') && got.indexOf('a/z.conf') < got.indexOf('a/b/c/deep.conf'));
    assert.deepEqual([...got].sort(), ['.hid/in.conf', 'a/b/c/deep.conf', 'a/z.conf', 'elsewhere/o.conf', 'x.conf']);
    assert.equal(all.matched, 5);
    const hidden = await find({ paths: root, recurse: true, patterns: ['*.conf'], hidden: true });
    assert.ok(paths(root, hidden).includes('.hidden.conf'));
    const f = (all.files as Record<string, unknown>[]).find((e) => e.path === join(root, 'x.conf'))!;
    assert.deepEqual([f.isreg, f.islnk, f.size, f.mode, f.pw_name], [true, false, 10, '0644', 'root']);
  });
});

test('find file_type, depth and follow: links are never followed to decide, only to descend', async () => {
  await withTempDir(async (root) => {
    tree(root);
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, file_type: 'link' })).sort(), ['a/dlink', 'link.conf']);
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, file_type: 'directory', hidden: true })).sort(), ['.hid', 'a', 'a/b', 'a/b/c', 'elsewhere']);
    const shallow = await find({ paths: `${root}/`, recurse: true, depth: 2, file_type: 'any' });
    assert.ok(!paths(root, shallow).some((p) => p.split('/').length > 2));
    assert.ok(paths(root, shallow).includes('a/b'));
    const followed = await find({ paths: root, recurse: true, follow: true, patterns: '*.conf', file_type: 'any' });
    const through = paths(root, followed);
    assert.ok(through.includes('a/dlink/o.conf'), 'the symlinked directory is descended');
    const dlink = (followed.files as Record<string, unknown>[]).find((e) => e.path === join(root, 'link.conf'))!;
    assert.equal(dlink.islnk, true, 'entries are described by lstat, also with follow');
  });
});

test('find regex patterns and excludes, age, size, contains and checksums', async () => {
  await withTempDir(async (root) => {
    tree(root);
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, patterns: ['^[xz]\\.'], use_regex: true })).sort(), ['a/z.conf', 'x.conf']);
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, excludes: '*.conf,*.dat' })), ['y.txt']);
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, age: '5d' })).sort(), ['a/z.conf', 'y.txt']);
    assert.ok(!paths(root, await find({ paths: root, recurse: true, age: '-1w' })).includes('y.txt'));
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, size: '4k' })), ['a/big.dat']);
    const small = paths(root, await find({ paths: root, recurse: true, size: '-10' }));
    assert.ok(small.includes('x.conf') && !small.includes('a/big.dat'), '-10: at most 10 bytes (x.conf has exactly 10)');
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, contains: 'listen \\d+' })), ['a/z.conf']);
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, contains: '\\d+$' })), [], 'a line must match from its start');
    assert.deepEqual(paths(root, await find({ paths: root, recurse: true, contains: 'line1\\nlisten', read_whole_file: true })), ['a/z.conf']);
    const sums = await find({ paths: root, patterns: 'x.conf', get_checksum: true });
    assert.equal((sums.files as Record<string, unknown>[])[0]!.checksum, createHash('sha1').update('port = 80\n').digest('hex'));
    const bad = await find({ paths: root, age: 'old' });
    assert.deepEqual([bad.failed, bad.msg], [true, 'failed to process age']);
  });
});

test('find skips a path that is not a directory with a warning; hostile names stay data', async () => {
  await withTempDir(async (root) => {
    const name = "$(touch pwned); `touch pwned` 'q'\nx.conf";
    writeFileSync(join(root, name), 'a\n');
    const r = await find({ paths: [root, join(root, 'missing')], patterns: '*.conf', get_checksum: true, contains: 'a' });
    assert.deepEqual(paths(root, r), [name]);
    assert.equal((r.files as Record<string, unknown>[])[0]!.checksum, createHash('sha1').update('a\n').digest('hex'));
    assert.equal(existsSync(join(root, 'pwned')) || existsSync('pwned'), false);
    assert.deepEqual(r.skipped_paths, { [join(root, 'missing')]: `'${join(root, 'missing')}' is not a directory` });
    assert.equal(r.msg, 'Not all paths examined, check warnings for details');
  });
});

test('find runs in check mode: it only reads', () => {
  assert.equal(findModule.runsInCheckMode, true);
});

test('find expands $VAR, ${VAR} and a leading ~ in paths from the target environment, as expandvars/expanduser', async () => {
  await withTempDir(async (root) => {
    tree(root);
    process.env['TSPLAY_FIND_TEST_DIR'] = root;
    try {
      const r = await find({ paths: ['$TSPLAY_FIND_TEST_DIR', '${TSPLAY_FIND_TEST_DIR}/a', '$TSPLAY_FIND_UNSET/x'], patterns: '*.conf' });
      assert.deepEqual(paths(root, r).sort(), ['a/z.conf', 'x.conf']);
      assert.deepEqual(Object.keys(r.skipped_paths as object), ['$TSPLAY_FIND_UNSET/x'], 'an unset variable stays as written');
      const home = await find({ paths: '~', file_type: 'directory', patterns: 'no-such-name-*' });
      assert.deepEqual(home.skipped_paths, {}, '~ is the home directory, which exists');
    } finally {
      delete process.env['TSPLAY_FIND_TEST_DIR'];
    }
  });
});
