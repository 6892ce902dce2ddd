import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { blockinfileModule } from '../../../src/modules/blockinfile.js';
import { lineinfileModule } from '../../../src/modules/lineinfile.js';
import { blockInFile, lineInFileAbsent, lineInFilePresent } from '../../../src/modules/lib/line-edit.js';
import { makeContext, runModule, withTempDir } from './support.js';

test('lineinfile: the last matching line is replaced', () => {
  const r = lineInFilePresent('a=1\nb=2\na=3\n', { regexp: '^a=', line: 'a=9' });
  assert.equal(r.text, 'a=1\nb=2\na=9\n');
  assert.equal(r.msg, 'line replaced');
  assert.equal(lineInFilePresent('a=1\nb=2\na=3\n', { regexp: '^a=', line: 'a=9', firstMatch: true }).text, 'a=9\nb=2\na=3\n');
});

test('lineinfile: an identical rerun is unchanged; exact line present is not re-added', () => {
  assert.equal(lineInFilePresent('x\na=9\n', { regexp: '^a=', line: 'a=9' }).changed, false);
  assert.equal(lineInFilePresent('x\nfoo\n', { regexp: '^nomatch', line: 'foo' }).changed, false);
  assert.equal(lineInFilePresent('x\nfoo\n', { line: 'foo', insertAfter: '^x' }).changed, false);
});

test('lineinfile: insertafter / insertbefore / BOF / EOF and a missing final newline', () => {
  assert.equal(lineInFilePresent('[a]\nk=1\n[b]\n', { line: 'n=2', insertAfter: '^\\[a\\]' }).text, '[a]\nn=2\nk=1\n[b]\n');
  assert.equal(lineInFilePresent('[a]\n[b]\n', { line: 'n=2', insertBefore: '^\\[b\\]' }).text, '[a]\nn=2\n[b]\n');
  assert.equal(lineInFilePresent('a\n', { line: 'top', insertBefore: 'BOF' }).text, 'top\na\n');
  assert.equal(lineInFilePresent('a', { line: 'b' }).text, 'a\nb\n');
  // insertafter that matches nothing appends at the end.
  assert.equal(lineInFilePresent('a\n', { line: 'b', insertAfter: '^zzz' }).text, 'a\nb\n');
});

test('lineinfile: backrefs expand groups and do nothing without a match', () => {
  assert.equal(lineInFilePresent('port = 80\n', { regexp: '^port = (\\d+)$', line: 'port = \\1 # was \\g<1>', backrefs: true }).text, 'port = 80 # was 80\n');
  const none = lineInFilePresent('x\n', { regexp: '^port', line: 'port = 1', backrefs: true });
  assert.equal(none.changed, false);
  assert.equal(none.text, 'x\n');
});

test('lineinfile absent removes every matching line and counts them', () => {
  const r = lineInFileAbsent('a\n#b\nc\n#d\n', { regexp: '^#' });
  assert.equal(r.text, 'a\nc\n');
  assert.equal(r.found, 2);
  assert.equal(r.msg, '2 line(s) removed');
  assert.equal(lineInFileAbsent('a\n', { searchString: 'zz' }).changed, false);
});

test('lineinfile module: missing file fails unless create; check mode leaves file; second run ok', async () => {
  await withTempDir(async (dir) => {
    const p = join(dir, 'sysctl.conf');
    const missing = await runModule(lineinfileModule, makeContext(), { path: p, line: 'x=1' });
    assert.equal(missing.failed, true);
    assert.equal(missing.msg, `Destination ${p} does not exist !`);
    const created = await runModule(lineinfileModule, makeContext(), { path: join(dir, 'sub', 'new'), line: 'x=1', create: true });
    assert.equal(created.changed, true);
    assert.equal(await readFile(join(dir, 'sub', 'new'), 'utf8'), 'x=1\n');
    await writeFile(p, 'net.ipv4.ip_forward = 0\n');
    const args = { path: p, regexp: '^net\\.ipv4\\.ip_forward', line: 'net.ipv4.ip_forward = 1' };
    const check = await runModule(lineinfileModule, makeContext({ check: true, diff: true }), args);
    assert.equal(check.changed, true);
    assert.deepEqual(check.diff, [{ path: p, before: 'net.ipv4.ip_forward = 0\n', after: 'net.ipv4.ip_forward = 1\n' }]);
    assert.equal(await readFile(p, 'utf8'), 'net.ipv4.ip_forward = 0\n');
    assert.equal((await runModule(lineinfileModule, makeContext(), args)).changed, true);
    assert.equal((await runModule(lineinfileModule, makeContext(), args)).changed, false);
    const modeOnly = await runModule(lineinfileModule, makeContext(), { ...args, mode: '0600' });
    assert.equal(modeOnly.changed, true);
    assert.equal((await readdir(dir)).sort().join(','), 'sub,sysctl.conf');
  });
});

test('lineinfile hostile line arrives literally', async () => {
  await withTempDir(async (dir) => {
    const p = join(dir, 'f');
    await writeFile(p, '');
    const line = `$(touch ${dir}/pwned) \`id\` '"; rm -rf /`;
    await runModule(lineinfileModule, makeContext(), { path: p, line });
    assert.equal(await readFile(p, 'utf8'), line + '\n');
    assert.equal(existsSync(join(dir, 'pwned')), false);
  });
});

test('blockinfile: insert, replace in place, remove, custom markers', () => {
  const m = { markerBegin: '# BEGIN X', markerEnd: '# END X', state: 'present' as const };
  const inserted = blockInFile('a\nb\n', { ...m, block: 'one\ntwo' });
  assert.equal(inserted.text, 'a\nb\n# BEGIN X\none\ntwo\n# END X\n');
  assert.equal(inserted.msg, 'Block inserted');
  assert.equal(blockInFile(inserted.text, { ...m, block: 'one\ntwo\n' }).changed, false);
  assert.equal(blockInFile('a\n# BEGIN X\nold\n# END X\nz\n', { ...m, block: 'new' }).text, 'a\n# BEGIN X\nnew\n# END X\nz\n');
  assert.equal(blockInFile('a\n# BEGIN X\nold\n# END X\nz\n', { ...m, block: 'x', state: 'absent' }).text, 'a\nz\n');
  assert.equal(blockInFile('a\n[s]\nb\n', { ...m, block: 'k', insertAfter: '^\\[s\\]' }).text, 'a\n[s]\n# BEGIN X\nk\n# END X\nb\n');
  assert.equal(blockInFile('a\n', { ...m, block: 'k', insertBefore: 'BOF' }).text, '# BEGIN X\nk\n# END X\na\n');
  assert.equal(blockInFile('a', { ...m, block: 'k' }).text, 'a\n# BEGIN X\nk\n# END X\n');
  assert.equal(blockInFile('a\n', { ...m, block: '', state: 'absent' }).changed, false);
});

test('blockinfile module: default markers, idempotent, check mode, absent on a missing file is ok', async () => {
  await withTempDir(async (dir) => {
    const p = join(dir, 'hosts');
    await writeFile(p, '127.0.0.1 localhost\n');
    const args = { path: p, block: '10.0.0.1 m1\n10.0.0.2 m2' };
    const check = await runModule(blockinfileModule, makeContext({ check: true }), args);
    assert.equal(check.changed, true);
    assert.equal(await readFile(p, 'utf8'), '127.0.0.1 localhost\n');
    assert.equal((await runModule(blockinfileModule, makeContext(), args)).changed, true);
    assert.equal(await readFile(p, 'utf8'), '127.0.0.1 localhost\n# BEGIN ANSIBLE MANAGED BLOCK\n10.0.0.1 m1\n10.0.0.2 m2\n# END ANSIBLE MANAGED BLOCK\n');
    assert.equal((await runModule(blockinfileModule, makeContext(), args)).changed, false);
    assert.equal((await runModule(blockinfileModule, makeContext(), { path: p, state: 'absent' })).changed, true);
    assert.equal(await readFile(p, 'utf8'), '127.0.0.1 localhost\n');
    assert.equal((await runModule(blockinfileModule, makeContext(), { path: join(dir, 'none'), state: 'absent' })).changed, false);
  });
});
