import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, play, playbook, results, role, runTest, task, taskTitles } from './helpers.js';

const five = inventory({ h1: {}, h2: {}, h3: {}, h4: {}, h5: {} });

test('serial batches run in order with the last size repeating; a play banner per batch', async () => {
  const pb = playbook(play({ serial: [1, '50%'], tasks: [task('debug', {}, { name: 't' })] }));
  const { events } = await runTest(pb, five);
  const banners = events.filter((e) => e.type === 'play_start').map((e) => e.type === 'play_start' && e.hosts);
  assert.deepEqual(banners, [['h1'], ['h2', 'h3'], ['h4', 'h5']]);
});

test('any_errors_fatal aborts every host and later plays; no_hosts_left is emitted', async () => {
  const pb = playbook(
    play({ anyErrorsFatal: true, tasks: [task('record', { fail_on: ['h2'] }, { name: 'a' }), task('debug', {}, { name: 'b' })] }),
    play({ name: 'later', tasks: [task('debug', {}, { name: 'later task' })] }),
  );
  const { events, outcome } = await runTest(pb, five);
  assert.deepEqual(taskTitles(events), ['a']);
  assert.ok(events.some((e) => e.type === 'no_hosts_left'));
  assert.equal(outcome.anyFailed, true);
});

test('max_fail_percentage aborts only when failures are ABOVE the percentage', async () => {
  const four = inventory({ h1: {}, h2: {}, h3: {}, h4: {} });
  const run = (failOn: string[]) => runTest(playbook(play({ maxFailPercentage: 25, tasks: [task('record', { fail_on: failOn }, { name: 'a' }), task('debug', {}, { name: 'b' })] })), four);
  const one = await run(['h1']);
  assert.deepEqual(results(one.events, 'b').map((e) => e.host), ['h2', 'h3', 'h4']);
  const two = await run(['h1', 'h2']);
  assert.deepEqual(results(two.events, 'b'), []);
  assert.ok(two.events.some((e) => e.type === 'no_hosts_left'));
});

test('check mode: modules get ctx.check, command is skipped, set_fact runs; anyChanged reflects would-change', async () => {
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('command', { cmd: 'touch /nonexistent/x' }, { name: 'cmd', register: 'c' }),
      task('record', { changed: true }, { name: 'rec' }),
      task('record', {}, { name: 'real', checkMode: false }),
      task('set_fact', { x: 1 }, { name: 'sf' }),
      task('debug', { var: 'c' }, { name: 'show' }),
    ],
  }));
  const { events, calls, outcome } = await runTest(pb, five, { check: true });
  assert.equal(results(events, 'cmd')[0]!.status, 'skipped');
  assert.deepEqual(calls.map((c) => c.check), [true, false]);
  assert.equal(results(events, 'sf')[0]!.status, 'ok');
  assert.equal((results(events, 'show')[0]!.result['c'] as { skipped: boolean }).skipped, true);
  assert.equal(outcome.anyChanged, true);
});

test('no_log censors results in events, loop items and errors', async () => {
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('record', { result: { secret: 's3cr3t' } }, { name: 'quiet', noLog: true }),
      task('record', { fail_on: ['h1'], result: { secret: 's3cr3t' } }, { name: 'quiet fail', noLog: true, loop: ['pw'] }),
    ],
  }));
  const { events } = await runTest(pb, five);
  const text = JSON.stringify(results(events));
  assert.ok(!text.includes('s3cr3t') && !text.includes('failed on h1') && !text.includes('"pw"'));
  assert.match(String(results(events, 'quiet')[0]!.result['censored']), /no_log: true/);
  assert.equal(results(events, 'quiet fail').at(-1)!.status, 'failed');
});

test('an unreachable host leaves the run while the others finish', async () => {
  const pb = playbook(play({ gatherFacts: true, tasks: [task('record', {}, { name: 't' })] }), play({ name: 'p2', tasks: [task('record', {}, { name: 't2' })] }));
  const { events, outcome } = await runTest(pb, inventory({ h1: {}, h2: {} }), {}, { unreachable: ['h2'] });
  assert.equal(results(events, 'Gathering Facts').find((e) => e.host === 'h2')!.status, 'unreachable');
  assert.deepEqual(results(events, 't').map((e) => e.host), ['h1']);
  assert.deepEqual(results(events, 't2').map((e) => e.host), ['h1']);
  assert.equal(outcome.stats['h2']!.unreachable, 1);
  assert.equal(outcome.anyUnreachable, true);
});

test('role argument specs fail a host before any connection is opened', async () => {
  const r = role('web', {
    tasks: [task('record', {}, { name: 'use port' })],
    argumentSpecs: { entryPoint: 'main', loc: { file: 'meta/argument_specs.yml', line: 1, col: 1 }, schema: { type: 'object', required: ['web_port'], properties: { web_port: { type: 'integer' } } } },
  });
  const inv = inventory({ good: { vars: { web_port: 80 } }, bad: { vars: { web_port: 'eighty' } } });
  const pb = playbook(play({ gatherFacts: true, roles: [{ role: r, params: {}, when: [], tags: [], loc: { file: 'x', line: 1, col: 1 } }] }));
  const { events, connects, outcome } = await runTest(pb, inv);
  const spec = results(events).filter((e) => e.task.title.startsWith('web : Validating'));
  assert.deepEqual(spec.map((e) => [e.host, e.status]), [['good', 'ok'], ['bad', 'failed']]);
  assert.match(String(spec[1]!.result['msg']), /web.*web_port/);
  assert.deepEqual(connects, ['good']);
  assert.equal(outcome.stats['bad']!.failed, 1);
});

test('SIGINT: no new task starts after the abort, the recap is emitted', async () => {
  const controller = new AbortController();
  const pb = playbook(play({ tasks: [task('debug', {}, { name: 'first' }), task('debug', {}, { name: 'second' })] }));
  const { events, outcome } = await runTest(pb, five, {}, { signal: controller.signal, onEvent: (e) => { if (e.type === 'task_start') controller.abort(); } });
  assert.deepEqual(taskTitles(events), ['first']);
  assert.equal(events.at(-1)!.type, 'recap');
  assert.equal(outcome.interrupted, true);
});

test('include_tasks: when once, included event, inner tasks run; environment reaches commands; become', async () => {
  const inner = [task('record', {}, { name: 'inner', environment: { B: '2' } })];
  const pb = playbook(play({
    hosts: 'h1:h2', become: true, environment: { A: '1' },
    tasks: [{ kind: 'include_tasks', file: 'inc.yml', loaded: inner, loc: { file: 'x', line: 1, col: 1 }, when: ["inventory_hostname == 'h1'"], tags: [], vars: {}, loopVar: 'item' }],
  }));
  const { events, calls } = await runTest(pb, five);
  assert.deepEqual(events.filter((e) => e.type === 'included').map((e) => e.type === 'included' && e.hosts), [['h1']]);
  assert.deepEqual(calls.map((c) => [c.host, c.become, c.env]), [['h1', 'root', { A: '1', B: '2' }]]);
});
