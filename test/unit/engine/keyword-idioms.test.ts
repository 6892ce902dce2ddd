// Idioms of real roles, run as ansible-playbook 2.14 runs them (-c local, outputs in the comments):
// a task file including itself under a `when:` (the retry idiom), "yes"/"no" text for boolean
// keywords, loop_control.extended, set_fact with a templated key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, results, taskTitles } from './helpers.js';
import { loadRefusal, runYaml } from './yaml-run.js';

const h1 = inventory({ h1: {} });

test('a task file that includes itself under a when: runs until the condition ends it', async () => {
  const retry = `- set_fact:
    attempt: "{{ (attempt | default(0) | int) + 1 }}"
- debug: msg="attempt {{ attempt }}"
- include_tasks: retry.yml
  when: attempt | int < 3
`;
  const site = '- hosts: all\n  gather_facts: false\n  tasks:\n    - include_tasks: retry.yml\n';
  const { events, outcome } = await runYaml({ 'site.yml': site, 'retry.yml': retry }, h1);
  // ansible-playbook: attempt 1, 2, 3, then the fourth include_tasks is skipped; ok=9 skipped=1.
  assert.deepEqual(results(events, 'debug').map((e) => e.result['msg']), ['attempt 1', 'attempt 2', 'attempt 3']);
  assert.deepEqual(results(events, 'include_tasks').map((e) => e.status), ['skipped']);
  assert.deepEqual([outcome.stats['h1']!.ok, outcome.stats['h1']!.skipped], [9, 1]);
});

test('a file including itself under a condition that never ends it fails at a bounded depth; with no condition at load', async () => {
  const site = '- hosts: all\n  gather_facts: false\n  tasks:\n    - include_tasks: loop.yml\n';
  const { events, outcome } = await runYaml({ 'site.yml': site, 'loop.yml': '- debug: msg=again\n- include_tasks: loop.yml\n  when: true\n' }, h1);
  assert.equal(outcome.stats['h1']!.failed, 1);
  const failed = results(events, 'include_tasks').filter((e) => e.status === 'failed');
  assert.match(String(failed[0]!.result['msg']), /includes nested more than 100 deep: a file that includes itself needs a 'when:'/);
  assert.equal(results(events, 'debug').length, 100);
  // Nothing could end it (ansible-playbook includes forever): a cycle error at load.
  assert.match(await loadRefusal({ 'site.yml': site, 'loop.yml': '- include_tasks: loop.yml\n' }), /^loop\.yml:1:18: import\/include cycle: loop\.yml -> loop\.yml/);
  // import_tasks is static: importing itself stays a load error, as in Ansible.
  assert.match(await loadRefusal({ 'site.yml': site.replace('include_tasks', 'import_tasks'), 'loop.yml': '- import_tasks: loop.yml\n' }), /import\/include cycle: loop\.yml -> loop\.yml/);
});

test('"yes"/"no" text is a boolean for boolean keywords and loop_control options; set_fact templates its keys', async () => {
  const site = `- hosts: all
  gather_facts: "no"
  become: "yes"
  tasks:
    - name: fails
      fail: msg=x
      ignore_errors: "yes"
      no_log: "no"
    - name: extended
      debug: msg="{{ ansible_loop.index }}/{{ ansible_loop.length }}"
      loop: [a, b]
      loop_control:
        extended: "yes"
    - name: templated key
      set_fact:
        "{{ keyname }}": value
        "pre_{{ keyname }}": other
      vars: {keyname: dyn}
    - name: show
      debug: msg="{{ dyn }} {{ pre_dyn }}"
`;
  const { events, outcome } = await runYaml({ 'site.yml': site }, h1);
  assert.deepEqual(taskTitles(events), ['fails', 'extended', 'templated key', 'show']);
  assert.equal(outcome.stats['h1']!.ignored, 1);
  const items = results(events, 'extended').find((e) => e.item === undefined)!.result['results'] as Record<string, unknown>[];
  assert.deepEqual(items.map((i) => [i['msg'], (i['ansible_loop'] as { index: number }).index]), [['1/2', 1], ['2/2', 2]]);
  assert.deepEqual(results(events, 'show').map((e) => e.result['msg']), ['value other']);
});
