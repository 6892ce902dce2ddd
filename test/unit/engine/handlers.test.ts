import assert from 'node:assert/strict';
import { test } from 'node:test';
import { handler, inventory, play, playbook, results, runTest, task, taskTitles } from './helpers.js';

const inv = inventory({ h1: {}, h2: {} });
const changed = (name: string, notify: string[], extra = {}) => task('record', { changed: true }, { name, notify, ...extra });

test('handlers run in definition order, once per flush, at the end of each section', async () => {
  const pb = playbook(play({
    preTasks: [changed('pre', ['h2', 'h1'])],
    tasks: [changed('t1', ['h1']), changed('t2', ['h1'])],
    postTasks: [changed('post', ['h2'])],
    handlers: [handler('h1', 'debug', { msg: 'one' }), handler('h2', 'debug', { msg: 'two' })],
  }));
  const { events } = await runTest(pb, inv);
  assert.deepEqual(taskTitles(events), ['pre', 'h1', 'h2', 't1', 't2', 'h1', 'post', 'h2']);
  const h1 = events.filter((e) => e.type === 'task_start' && e.task.title === 'h1');
  assert.ok(h1.every((e) => e.type === 'task_start' && e.task.isHandler && e.hosts.length === 2));
});

test('only changed results notify; failed hosts skip handlers unless forced; listen topics', async () => {
  const pb = playbook(play({
    tasks: [
      task('record', {}, { name: 'unchanged', notify: ['h1'] }),
      changed('notify', ['topic']),
      task('record', { fail_on: ['h2'] }, { name: 'fail h2' }),
    ],
    handlers: [handler('h1', 'debug'), handler('listener', 'debug', {}, { listen: ['topic'] })],
  }));
  const plain = await runTest(pb, inv);
  assert.deepEqual(taskTitles(plain.events), ['unchanged', 'notify', 'fail h2', 'listener']);
  assert.deepEqual(results(plain.events, 'listener').map((e) => e.host), ['h1']);
  const forced = await runTest(pb, inv, { forceHandlers: true });
  assert.deepEqual(results(forced.events, 'listener').map((e) => e.host).sort(), ['h1', 'h2']);
  assert.equal(forced.outcome.stats['h2']!.failed, 1);
});

test('meta: flush_handlers runs pending handlers at that point', async () => {
  const pb = playbook(play({
    tasks: [changed('a', ['h1']), task('meta', { free_form: 'flush_handlers' }), task('debug', {}, { name: 'after' })],
    handlers: [handler('h1', 'debug')],
  }));
  const { events } = await runTest(pb, inv);
  assert.deepEqual(taskTitles(events), ['a', 'h1', 'after']);
});

test('notifying an unknown handler is an error before any host is contacted', async () => {
  const pb = playbook(play({ tasks: [changed('a', ['nope'])], handlers: [handler('h1', 'debug')] }));
  await assert.rejects(runTest(pb, inv), /requested handler 'nope' was not found/);
});
