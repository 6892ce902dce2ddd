// module_defaults on a play, a block and a task, by short and FQCN module names: the messages
// ansible-playbook 2.14 printed for the same playbook (-c local), and what tsplay refuses.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, results } from './helpers.js';
import { runLocal } from './local-run.js';
import { loadRefusal, runYaml } from './yaml-run.js';

const site = `- hosts: localhost
  gather_facts: false
  vars: {greet: hi}
  module_defaults:
    ansible.builtin.debug:
      msg: "play {{ greet }}"
    command:
      chdir: /tmp
  tasks:
    - name: play default
      debug:
    - name: explicit wins
      debug: msg=own
    - command: pwd
      register: p
    - name: play chdir
      debug: msg="{{ p.stdout }}"
    - block:
        - name: block default
          debug:
        - command: pwd
          register: p2
          module_defaults:
            command: {chdir: /usr}
        - name: task chdir
          debug: msg="{{ p2.stdout }}"
      module_defaults:
        debug: {msg: block}
        ansible.builtin.command: {chdir: /etc}
`;

test('module_defaults layer play < block < task, by short or FQCN name, under the task\'s own arguments', async () => {
  const run = await runLocal({ 'site.yml': site });
  assert.equal(run.code, 0, run.stderr);
  const msg = (name: string) => run.results.get(name)?.['localhost']?.['msg'];
  // ansible-playbook: "play hi", "own", "/tmp", "block", "/usr".
  assert.deepEqual(['play default', 'explicit wins', 'play chdir', 'block default', 'task chdir'].map(msg), ['play hi', 'own', '/tmp', 'block', '/usr']);
});

test('a default the module does not take fails the task; action groups are a located load error', async () => {
  const play = (defaults: string) => `- hosts: all\n  gather_facts: false\n  module_defaults:\n${defaults}  tasks:\n    - name: t\n      debug:\n`;
  const { events } = await runYaml({ 'site.yml': play('    debug: {mgs: x}\n') }, inventory({ h1: {} }));
  assert.deepEqual(results(events, 't').map((e) => [e.status, e.result['msg']]), [['failed', "module_defaults for 'debug': unsupported argument 'mgs'"]]);
  assert.match(await loadRefusal({ 'site.yml': play('    group/ansible.builtin.yum: {state: present}\n') }), /^site\.yml:4:5: module_defaults action groups \('group\/ansible\.builtin\.yum'\) are not supported yet/);
});
