// A task whose module Ansible has and tsplay lacks loaded with the reason; running it fails that
// task on each host that reaches it, with the reason, and the play goes on for the others.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, play, playbook, results, runTest, task } from './helpers.js';

test('a task marked unavailable fails with its reason on the hosts that run it', async () => {
  const unavailable = "module 'group_by' is not available in tsplay (ansible.builtin.group_by is not implemented)";
  const pb = playbook(play({ hosts: 'h1', tasks: [{ ...task('group_by', { key: 'x' }, { name: 'group' }), unavailable }] }));
  const { events } = await runTest(pb, inventory({ h1: {} }));
  const [result] = results(events, 'group');
  assert.equal(result!.status, 'failed');
  assert.equal(result!.result['msg'], unavailable);
});
