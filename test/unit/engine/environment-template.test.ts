// `environment: "{{ proxy_env }}"` (kubespray's plays and tasks): a template that gives the mapping
// per host, layered under the task's own mapping; anything but a mapping fails the task.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, play, playbook, results, runTest, task } from './helpers.js';

const hosts = inventory({
  h1: { vars: { proxy_env: { http_proxy: 'http://p:3128', A: 'play' } } },
  h2: { vars: { proxy_env: 'not a mapping' } },
});

test('a templated play environment reaches the module per host, the task mapping on top; a non-mapping fails the task', async () => {
  const pb = playbook(play({ hosts: 'h1:h2', environment: '{{ proxy_env }}', tasks: [task('record', {}, { name: 'fetch', environment: { A: 'task' } })] }));
  const { events, calls } = await runTest(pb, hosts);
  assert.deepEqual(calls.map((c) => [c.host, c.env]), [['h1', { http_proxy: 'http://p:3128', A: 'task' }]]);
  const failed = results(events, 'fetch').find((e) => e.host === 'h2')!;
  assert.equal(failed.status, 'failed');
  assert.match(String(failed.result['msg']), /environment must be a mapping, got string/);
});
