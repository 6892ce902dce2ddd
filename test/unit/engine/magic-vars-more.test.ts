// Magic variables real roles read, as ansible-playbook 2.14 gives them: play_hosts (the deprecated
// alias of ansible_play_batch), inventory_file/inventory_dir (the host's inventory file), and
// ansible_managed in template files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadInventory } from '../../../src/load/index.js';
import { createInventoryView } from '../../../src/plan/inventory-view.js';
import { renderTemplate } from '../../../src/template/index.js';
import { fixture } from '../load/helpers.js';
import { inventory, play, playbook, results, runTest, task } from './helpers.js';

test('play_hosts is ansible_play_batch (serial batches included)', async () => {
  // ansible-playbook -l w1: "['w1']|['w1']|['w1']" for "{{ play_hosts }}|{{ ansible_play_hosts_all }}|{{ ansible_play_batch }}"
  const pb = playbook(play({ hosts: 'all', serial: [1], tasks: [
    task('debug', { msg: '{{ play_hosts | join(",") }}|{{ ansible_play_batch | join(",") }}|{{ ansible_play_hosts_all | join(",") }}' }, { name: 'hosts' }),
  ] }));
  const { events } = await runTest(pb, inventory({ h1: {}, h2: {} }));
  assert.deepEqual(results(events, 'hosts').map((r) => r.result['msg']), ['h1|h1|h1,h2', 'h2|h2|h1,h2']);
});

test('inventory_file and inventory_dir: the file a host was first declared in', async () => {
  // ansible-playbook -i inv/hosts.ini: "inv|inv/hosts.ini" for "{{ inventory_dir | relpath(playbook_dir) }}|{{ inventory_file | relpath(playbook_dir) }}"
  const file = fixture('inventory', 'hosts.ini');
  const view = createInventoryView(await loadInventory([file]));
  assert.equal(view.inventoryVars('node02')['inventory_file'], file);
  assert.equal(view.inventoryVars('node02')['inventory_dir'], fixture('inventory'));
  const listed = createInventoryView(await loadInventory(['a,b,']));
  assert.equal(listed.inventoryVars('a')['inventory_file'], undefined, 'an -i list has no file');
});

test('a template file sees ansible_managed and template_path', () => {
  // ansible-playbook 2.14 (default ansible_managed): "Ansible managed|managed.j2\n"
  assert.equal(renderTemplate('{{ ansible_managed }}|{{ template_path | basename }}\n', {}, '/srv/t/managed.j2'), 'Ansible managed|managed.j2\n');
});
