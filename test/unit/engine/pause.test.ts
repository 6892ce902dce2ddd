// pause runs once per batch (as Ansible's does), not once per host: with forks=1 and three hosts
// it still runs once, and every host gets its result.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, play, playbook, results, runTest, task } from './helpers.js';

test('pause: once for the batch, its result registered on every host; no duration is refused', async () => {
  const pb = playbook(play({ hosts: 'all', tasks: [
    task('pause', { seconds: 0.05, prompt: 'settling' }, { name: 'wait', register: 'waited' }),
    task('debug', { msg: '{{ waited.stdout }}' }, { name: 'show' }),
    task('pause', {}, { name: 'key press', ignoreErrors: true }),
  ] }));
  const { events } = await runTest(pb, inventory({ h1: {}, h2: {}, h3: {} }), { forks: 1 });
  const ran = events.filter((e) => e.type === 'host_result' && e.task.title === 'wait');
  assert.deepEqual(ran.map((e) => (e.type === 'host_result' ? e.host : '')), ['h1'], 'one run, reported for the first host');
  assert.deepEqual(results(events, 'show').map((e) => /^Paused for \d+\.\d\d seconds$/.test(String(e.result['msg']))), [true, true, true]);
  assert.match(String(results(events, 'key press')[0]?.result['msg']), /give seconds or minutes/);
});
