// include_role with a loop, `apply`, handlers_from and a templated name, and import_role
// handlers_from: the titles, messages and recap ansible-playbook 2.14 printed for the same files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, results, taskTitles } from './helpers.js';
import { runYaml } from './yaml-run.js';

const roles = {
  'roles/r/tasks/main.yml': `- name: r task
  command: "echo {{ item | default('none') }}"
  notify: rh
- name: tagged inside
  debug: msg=inner
  tags: [inner]
`,
  'roles/r/handlers/main.yml': '- name: rh\n  debug: msg=main-handler\n',
  'roles/r/handlers/other.yml': '- name: rh\n  debug: msg=other-handler\n',
  'roles/s/tasks/main.yml': '- name: s task\n  debug: msg="s {{ item }}"\n',
};

const site = `- hosts: h1
  gather_facts: false
  vars:
    which: s
  tasks:
    - name: loop role
      include_role:
        name: r
        handlers_from: other
      loop: [a, b]
    - name: templated
      include_role:
        name: "{{ which }}"
      loop: [x]
    - name: apply
      include_role:
        name: s
        apply:
          tags: [applied]
          when: false
      loop: [y]
      tags: [applied]
`;

const h1 = inventory({ h1: {} });

test('include_role loops, templates its name, applies keywords and takes handlers_from, as ansible-playbook 2.14', async () => {
  const { events, outcome } = await runYaml({ ...roles, 'site.yml': site }, h1);
  assert.deepEqual(taskTitles(events), [
    'loop role', 'r : r task', 'r : tagged inside', 'r : r task', 'r : tagged inside',
    'templated', 's : s task', 'apply', 's : s task', 'r : rh',
  ]);
  // include_role prints no `included:` line and counts nothing of its own: ok=6 changed=2 skipped=1.
  assert.equal(events.filter((e) => e.type === 'included').length, 0);
  const stats = outcome.stats['h1']!;
  assert.deepEqual([stats.ok, stats.changed, stats.skipped], [6, 2, 1]);
  assert.deepEqual(results(events, 's : s task').map((e) => [e.status, e.result['msg']]), [['ok', 's x'], ['skipped', undefined]]);
  assert.deepEqual(results(events, 'r : rh').map((e) => e.result['msg']), ['other-handler']);
});

test("apply's tags select the included tasks under --tags", async () => {
  const { events, outcome } = await runYaml({ ...roles, 'site.yml': site }, h1, { tags: ['applied'] });
  assert.deepEqual(taskTitles(events), ['apply', 's : s task']);
  assert.deepEqual([outcome.stats['h1']!.ok, outcome.stats['h1']!.skipped], [0, 1]);
});

test('import_role takes handlers_from; include_role names a role from its loop item', async () => {
  const pb = `- hosts: h1
  gather_facts: false
  tasks:
    - import_role:
        name: r
        handlers_from: other
    - name: dyn
      include_role:
        name: "{{ item }}"
      loop: [s]
`;
  const { events, outcome } = await runYaml({ ...roles, 'site.yml': pb }, h1);
  assert.deepEqual(taskTitles(events), ['r : r task', 'r : tagged inside', 'dyn', 's : s task', 'r : rh']);
  assert.deepEqual(results(events, 'r : rh').map((e) => e.result['msg']), ['other-handler']);
  assert.deepEqual(results(events, 's : s task').map((e) => e.result['msg']), ['s s']);
  assert.deepEqual([outcome.stats['h1']!.ok, outcome.stats['h1']!.changed], [4, 1]);
});
