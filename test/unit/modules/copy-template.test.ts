import assert from 'node:assert/strict';
import { chmod, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CommandTimeoutError } from '../../../src/connection/types.js';
import { copyModule } from '../../../src/modules/copy.js';
import { templateModule } from '../../../src/modules/template.js';
import { formatUnifiedDiff } from '../../../src/diff/unified.js';
import { makeContext, runModule, withTempDir } from './support.js';

const modeOf = async (p: string) => (await stat(p)).mode & 0o7777;

test('copy content: changes once, then ok; no temp files left', async () => {
  await withTempDir(async (dir) => {
    const dest = join(dir, 'a.conf');
    const first = await runModule(copyModule, makeContext(), { content: 'hello\n', dest, mode: '0640' });
    assert.equal(first.changed, true);
    assert.equal(await readFile(dest, 'utf8'), 'hello\n');
    assert.equal(await modeOf(dest), 0o640);
    const second = await runModule(copyModule, makeContext(), { content: 'hello\n', dest, mode: '0640' });
    assert.equal(second.changed, false);
    assert.deepEqual(await readdir(dir), ['a.conf']);
  });
});

test('copy in check mode on a drifted file reports changed with a diff and leaves it byte-identical', async () => {
  await withTempDir(async (dir) => {
    const dest = join(dir, 'a.conf');
    await writeFile(dest, 'one\ntwo\nthree\n');
    const r = await runModule(copyModule, makeContext({ check: true, diff: true }), { content: 'one\nTWO\nthree\n', dest });
    assert.equal(r.changed, true);
    assert.equal(await readFile(dest, 'utf8'), 'one\ntwo\nthree\n');
    assert.deepEqual(r.diff, [{ path: dest, before: 'one\ntwo\nthree\n', after: 'one\nTWO\nthree\n' }]);
    assert.equal(formatUnifiedDiff(r.diff![0]!), `--- before: ${dest}\n+++ after: ${dest}\n@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n`);
  });
});

test('copy: a mode-only change counts as changed and keeps content; owner-only too', async () => {
  await withTempDir(async (dir) => {
    const dest = join(dir, 'a');
    await writeFile(dest, 'x');
    await chmod(dest, 0o644);
    const r = await runModule(copyModule, makeContext({ diff: true }), { content: 'x', dest, mode: 0o600 });
    assert.equal(r.changed, true);
    assert.equal(r.diff, undefined);
    assert.equal(await modeOf(dest), 0o600);
    const o = await runModule(copyModule, makeContext(), { content: 'x', dest, owner: 'nobody' });
    assert.equal(o.changed, true);
    assert.equal((await stat(dest)).uid !== 0, true);
    assert.equal((await runModule(copyModule, makeContext(), { content: 'x', dest, owner: 'nobody' })).changed, false);
  });
});

test('copy keeps the existing mode when none is given, backup only on content change', async () => {
  await withTempDir(async (dir) => {
    const dest = join(dir, 'b');
    await writeFile(dest, 'old');
    await chmod(dest, 0o600);
    const r = await runModule(copyModule, makeContext(), { content: 'new', dest, backup: true });
    assert.equal(await modeOf(dest), 0o600);
    assert.match(String(r.backup_file), /\/b\.\d+\.\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d~$/);
    assert.equal(await readFile(String(r.backup_file), 'utf8'), 'old');
    await runModule(copyModule, makeContext(), { content: 'new', dest, backup: true, mode: '0644' });
    assert.equal((await readdir(dir)).length, 2);
  });
});

test('copy force: false leaves an existing file; hostile content arrives literally', async () => {
  await withTempDir(async (dir) => {
    const dest = join(dir, 'c');
    await writeFile(dest, 'keep');
    assert.equal((await runModule(copyModule, makeContext(), { content: 'x', dest, force: false })).changed, false);
    assert.equal(await readFile(dest, 'utf8'), 'keep');
    const hostile = `$(touch ${dir}/pwned) \`id\` ' " ; rm -rf ${dir}\n`;
    const odd = join(dir, `we'ird $(x) name`);
    await runModule(copyModule, makeContext(), { content: hostile, dest: odd });
    assert.equal(await readFile(odd, 'utf8'), hostile);
    assert.equal((await readdir(dir)).includes('pwned'), false);
  });
});

test('copy validate runs on the temp file and refuses bad content', async () => {
  await withTempDir(async (dir) => {
    const dest = join(dir, 'v');
    await writeFile(dest, 'good\n');
    const bad = await runModule(copyModule, makeContext(), { content: 'bad\n', dest, validate: 'grep -q good %s' });
    assert.equal(bad.failed, true);
    assert.match(String(bad.msg), /failed to validate/);
    assert.equal(await readFile(dest, 'utf8'), 'good\n');
    assert.deepEqual(await readdir(dir), ['v']);
    const ok = await runModule(copyModule, makeContext(), { content: 'good too\n', dest, validate: 'grep -q good %s' });
    assert.equal(ok.changed, true);
    assert.equal(await readFile(dest, 'utf8'), 'good too\n');
  });
});

test('a validate cut off by the task timeout leaves neither its temporary file nor a changed dest', async () => {
  await withTempDir(async (dir) => {
    const dest = join(dir, 'v.conf');
    await writeFile(dest, 'old\n');
    const ctx = { ...makeContext(), timeoutMs: 300 };
    await assert.rejects(runModule(copyModule, ctx, { content: 'new\n', dest, validate: 'sleep 1.5; test -f %s' }), CommandTimeoutError);
    assert.deepEqual(await readdir(dir), ['v.conf'], 'no .tsplay-validate.* file left');
    assert.equal(await readFile(dest, 'utf8'), 'old\n');
  });
});

test('copy src: role files/ first, directory dest appends the base name, .. is refused', async () => {
  await withTempDir(async (dir) => {
    const roleDir = join(dir, 'roles', 'r');
    await mkdir(join(roleDir, 'files'), { recursive: true });
    await mkdir(join(dir, 'files'));
    await writeFile(join(roleDir, 'files', 'f.txt'), 'from role');
    await writeFile(join(dir, 'files', 'f.txt'), 'from playbook');
    await mkdir(join(dir, 'out'));
    const ctx = makeContext({ role: { name: 'r', dir: roleDir }, playbookDir: dir });
    const r = await runModule(copyModule, ctx, { src: 'f.txt', dest: join(dir, 'out') + '/' });
    assert.equal(r.changed, true);
    assert.equal(await readFile(join(dir, 'out', 'f.txt'), 'utf8'), 'from role');
    const esc = await runModule(copyModule, ctx, { src: '../../../etc/passwd', dest: join(dir, 'out', 'p') });
    assert.equal(esc.failed, true);
    assert.match(String(esc.msg), /outside/);
    const missing = await runModule(copyModule, ctx, { src: 'nope.txt', dest: join(dir, 'out', 'n') });
    assert.equal(missing.failed, true);
  });
});

test('template renders with vars from templates/ and is idempotent', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'templates'));
    await writeFile(join(dir, 'templates', 'haproxy.cfg.mustache'), 'port {{port}}\n');
    const ctx = makeContext({ playbookDir: dir, vars: { port: 6443 } });
    await mkdir(join(dir, 'etc'));
    const r = await runModule(templateModule, ctx, { src: 'haproxy.cfg.mustache', dest: join(dir, 'etc') });
    assert.equal(r.changed, true);
    assert.equal(await readFile(join(dir, 'etc', 'haproxy.cfg'), 'utf8'), 'port 6443\n');
    assert.equal((await runModule(templateModule, ctx, { src: 'haproxy.cfg.mustache', dest: join(dir, 'etc', 'haproxy.cfg') })).changed, false);
    const strict = await runModule(templateModule, makeContext({ playbookDir: dir }), { src: 'haproxy.cfg.mustache', dest: join(dir, 'x') });
    assert.equal(strict.failed, true);
    assert.match(String(strict.msg), /port/);
  });
});

test('template renders a .j2 file as Jinja2 through the local connection, idempotently; a bad one writes nothing', async () => {
  await withTempDir(async (dir) => {
    await mkdir(join(dir, 'templates'));
    const source = '# {{ cluster }}\n{% for h in hosts %}\nserver {{ h.name }} {{ h.ip }}:{{ port }}\n{% endfor %}\n{% if tls %}\ntls = {{ tls }}\n{% endif %}\n';
    await writeFile(join(dir, 'templates', 'lb.cfg.j2'), source);
    await writeFile(join(dir, 'templates', 'bad.cfg.j2'), 'ok\n{% if tls %}\nunclosed\n');
    const vars = { cluster: 'k8s', port: 6443, tls: true, hosts: [{ name: 'm1', ip: '10.0.0.1' }, { name: 'm2', ip: '10.0.0.2' }] };
    const ctx = makeContext({ playbookDir: dir, vars });
    const dest = join(dir, 'lb.cfg');
    const first = await runModule(templateModule, ctx, { src: 'lb.cfg.j2', dest });
    assert.equal(first.changed, true);
    assert.equal(await readFile(dest, 'utf8'), '# k8s\nserver m1 10.0.0.1:6443\nserver m2 10.0.0.2:6443\ntls = True\n');
    assert.equal((await runModule(templateModule, ctx, { src: 'lb.cfg.j2', dest })).changed, false);
    const bad = await runModule(templateModule, ctx, { src: 'bad.cfg.j2', dest: join(dir, 'bad.cfg') });
    assert.equal(bad.failed, true);
    assert.match(String(bad.msg), /^template bad\.cfg\.j2: .*bad\.cfg\.j2:\d+:\d+: syntax error/);
    await assert.rejects(stat(join(dir, 'bad.cfg')), /ENOENT/);
  });
});
