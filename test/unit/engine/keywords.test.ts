import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModuleDefinition } from '../../../src/modules/types.js';
import { block, inventory, play, playbook, results, runTest, task } from './helpers.js';

const four = inventory({ h1: {}, h2: {}, h3: {}, h4: {} });

/** Records how many hosts ran it at the same time. */
function concurrencyProbe(): { module: ModuleDefinition; peak: () => number } {
  let running = 0;
  let peak = 0;
  const module: ModuleDefinition = {
    name: 'slow',
    schema: {},
    async run() {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 15));
      running--;
      return { changed: false };
    },
  };
  return { module, peak: () => peak };
}

test('with_items flattens one level and takes a single value as a list of one; loop does not', async () => {
  const pb = playbook(play({
    hosts: 'h1',
    vars: { extra: ['c', 'd'], one: 'solo' },
    tasks: [
      task('debug', { msg: '{{ item }}' }, { name: 'wi', loop: [['a', 'b'], '{{ extra }}', 'e', [['deep']]], flattenLoop: true }),
      task('debug', { msg: '{{ item }}' }, { name: 'single', loop: '{{ one }}', flattenLoop: true }),
      task('debug', { msg: '{{ item | length }}' }, { name: 'loop', loop: [['a', 'b'], 'c'] }),
    ],
  }));
  const { events } = await runTest(pb, four);
  const items = (title: string) => results(events, title).filter((e) => e.item !== undefined).map((e) => e.item);
  assert.deepEqual(items('wi'), ['a', 'b', 'c', 'd', 'e', ['deep']]);
  assert.deepEqual(items('single'), ['solo']);
  assert.deepEqual(items('loop'), [['a', 'b'], 'c']);
});

test("module warnings become 'warning' events (per loop item too), but not under no_log", async () => {
  const warns: ModuleDefinition = { name: 'warns', schema: {}, controllerOnly: true, async run(_ctx, args) { return { changed: false, warnings: [`careful with ${String(args['what'])}`] }; } };
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('warns', { what: 'mode' }),
      task('warns', { what: '{{ item }}' }, { loop: ['x', 'y'] }),
      task('warns', { what: 'secret' }, { noLog: true }),
    ],
  }));
  const { events } = await runTest(pb, four, {}, { modules: [warns] });
  const warnings = events.filter((e) => e.type === 'warning').map((e) => e.type === 'warning' && e.message);
  assert.deepEqual(warnings, ['careful with mode', 'careful with x', 'careful with y']);
});

test('throttle bounds the hosts running a task at once (templated too, inherited from a block); forks still apply', async () => {
  const run = async (throttle: number | string | undefined, forks: number, onBlock = false) => {
    const probe = concurrencyProbe();
    const slow = task('slow', {}, onBlock || throttle === undefined ? {} : { throttle });
    const tasks = onBlock ? [block([slow], [], [], { throttle })] : [slow];
    await runTest(playbook(play({ vars: { n: 2 }, tasks })), four, { forks }, { modules: [probe.module] });
    return probe.peak();
  };
  assert.equal(await run(undefined, 5), 4);
  assert.equal(await run(1, 5), 1);
  assert.equal(await run('{{ n }}', 5), 2);
  assert.equal(await run(3, 2), 2);
  assert.equal(await run(1, 5, true), 1);
});

test('ignore_unreachable: the host is counted ok+ignored and stays in the play', async () => {
  const pb = playbook(play({
    tasks: [task('record', {}, { name: 'reach', ignoreUnreachable: true }), task('debug', {}, { name: 'after' })],
  }));
  const { events, outcome } = await runTest(pb, inventory({ up: {}, down: {} }), {}, { unreachable: ['down'] });
  const down = results(events, 'reach').find((e) => e.host === 'down')!;
  assert.equal(down.status, 'unreachable');
  assert.equal(down.ignored, true);
  assert.deepEqual(results(events, 'after').map((e) => e.host).sort(), ['down', 'up']);
  assert.deepEqual({ ok: outcome.stats['down']!.ok, ignored: outcome.stats['down']!.ignored, unreachable: outcome.stats['down']!.unreachable }, { ok: 2, ignored: 1, unreachable: 0 });
  assert.equal(outcome.anyUnreachable, false);

  const strict = await runTest(playbook(play({ tasks: [task('record', {}, { name: 'reach' }), task('debug', {}, { name: 'after' })] })), inventory({ up: {}, down: {} }), {}, { unreachable: ['down'] });
  assert.deepEqual(results(strict.events, 'after').map((e) => e.host), ['up']);
});

test('delegate_facts: facts returned by a delegated task land on the delegate; register stays on the host', async () => {
  const inv = inventory({ web: {}, db: {} });
  const pb = playbook(play({
    hosts: 'web',
    tasks: [
      task('record', { result: { ansible_facts: { probed: 'yes' } } }, { delegateTo: 'db', delegateFacts: true, register: 'r' }),
      task('record', { result: { ansible_facts: { local: 'mine' } } }, { delegateTo: 'db' }),
      task('set_fact', { via_set_fact: 1 }, { delegateTo: 'db', delegateFacts: true }),
      task('debug', { msg: "{{ hostvars['db'].ansible_facts.probed }} {{ hostvars['db'].via_set_fact }} {{ ansible_facts.probed | default('none') }} {{ ansible_local }} {{ r.changed }}" }, { name: 'show' }),
    ],
  }));
  const { events } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'show').map((e) => e.result['msg']), ['yes 1 none mine false']);
});

test('order: hosts run and are batched in inventory, reverse, sorted, reverse sorted or shuffled order', async () => {
  const inv = inventory({ web2: {}, web10: {}, web1: {}, db: {} });
  const order = async (o: 'inventory' | 'reverse_inventory' | 'sorted' | 'reverse_sorted' | 'shuffle' | undefined, serial: number[] = []) => {
    const pb = playbook(play({ hosts: 'all', serial, ...(o ? { order: o } : {}), tasks: [task('debug', { msg: 'x' }, { name: 'one' })] }));
    const { events } = await runTest(pb, inv, { forks: 1 });
    return events.filter((e) => e.type === 'play_start').map((e) => (e.type === 'play_start' ? e.hosts.join(',') : ''));
  };
  assert.deepEqual(await order(undefined), ['web2,web10,web1,db']);
  assert.deepEqual(await order('inventory'), ['web2,web10,web1,db']);
  assert.deepEqual(await order('reverse_inventory'), ['db,web1,web10,web2']);
  assert.deepEqual(await order('sorted'), ['db,web1,web10,web2'], 'string order, as Python sorts names');
  assert.deepEqual(await order('reverse_sorted', [2]), ['web2,web10', 'web1,db'], 'serial batches follow the order');
  const shuffled = (await order('shuffle'))[0]!.split(',');
  assert.deepEqual([...shuffled].sort(), ['db', 'web1', 'web10', 'web2']);
});

test('a registered result says failed: false when it ran; a skipped one and a loop summary do not', async () => {
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('debug', { msg: 'x' }, { register: 'ran' }),
      task('debug', { msg: 'x' }, { register: 'skipped', when: ['false'] }),
      task('debug', { msg: '{{ item }}' }, { register: 'looped', loop: [1] }),
      // evrardjp.keepalived reads `.failed` of a successful slurp directly.
      task('debug', { msg: "{{ (not ran.failed) | ternary('y', 'n') }} {{ ('failed' in skipped) | ternary('y', 'n') }} {{ ('failed' in looped) | ternary('y', 'n') }} {{ looped.results[0].failed | ternary('y', 'n') }}" }, { name: 'show' }),
    ],
  }));
  const { events } = await runTest(pb, four);
  assert.deepEqual(results(events, 'show').map((e) => e.result['msg']), ['y n n n']);
});
