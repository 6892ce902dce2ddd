// Handlers that are blocks, include_tasks or import_tasks, and `notify` on a block: the titles and
// counts ansible-playbook 2.14 printed for the same playbook (-c local, recorded in the comments).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, taskTitles } from './helpers.js';
import { loadRefusal, runYaml } from './yaml-run.js';

const restart = `- name: inc handler task 1
  debug: msg="inc1 {{ inventory_hostname }}"
- name: inc handler task 2
  debug: msg=inc2
`;

const site = `- hosts: h1
  gather_facts: false
  tasks:
    - name: blk
      notify: [hb2, restart via include, listened]
      block:
        - name: t1
          command: "true"
        - name: t2
          debug: msg=x
    - name: notify imported
      command: "true"
      notify: inc handler task 2
  handlers:
    - block:
        - name: hb1
          debug: msg=hb1
        - name: hb2
          debug: msg=hb2
    - name: restart via include
      include_tasks: restart.yml
    - name: listener include
      listen: listened
      include_tasks: restart.yml
    - name: imported
      import_tasks: restart.yml
`;

test('block, include_tasks and import_tasks handlers, notified from a block, run as ansible-playbook 2.14 runs them', async () => {
  const { events, outcome } = await runYaml({ 'site.yml': site, 'restart.yml': restart }, inventory({ h1: {} }));
  // ansible-playbook: TASK t1, t2, notify imported; RUNNING HANDLER hb2, restart via include (included),
  // inc handler task 1, 2, listener include (included), inc handler task 1, 2, then the imported task 2.
  assert.deepEqual(taskTitles(events), [
    't1', 't2', 'notify imported',
    'hb2', 'restart via include', 'inc handler task 1', 'inc handler task 2',
    'listener include', 'inc handler task 1', 'inc handler task 2', 'inc handler task 2',
  ]);
  const handlerStarts = events.filter((e) => e.type === 'task_start' && e.task.isHandler).length;
  assert.equal(handlerStarts, 8);
  // PLAY RECAP h1: ok=11 changed=2
  assert.deepEqual([outcome.stats['h1']!.ok, outcome.stats['h1']!.changed], [11, 2]);
});

test('a block or an import in a handlers list is not itself a handler: notifying its name is an error', async () => {
  const notifying = (name: string, handlers: string) => ({
    'site.yml': `- hosts: all\n  gather_facts: false\n  tasks:\n    - command: "true"\n      notify: ${name}\n  handlers:\n${handlers}`,
    'restart.yml': restart,
  });
  // ansible-playbook: ERROR! The requested handler 'imported' was not found in either the main handlers list nor in the listening handlers list
  await assert.rejects(runYaml(notifying('imported', '    - name: imported\n      import_tasks: restart.yml\n'), inventory({ h1: {} })), /requested handler 'imported' was not found/);
  await assert.rejects(runYaml(notifying('blockname', '    - name: blockname\n      block:\n        - debug: msg=x\n'), inventory({ h1: {} })), /requested handler 'blockname' was not found/);
});

test('what tsplay cannot do in a handlers list is a located load error', async () => {
  const withHandlers = (handlers: string) => ({ 'site.yml': `- hosts: all\n  tasks: []\n  handlers:\n${handlers}` });
  assert.match(await loadRefusal(withHandlers('    - block:\n        - debug: msg=x\n      rescue:\n        - debug: msg=y\n')), /^site\.yml:6:7: rescue in a handler block is not supported yet/);
  assert.match(await loadRefusal(withHandlers('    - name: r\n      include_role:\n        name: x\n')), /^site\.yml:5:7: include_role as a handler is not supported yet/);
});
