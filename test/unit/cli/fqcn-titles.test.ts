// Collection-qualified actions as ansible-playbook 2.14 shows them: an unnamed task is titled with
// its action as written (TASK [ansible.builtin.debug]), and --list-tasks expands import_role.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main.js';
import { fakeIO } from './fakes.js';
import { writeTree } from '../support/file-tree.js';

const playbook = () => writeTree({
  'inventory.ini': 'localhost ansible_connection=local\n',
  't.yml': '- ansible.builtin.debug: msg=hi\n',
  'roles/r/tasks/main.yml': '- debug: msg=r\n- name: named\n  debug: msg=n\n',
  'site.yml': [
    '- hosts: localhost',
    '  gather_facts: false',
    '  tasks:',
    '    - ansible.builtin.debug: msg=hello',
    '    - ansible.builtin.include_tasks: t.yml',
    '    - ansible.builtin.import_role: { name: r }',
    '    - import_role: { name: r }',
    '      tags: [x]',
    '    - ansible.builtin.include_role: { name: r }',
    '    - ansible.builtin.meta: flush_handlers',
    '',
  ].join('\n'),
}, 'tsplay-fqcn-cli-');

test('--list-tasks expands import_role and lists unnamed tasks by their action as written (ansible-playbook 2.14)', async () => {
  const io = fakeIO(playbook());
  assert.equal(await main(['run', 'site.yml', '-i', 'inventory.ini', '--list-tasks'], io), 0, io.err.text);
  // Captured from ansible-playbook 2.14.18 on the same files.
  assert.equal(io.out.text, [
    '',
    'playbook: site.yml',
    '',
    '  play #1 (localhost): localhost\tTAGS: []',
    '    tasks:',
    '      ansible.builtin.debug\tTAGS: []',
    '      ansible.builtin.include_tasks\tTAGS: []',
    '      debug\tTAGS: []',
    '      r : named\tTAGS: []',
    '      debug\tTAGS: [x]',
    '      r : named\tTAGS: [x]',
    '      ansible.builtin.include_role\tTAGS: []',
    '      ansible.builtin.meta\tTAGS: []',
    '',
  ].join('\n'));
});

test('an unnamed task is titled with its action as written, FQCN included', async () => {
  const io = fakeIO(playbook());
  assert.equal(await main(['run', 'site.yml', '-i', 'inventory.ini'], io), 0, io.err.text);
  const titles = [...io.out.text.matchAll(/^TASK \[(.*)\]/gm)].map((m) => m[1]);
  assert.deepEqual(titles, [
    'ansible.builtin.debug', 'ansible.builtin.include_tasks', 'ansible.builtin.debug',
    'r : debug', 'r : named', 'r : debug', 'r : named', 'ansible.builtin.include_role : r', 'r : debug', 'r : named',
  ]);
});
