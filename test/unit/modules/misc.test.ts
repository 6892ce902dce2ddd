import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { chmod, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { coreModules } from '../../../src/modules/core-list.js';
import { assertModule } from '../../../src/modules/assert.js';
import { debugModule } from '../../../src/modules/debug.js';
import { failModule } from '../../../src/modules/fail.js';
import { metaModule } from '../../../src/modules/meta.js';
import { setFactModule } from '../../../src/modules/set_fact.js';
import { slurpModule } from '../../../src/modules/slurp.js';
import { statModule } from '../../../src/modules/stat.js';
import { waitForModule } from '../../../src/modules/wait_for.js';
import { applyMode, parseMode } from '../../../src/modules/lib/mode.js';
import { makeContext, runModule, withTempDir } from './support.js';

test('every core schema compiles as draft-07, rejects unknown arguments and documents each argument', () => {
  const ajv = new Ajv({ strict: false });
  for (const m of coreModules) {
    const validate = ajv.compile(m.schema);
    const props = (m.schema as { properties?: Record<string, { description?: string }> }).properties ?? {};
    for (const [k, v] of Object.entries(props)) assert.ok(v.description, `${m.name}.${k} has no description`);
    if (m.name !== 'set_fact') assert.equal(validate({ no_such_argument: 1 }), false, m.name);
  }
  assert.equal(ajv.compile(setFactModule.schema)({ 'bad-name': 1 }), false);
});

test('parseMode: octal strings, YAML ints, symbolic, decimal warning', () => {
  assert.deepEqual(parseMode('0644'), { kind: 'absolute', mode: 0o644 });
  assert.equal((parseMode('755') as { mode: number }).mode, 0o755);
  assert.equal((parseMode(420) as { mode: number }).mode, 0o644);
  const dec = parseMode(644);
  assert.equal(dec.kind === 'absolute' && dec.mode, 644);
  assert.match(String(dec.kind === 'absolute' && dec.warning), /decimal/);
  assert.equal(applyMode(parseMode('u=rw,g=r,o=r'), 0o777, false), 0o644);
  assert.equal(applyMode(parseMode('u+x'), 0o644, false), 0o744);
  assert.equal(applyMode(parseMode('a=rX'), 0o600, true), 0o555);
  assert.equal(applyMode(parseMode('a=rX'), 0o600, false), 0o444);
  assert.equal(applyMode(parseMode('go-w'), 0o666, false), 0o644);
  assert.throws(() => parseMode('rw-r--r--'), /neither octal/);
});

test('stat reports a file, a link and a missing path', async () => {
  await withTempDir(async (dir) => {
    const f = join(dir, 'f');
    await writeFile(f, 'abc');
    await chmod(f, 0o640);
    await symlink('f', join(dir, 'l'));
    const r = await runModule(statModule, makeContext(), { path: f });
    const s = r.stat as Record<string, unknown>;
    assert.equal(r.changed, false);
    assert.equal(s.exists, true);
    assert.equal(s.mode, '0640');
    assert.equal(s.isreg, true);
    assert.equal(s.size, 3);
    assert.equal(s.checksum, 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(s.pw_name, 'root');
    const sha = await runModule(statModule, makeContext(), { path: f, checksum_algorithm: 'sha256' });
    assert.equal((sha.stat as Record<string, unknown>).checksum, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const l = (await runModule(statModule, makeContext(), { path: join(dir, 'l') })).stat as Record<string, unknown>;
    assert.equal(l.islnk, true);
    assert.equal(l.lnk_target, 'f');
    assert.equal(l.lnk_source, f, 'lnk_source is the resolved path (os.path.realpath), as Ansible');
    await symlink('l', join(dir, 'chain'));
    await symlink('nope/x', join(dir, 'dangling'));
    const chain = (await runModule(statModule, makeContext(), { path: join(dir, 'chain') })).stat as Record<string, unknown>;
    assert.deepEqual([chain.lnk_source, chain.lnk_target], [f, 'l']);
    const dangling = (await runModule(statModule, makeContext(), { path: join(dir, 'dangling') })).stat as Record<string, unknown>;
    assert.deepEqual([dangling.lnk_source, dangling.lnk_target], [join(dir, 'nope', 'x'), 'nope/x']);
    assert.deepEqual((await runModule(statModule, makeContext(), { path: join(dir, 'none') })).stat, { exists: false });
  });
});

test('slurp returns base64 content, binary safe', async () => {
  await withTempDir(async (dir) => {
    const bytes = Buffer.from([0, 1, 2, 255, 10, 13]);
    await writeFile(join(dir, 'b'), bytes);
    const r = await runModule(slurpModule, makeContext(), { src: join(dir, 'b') });
    assert.equal(r.encoding, 'base64');
    assert.deepEqual(Buffer.from(String(r.content), 'base64'), bytes);
    assert.equal((await runModule(slurpModule, makeContext(), { src: join(dir, 'none') })).failed, true);
  });
});

test('as ansible-playbook 2.14: debug prints a none msg as none, set_fact makes yes/no/true/false strings booleans', async () => {
  assert.equal((await runModule(debugModule, makeContext(), { msg: null })).msg, null);
  assert.equal((await runModule(debugModule, makeContext(), {})).msg, 'Hello world!');
  const facts = (await runModule(setFactModule, makeContext(), { a: 'yes', b: 'False', c: 'yesterday', d: 'NO' })).ansible_facts;
  assert.deepEqual(facts, { a: true, b: false, c: 'yesterday', d: false });
});

test('set_fact free form and dict; debug; fail; meta', async () => {
  const r = await runModule(setFactModule, makeContext(), `a=1 b='two words' c=yes`);
  assert.deepEqual(r.ansible_facts, { a: '1', b: 'two words', c: true });
  assert.equal(r.changed, false);
  assert.deepEqual((await runModule(setFactModule, makeContext(), { x: [1], cacheable: true })).ansible_facts, { x: [1] });
  assert.equal((await runModule(debugModule, makeContext(), { msg: 'hi' })).msg, 'hi');
  assert.equal((await runModule(debugModule, makeContext({ vars: { v: 3 } }), { var: 'v' })).v, 3);
  assert.equal((await runModule(debugModule, makeContext(), { var: 'nope' })).nope, 'VARIABLE IS NOT DEFINED!');
  assert.equal((await runModule(debugModule, makeContext(), { msg: 'x', verbosity: 2 })).skipped, true);
  const f = await runModule(failModule, makeContext(), {});
  assert.equal(f.failed, true);
  assert.equal(f.msg, 'Failed as requested from task');
  assert.deepEqual(await runModule(metaModule, makeContext(), 'flush_handlers'), { changed: false, action: 'flush_handlers' });
});

test('assert evaluates every expression and reports the failing one', async () => {
  const ctx = makeContext({ vars: { a: 1, b: 'x' } });
  const ok = await runModule(assertModule, ctx, { that: ['a == 1', "b == 'x'"], success_msg: 'fine' });
  assert.equal(ok.failed, undefined);
  assert.equal(ok.msg, 'fine');
  const bad = await runModule(assertModule, ctx, { that: ['a == 1', 'a == 2'], fail_msg: 'a must be 2' });
  assert.equal(bad.failed, true);
  assert.equal(bad.assertion, 'a == 2');
  assert.equal(bad.msg, 'a must be 2');
  assert.equal((await runModule(assertModule, ctx, { that: 'undefined_name' })).failed, true);
});

test('wait_for: port opens, times out on a closed port, path with search_regex', async () => {
  const server = createServer((s) => s.end()).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  try {
    const up = await runModule(waitForModule, makeContext({ check: true }), { port, timeout: 5 });
    assert.equal(up.failed, undefined);
    assert.equal(up.changed, false);
    server.close();
    await new Promise((r) => setTimeout(r, 50));
    const down = await runModule(waitForModule, makeContext(), { port, timeout: 1, connect_timeout: 1 });
    assert.equal(down.failed, true);
    assert.equal(down.msg, `Timeout when waiting for 127.0.0.1:${port}`);
    assert.equal((await runModule(waitForModule, makeContext(), { port, state: 'stopped', timeout: 2 })).failed, undefined);
  } finally {
    server.close();
  }
  await withTempDir(async (dir) => {
    const p = join(dir, 'log');
    setTimeout(() => void writeFile(p, 'booting\nready\n'), 300);
    const r = await runModule(waitForModule, makeContext(), { path: p, search_regex: '^ready$', timeout: 5 });
    assert.equal(r.failed, undefined);
    const gone = await runModule(waitForModule, makeContext(), { path: p, state: 'absent', timeout: 1 });
    assert.equal(gone.failed, true);
  });
});
