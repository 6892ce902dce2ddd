// wait_for_connection dials by itself: a host that cannot be reached fails the task after the
// timeout instead of being marked unreachable before it runs; a reachable one passes at once.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, play, playbook, results, runTest, task } from './helpers.js';

test('wait_for_connection: ok on a reachable host, a task failure (not unreachable) on one that never answers', async () => {
  const pb = playbook(play({ hosts: 'all', tasks: [task('wait_for_connection', { timeout: 1 }, { name: 'wait' })] }));
  const { events, outcome } = await runTest(pb, inventory({ up: {}, down: {} }), {}, { unreachable: ['down'] });
  const byHost = Object.fromEntries(results(events, 'wait').map((e) => [e.host, e.status]));
  assert.deepEqual(byHost, { up: 'ok', down: 'failed' });
  assert.match(String(results(events, 'wait').find((e) => e.host === 'down')?.result['msg']), /timed out waiting for connection after \d+ s: .*connection refused/);
  assert.equal(outcome.anyUnreachable, false);
});
