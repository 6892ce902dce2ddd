// loop_control in full (loop_var, index_var, label, pause, extended, extended_allitems) and the
// with_<lookup> loops on tasks and include_tasks, as ansible-playbook 2.14 runs them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/file-tree.js';
import { include, inventory, play, playbook, results, runTest, task } from './helpers.js';

const one = inventory({ h1: {} });
const items = (events: Parameters<typeof results>[0], title: string) => results(events, title).filter((e) => e.item !== undefined);

test('loop_control: extended ansible_loop without allitems, index_var, label as the shown item, ansible_loop in each result', async () => {
  // ansible-playbook 2.14 printed (item=L0) "x 1/2 F - none - 0 i" and (item=L1) "y 2/2 - L none x 1 i".
  const msg = "{{ item }} {{ ansible_loop.index }}/{{ ansible_loop.length }} {{ 'F' if ansible_loop.first else '-' }} {{ 'L' if ansible_loop.last else '-' }}"
    + " {{ ansible_loop.allitems | default('none') }} {{ ansible_loop.previtem | default('-') }} {{ i }} {{ ansible_index_var }}";
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('debug', { msg }, { name: 'ext', loop: ['x', 'y'], indexVar: 'i', loopLabel: 'L{{ i }}', loopExtended: true, loopAllItems: false }),
      task('debug', { msg: "{{ ansible_loop.allitems | join(',') }}" }, { name: 'all', loop: ['x', 'y'] }),
    ],
  }));
  const { events } = await runTest(pb, one);
  const ext = items(events, 'ext');
  assert.deepEqual(ext.map((e) => [e.item, e.result['msg']]), [['L0', 'x 1/2 F - none - 0 i'], ['L1', 'y 2/2 - L none x 1 i']]);
  assert.deepEqual(ext.map((e) => [e.result['i'], e.result['ansible_index_var'], (e.result['ansible_loop'] as { index: number }).index]), [[0, 'i', 1], [1, 'i', 2]]);
  assert.deepEqual(items(events, 'all').map((e) => [e.result['msg'], 'ansible_loop' in e.result]), [['x,y', false], ['x,y', false]]);
});

test('loop_control.pause waits between items (not before the first); a template gives the seconds', async () => {
  const pb = playbook(play({ hosts: 'h1', vars: { wait: 0.06 }, tasks: [task('debug', { msg: '{{ item }}' }, { name: 'paused', loop: [1, 2, 3], loopPause: '{{ wait }}' })] }));
  const started = Date.now();
  const { events } = await runTest(pb, one);
  const elapsed = Date.now() - started;
  assert.equal(items(events, 'paused').length, 3);
  assert.ok(elapsed >= 120, `two pauses of 60 ms, took ${elapsed} ms`);
});

test('with_dict and with_sequence run on a task and on an include_tasks, the value templated first', async () => {
  const inner = [task('debug', { msg: '{{ pair.key }}={{ pair.value }}' }, { name: 'inner' })];
  const pb = playbook(play({
    hosts: 'h1',
    vars: { d: { b: 2, a: 1 }, last: 3 },
    tasks: [
      task('debug', { msg: 'host{{ item }}' }, { name: 'seq', loop: 'start=1 end={{ last }} format=%02d', loopWith: 'sequence' }),
      include('inc.yml', '/pb/site.yml', { loaded: inner, loop: '{{ d }}', loopWith: 'dict', loopVar: 'pair' }),
      task('debug', { msg: '{{ item }}' }, { name: 'bad', loop: 'text', loopWith: 'dict' }),
    ],
  }));
  const { events } = await runTest(pb, one);
  assert.deepEqual(items(events, 'seq').map((e) => e.result['msg']), ['host01', 'host02', 'host03']);
  assert.deepEqual(results(events, 'inner').map((e) => e.result['msg']), ['b=2', 'a=1']);
  assert.deepEqual(results(events, 'bad').map((e) => [e.status, e.result['msg']]), [['failed', 'with_dict: with_dict expects a dict']]);
});

test('with_first_found skips a candidate whose name is undefined, as Ansible does, and finds the next', async () => {
  const dir = writeTree({ 'files/default.yml': '' }, 'tsplay-first-found-');
  const pb = playbook(play({
    hosts: 'h1',
    vars: { base: dir },
    tasks: [
      task('debug', { msg: '{{ item }}' }, { name: 'found', loop: ['{{ base }}/{{ no_such_var }}.yml', '{{ base }}/files/default.yml'], loopWith: 'first_found' }),
      task('debug', { msg: '{{ item }}' }, { name: 'none', loop: '{{ no_such_var }}', loopWith: 'first_found' }),
    ],
  }));
  const { events } = await runTest(pb, one);
  assert.deepEqual(items(events, 'found').map((e) => e.result['msg']), [join(dir, 'files/default.yml')]);
  assert.deepEqual(results(events, 'none').map((e) => [e.status, e.result['msg']]), [['failed', 'with_first_found: No file was found when using first_found.']]);
});
