// --start-at-task naming no task: ansible-playbook 2.14 runs nothing, prints an error after the
// recap and still exits 0; a matching name starts there and prints no error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { main } from '../../../src/cli/main.js';
import { fakeIO } from './fakes.js';
import { writeTree } from '../support/file-tree.js';

const playbook = () => writeTree({
  'inventory.ini': 'localhost ansible_connection=local\n',
  'site.yml': '- hosts: localhost\n  gather_facts: false\n  tasks:\n    - name: first\n      debug: msg=one\n    - name: second\n      debug: msg=two\n',
}, 'tsplay-start-at-');

test('--start-at-task with no matching task reports an error and exits 0, as ansible-playbook 2.14', async () => {
  const io = fakeIO(playbook());
  assert.equal(await main(['run', 'site.yml', '-i', 'inventory.ini', '--start-at-task', 'nosuch'], io), 0);
  assert.doesNotMatch(io.out.text, /TASK \[/);
  assert.match(io.err.text, /\[ERROR\]: No matching task "nosuch" found\. Note: --start-at-task can only follow static includes\./);
});

test('--start-at-task with a matching task starts there and reports nothing', async () => {
  const io = fakeIO(playbook());
  assert.equal(await main(['run', 'site.yml', '-i', 'inventory.ini', '--start-at-task', 'second'], io), 0);
  assert.deepEqual([...io.out.text.matchAll(/^TASK \[(.*)\]/gm)].map((m) => m[1]), ['second']);
  assert.doesNotMatch(io.err.text, /No matching task/);
});
