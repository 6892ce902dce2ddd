// run_once written on a play, and meta: reset_connection, compared with ansible-playbook 2.14.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, results, taskTitles } from './helpers.js';
import { runYaml } from './yaml-run.js';

const two = inventory({ h1: {}, h2: {} });

test('run_once on a play: every task runs on the first host and shares its result; facts are still gathered on all', async () => {
  const site = `- hosts: all
  run_once: true
  tasks:
    - debug: msg="{{ inventory_hostname }}"
      register: r
    - debug: msg="{{ r.msg }}"
      run_once: false
`;
  const { events, outcome } = await runYaml({ 'site.yml': site }, two);
  // ansible-playbook: Gathering Facts ok h1, h2; debug ok h1 "h1"; debug ok h1 "h1", h2 "h1"; recap h1 ok=3, h2 ok=2.
  assert.deepEqual(taskTitles(events), ['Gathering Facts', 'debug', 'debug']);
  const debug = results(events, 'debug').map((e) => [e.host, e.result['msg']]);
  assert.deepEqual(debug.slice(0, 1), [['h1', 'h1']]);
  assert.deepEqual(debug.slice(1).sort(), [['h1', 'h1'], ['h2', 'h1']]);
  assert.deepEqual([outcome.stats['h1']!.ok, outcome.stats['h2']!.ok], [3, 2]);
});

test('meta: reset_connection closes the host connection: the next task connects again', async () => {
  const site = (reset: string) => `- hosts: all
  gather_facts: false
  tasks:
    - command: "true"
${reset}    - command: "true"
`;
  const kept = await runYaml({ 'site.yml': site('') }, two);
  assert.deepEqual(kept.connects.sort(), ['h1', 'h2']);
  const reset = await runYaml({ 'site.yml': site('    - meta: reset_connection\n') }, two);
  assert.equal(reset.outcome.anyFailed, false);
  assert.deepEqual(reset.connects.sort(), ['h1', 'h1', 'h2', 'h2']);
});
