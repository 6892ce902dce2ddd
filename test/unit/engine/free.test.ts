import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ModuleDefinition } from '../../../src/modules/types.js';
import { handler, inventory, play, playbook, results, runTest, task } from './helpers.js';

/** Sleeps `ms[host]` milliseconds, then logs "host:label" when it finishes. */
function sleeper(log: string[]): ModuleDefinition {
  return {
    name: 'sleep',
    schema: {},
    controllerOnly: true,
    async run(ctx, args) {
      const ms = (args['ms'] as Record<string, number> | undefined)?.[ctx.host] ?? 0;
      await new Promise((resolve) => setTimeout(resolve, ms));
      log.push(`${ctx.host}:${String(args['label'])}`);
      return { changed: args['changed'] === true };
    },
  };
}

const two = inventory({ slow: {}, fast: {} });

function sectionsPlay(strategy: 'linear' | 'free') {
  return playbook(play({
    strategy,
    preTasks: [task('sleep', { ms: { slow: 400 }, label: 'pre', changed: true }, { notify: ['h'] })],
    tasks: [task('sleep', { label: 'task' })],
    postTasks: [task('sleep', { label: 'post' })],
    handlers: [handler('h', 'sleep', { label: 'handler' })],
  }));
}

test('free: a host does not wait for the others at section ends or handler flushes', async () => {
  const log: string[] = [];
  await runTest(sectionsPlay('free'), two, {}, { modules: [sleeper(log)] });
  assert.deepEqual(log.filter((l) => l.startsWith('fast')), ['fast:pre', 'fast:handler', 'fast:task', 'fast:post']);
  // fast finished the whole play before slow finished its first task.
  assert.ok(log.indexOf('fast:post') < log.indexOf('slow:pre'), log.join(' '));
  assert.deepEqual(log.slice(-4), ['slow:pre', 'slow:handler', 'slow:task', 'slow:post']);
});

test('linear: hosts meet at every task (the same play, for contrast)', async () => {
  const log: string[] = [];
  await runTest(sectionsPlay('linear'), two, {}, { modules: [sleeper(log)] });
  assert.ok(log.indexOf('slow:pre') < log.indexOf('fast:task'), log.join(' '));
});

test('free: run_once runs once per serial batch and every host of the batch gets its result', async () => {
  const log: string[] = [];
  const four = inventory({ a: {}, b: {}, c: {}, d: {} });
  const pb = playbook(play({
    strategy: 'free',
    serial: [2],
    tasks: [
      task('sleep', { ms: { b: 20, d: 20 }, label: 'before' }),
      task('sleep', { label: 'once' }, { runOnce: true, register: 'once_result' }),
      task('debug', { msg: '{{ once_result.changed }}' }, { name: 'show' }),
    ],
  }));
  const { events } = await runTest(pb, four, {}, { modules: [sleeper(log)] });
  assert.deepEqual(log.filter((l) => l.endsWith(':once')), ['a:once', 'c:once']);
  assert.deepEqual(results(events, 'show').map((e) => e.host).sort(), ['a', 'b', 'c', 'd']);
});
