import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { commandModule } from '../../../src/modules/command.js';
import { shellModule } from '../../../src/modules/shell.js';
import { splitCommandLine } from '../../../src/modules/lib/command-line.js';
import { makeContext, runModule, withTempDir } from './support.js';

test('splitCommandLine follows shlex rules', () => {
  assert.deepEqual(splitCommandLine(`echo 'a b' "c \\"d\\"" e\\ f ''`), ['echo', 'a b', 'c "d"', 'e f', '']);
  assert.throws(() => splitCommandLine(`echo 'open`), /closing quotation/);
});

test('command runs, reports rc/stdout/lines and is always changed', async () => {
  const r = await runModule(commandModule, makeContext(), `printf 'one\\ntwo\\n'`);
  assert.equal(r.changed, true);
  assert.equal(r.rc, 0);
  assert.equal(r.stdout, 'one\ntwo');
  assert.deepEqual(r.stdout_lines, ['one', 'two']);
  assert.deepEqual(r.cmd, ['printf', 'one\\ntwo\\n']);
  assert.match(String(r.delta), /^0:00:\d\d\.\d{6}$/);
});

test('command non-zero rc fails with Ansible message', async () => {
  const r = await runModule(commandModule, makeContext(), { argv: ['sh', '-c', 'echo oops >&2; exit 3'] });
  assert.equal(r.failed, true);
  assert.equal(r.rc, 3);
  assert.equal(r.msg, 'non-zero return code');
  assert.equal(r.stderr, 'oops');
});

test('command passes hostile values as literal data (no shell)', async () => {
  await withTempDir(async (dir) => {
    const marker = join(dir, 'pwned');
    const hostile = `$(touch ${marker}) \`touch ${marker}\` ; touch ${marker} | x 'q' "dq"\nline2`;
    const r = await runModule(commandModule, makeContext(), { argv: ['printf', '%s', hostile] });
    assert.equal(r.stdout, hostile);
    const r2 = await runModule(commandModule, makeContext(), `echo $(touch ${marker}) ; touch ${marker}`);
    assert.equal(r2.stdout, `$(touch ${marker}) ; touch ${marker}`);
    assert.equal(existsSync(marker), false);
  });
});

test('command creates/removes decide, in check mode too', async () => {
  await withTempDir(async (dir) => {
    const made = join(dir, 'made');
    const args = { cmd: `touch ${made}`, creates: made };
    const check = await runModule(commandModule, makeContext({ check: true }), args);
    assert.equal(check.changed, true);
    assert.equal(check.msg, 'Command would have run if not in check mode');
    assert.equal(existsSync(made), false);
    const first = await runModule(commandModule, makeContext(), args);
    assert.equal(first.changed, true);
    assert.equal(existsSync(made), true);
    const second = await runModule(commandModule, makeContext(), args);
    assert.equal(second.changed, false);
    assert.equal(second.msg, `Did not run command since '${made}' exists`);
    const removes = await runModule(commandModule, makeContext(), { cmd: 'true', removes: join(dir, 'nope') });
    assert.equal(removes.changed, false);
    assert.match(String(removes.msg), /does not exist/);
  });
});

test('command in check mode without creates/removes is skipped and runs nothing', async () => {
  await withTempDir(async (dir) => {
    const r = await runModule(commandModule, makeContext({ check: true }), `touch ${join(dir, 'x')}`);
    assert.equal(r.skipped, true);
    assert.equal(r.changed, false);
    assert.equal(r.stdout, '');
    assert.equal(existsSync(join(dir, 'x')), false);
  });
});

test('command chdir and stdin; a missing chdir does not run the command', async () => {
  await withTempDir(async (dir) => {
    const r = await runModule(commandModule, makeContext(), { cmd: 'pwd', chdir: dir });
    assert.equal(r.stdout, dir);
    const s = await runModule(commandModule, makeContext(), { cmd: 'cat', stdin: 'hello' });
    assert.equal(s.stdout, 'hello');
    const bad = await runModule(commandModule, makeContext(), { cmd: `touch ${join(dir, 'y')}`, chdir: join(dir, 'missing') });
    assert.equal(bad.failed, true);
    assert.equal(existsSync(join(dir, 'y')), false);
  });
});

test('shell interprets pipes and variables; executable is honoured', async () => {
  await withTempDir(async (dir) => {
    const r = await runModule(shellModule, makeContext(), `echo a b | wc -w; X=1; echo $X > ${join(dir, 'o')}`);
    assert.equal(String(r.stdout).trim(), '2');
    assert.equal((await readFile(join(dir, 'o'), 'utf8')).trim(), '1');
    const b = await runModule(shellModule, makeContext(), { cmd: 'echo ${BASH_VERSION:+bash}', executable: '/bin/bash' });
    assert.equal(b.stdout, 'bash');
    await writeFile(join(dir, 'c'), '');
    const c = await runModule(shellModule, makeContext(), { cmd: 'exit 1', creates: join(dir, 'c') });
    assert.equal(c.changed, false);
    assert.equal(c.failed, undefined);
  });
});
