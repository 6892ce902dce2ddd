import assert from 'node:assert/strict';
import { test } from 'node:test';
import { block, inventory, play, playbook, results, runTest, task, taskTitles } from './helpers.js';

const inv = inventory({ h1: {}, h2: {} });

test('block/rescue/always: a rescued failure counts as rescued, always runs for all', async () => {
  const pb = playbook(play({
    tasks: [
      block(
        [task('record', { fail_on: ['h1'] }, { name: 'body' }), task('debug', {}, { name: 'after body' })],
        [task('debug', { msg: '{{ ansible_failed_task.name }}: {{ ansible_failed_result.msg }}' }, { name: 'rescue' })],
        [task('debug', {}, { name: 'always' })],
      ),
      task('debug', {}, { name: 'next' }),
    ],
  }));
  const { events, outcome } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'after body').map((e) => e.host), ['h2']);
  assert.deepEqual(results(events, 'rescue').map((e) => [e.host, e.result['msg']]), [['h1', 'body: failed on h1']]);
  assert.deepEqual(results(events, 'always').map((e) => e.host).sort(), ['h1', 'h2']);
  assert.deepEqual(results(events, 'next').map((e) => e.host).sort(), ['h1', 'h2']);
  assert.equal(outcome.stats['h1']!.rescued, 1);
  assert.equal(outcome.stats['h1']!.failed, 0);
  assert.equal(outcome.anyFailed, false);
});

test('a failure without rescue: always runs, then the host leaves the play and later plays', async () => {
  const pb = playbook(
    play({ tasks: [block([task('record', { fail_on: ['h1'] }, { name: 'body' })], [], [task('debug', {}, { name: 'always' })]), task('debug', {}, { name: 'next' })] }),
    play({ name: 'second', tasks: [task('debug', {}, { name: 'second play' })] }),
  );
  const { events, outcome } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'always').map((e) => e.host).sort(), ['h1', 'h2']);
  assert.deepEqual(results(events, 'next').map((e) => e.host), ['h2']);
  assert.deepEqual(results(events, 'second play').map((e) => e.host), ['h2']);
  assert.equal(outcome.stats['h1']!.failed, 1);
  assert.equal(outcome.anyFailed, true);
});

test('loops: when per item, register results, changed if any item changed, loop_control', async () => {
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('record', { changed: "{{ item == 'b' }}" }, { name: 'loop', loop: ['a', 'b', 'c'], when: ["item != 'c'"], register: 'out' }),
      task('debug', { var: 'out' }, { name: 'show' }),
      task('debug', { msg: '{{ idx }}:{{ pkg.name }}' }, { name: 'named', loop: '{{ pkgs }}', loopVar: 'pkg', indexVar: 'idx', loopLabel: '{{ pkg.name }}', vars: { pkgs: [{ name: 'x' }, { name: 'y' }] } }),
    ],
  }));
  const { events, calls } = await runTest(pb, inv);
  assert.deepEqual(calls.map((c) => c.args['changed']), [false, true]);
  const perItem = results(events, 'loop');
  assert.deepEqual(perItem.map((e) => [e.item, e.status]), [['a', 'ok'], ['b', 'changed'], ['c', 'skipped'], [undefined, 'changed']]);
  const out = results(events, 'show')[0]!.result['out'] as { changed: boolean; results: { item: string; skipped?: boolean; changed: boolean }[] };
  assert.equal(out.changed, true);
  assert.deepEqual(out.results.map((r) => [r.item, r.changed, r.skipped === true]), [['a', false, false], ['b', true, false], ['c', false, true]]);
  assert.deepEqual(results(events, 'named').slice(0, 2).map((e) => [e.item, e.result['msg']]), [['x', '0:x'], ['y', '1:y']]);
});

test('until/retries: retries+1 attempts, attempts in the result, a retry event each time', async () => {
  let n = 0;
  const flaky = { name: 'flaky', schema: {}, async run() { n++; return { changed: false, count: n }; } };
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('flaky', {}, { name: 'eventually', register: 'r', until: ['r.count >= 2'], retries: 5, delay: 0 }),
      task('flaky', {}, { name: 'never', register: 'r2', until: ['r2.count > 100'], retries: 3, delay: 0, ignoreErrors: true }),
    ],
  }));
  const { events } = await runTest(pb, inv, {}, { modules: [flaky] });
  assert.equal(results(events, 'eventually')[0]!.result['attempts'], 2);
  const never = results(events, 'never')[0]!;
  assert.equal(never.status, 'ignored');
  assert.equal(never.result['attempts'], 3);
  assert.equal(never.result['count'], 6); // 2 + four attempts
  assert.deepEqual(events.filter((e) => e.type === 'retry' && e.task.title === 'never').map((e) => e.type === 'retry' && e.retriesLeft), [3, 2, 1]);
});

test('ignore_errors keeps the host; changed_when and failed_when see the registered result', async () => {
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('record', { fail_on: ['h1'] }, { name: 'ignored', ignoreErrors: true }),
      task('record', { result: { rc: 3 } }, { name: 'cw', register: 'r', changedWhen: ['r.rc == 3'], failedWhen: ['r.rc > 5'] }),
      task('record', { result: { rc: 7 } }, { name: 'fw', register: 'r', failedWhen: ['r.rc > 5'], ignoreErrors: true }),
    ],
  }));
  const { events, outcome } = await runTest(pb, inv);
  assert.equal(results(events, 'ignored')[0]!.status, 'ignored');
  assert.equal(results(events, 'cw')[0]!.status, 'changed');
  assert.equal(results(events, 'fw')[0]!.status, 'ignored');
  assert.deepEqual({ ...outcome.stats['h1']! }, { ok: 3, changed: 1, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 2 });
});

test('ignore_errors also covers a condition, loop or argument that does not template (ansible-playbook 2.14)', async () => {
  // Captured from ansible-playbook 2.14.18: all three are "...ignoring" and the play goes on.
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('debug', { msg: 'x' }, { name: 'when', when: ['nope'], ignoreErrors: true }),
      task('debug', { msg: 'x' }, { name: 'loop', loop: '{{ nope }}', ignoreErrors: true }),
      task('debug', { msg: '{{ nope }}' }, { name: 'arg', ignoreErrors: true }),
      task('debug', { msg: 'end' }, { name: 'last' }),
    ],
  }));
  const { events, outcome } = await runTest(pb, inv);
  assert.deepEqual(['when', 'loop', 'arg', 'last'].map((name) => results(events, name)[0]?.status), ['ignored', 'ignored', 'ignored', 'ok']);
  assert.deepEqual({ ...outcome.stats['h1']! }, { ok: 4, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 3 });
});

test('run_once runs on the first host and gives every host the result; delegate_to uses the other host\'s connection', async () => {
  const pb = playbook(play({
    hosts: 'h1:h2',
    tasks: [
      task('record', { result: { token: 'abc' } }, { name: 'once', runOnce: true, register: 'tok', delegateTo: 'h3' }),
      task('debug', { msg: '{{ tok.token }}' }, { name: 'show' }),
    ],
  }));
  const { events, calls, connects } = await runTest(pb, inventory({ h1: {}, h2: {}, h3: {} }));
  assert.deepEqual(calls.map((c) => [c.host, c.conn]), [['h1', 'h3']]);
  assert.equal(results(events, 'once')[0]!.delegatedTo, 'h3');
  assert.deepEqual(results(events, 'show').map((e) => e.result['msg']), ['abc', 'abc']);
  assert.deepEqual(connects, ['h3']);
});

test('tags: always runs unless skipped by name, never only when asked', async () => {
  const pb = playbook(play({
    tasks: [
      task('debug', {}, { name: 'plain' }),
      task('debug', {}, { name: 'tagged x', tags: ['x'] }),
      task('debug', {}, { name: 'always', tags: ['always'] }),
      task('debug', {}, { name: 'never', tags: ['never', 'debugme'] }),
    ],
  }));
  assert.deepEqual(taskTitles((await runTest(pb, inv)).events), ['plain', 'tagged x', 'always']);
  assert.deepEqual(taskTitles((await runTest(pb, inv, { tags: ['x'] })).events), ['tagged x', 'always']);
  assert.deepEqual(taskTitles((await runTest(pb, inv, { tags: ['debugme'] })).events), ['always', 'never']);
  assert.deepEqual(taskTitles((await runTest(pb, inv, { skipTags: ['always'] })).events), ['plain', 'tagged x']);
  assert.deepEqual(taskTitles((await runTest(pb, inv, { tags: ['untagged'] })).events), ['plain', 'always']);
});
