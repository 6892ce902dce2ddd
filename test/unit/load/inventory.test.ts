import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadInventory } from '../../../src/load/index.js';
import { expandHostRange, splitHostPort } from '../../../src/load/inventory/ranges.js';
import { parseIniValue } from '../../../src/load/inventory/ini-values.js';
import { assertLoadError, fixture } from './helpers.js';

const inv = (...p: string[]) => fixture('inventory', ...p);

test('INI inventory: groups, children, vars, ranges, ports, typed values', async () => {
  const inventory = await loadInventory([inv('hosts.ini')]);
  assert.deepEqual([...inventory.hosts.keys()], ['lonely', 'cp1', 'cp2', 'cp3', 'node01', 'node02', 'node03', 'db-a', 'db-b', 'db-c', 'n0', 'n2', 'n4', 'n6']);
  assert.deepEqual(inventory.groups.get('ungrouped')!.hosts, ['lonely']);
  assert.deepEqual(inventory.groups.get('k8s')!.children, ['control', 'workers']);
  assert.deepEqual(inventory.groups.get('control')!.parents, ['k8s']);
  assert.deepEqual(inventory.groups.get('all')!.children, ['ungrouped', 'k8s', 'even']);
  assert.equal(inventory.groups.get('all')!.depth, 0);
  assert.equal(inventory.groups.get('k8s')!.depth, 1);
  assert.equal(inventory.groups.get('control')!.depth, 2);
  assert.deepEqual(inventory.hosts.get('node02')!.vars, { ansible_port: 2222, role: 'worker node', weight: 1.5, enabled: true, count: 7 });
  assert.deepEqual(inventory.hosts.get('cp1')!.groups, ['control']);
  assert.deepEqual(inventory.hosts.get('lonely')!.groups, ['ungrouped']);
  assert.deepEqual(inventory.groups.get('k8s')!.vars, {
    cluster_name: 'prod cluster', pod_cidr: '10.244.0.0/16', replicas: 3, debug: false, leading: '010', items: [1, 'two'],
    k8s_a: 'overridden', k8s_b: 2, // from group_vars/k8s/ next to the inventory
  });
  assert.equal(inventory.groups.get('k8s')!.priority, 1);
});

test('YAML inventory: nested children, range keys, null values, group priority', async () => {
  const inventory = await loadInventory([inv('hosts.yml')]);
  assert.deepEqual([...inventory.hosts.keys()], ['bastion', 'cp1', 'cp2', 'cp3', 'w1', 'w2']);
  assert.equal(inventory.hosts.get('cp2')!.vars.ansible_host, '10.0.0.1');
  assert.deepEqual(inventory.hosts.get('w1')!.vars, { ansible_port: 2200 });
  assert.deepEqual(inventory.groups.get('ungrouped')!.hosts, ['bastion']);
  assert.deepEqual(inventory.groups.get('k8s')!.vars.mode, 420);
  assert.equal(inventory.groups.get('k8s')!.vars.enabled, true);
  assert.equal(inventory.groups.get('control')!.priority, 5);
  assert.deepEqual(inventory.groups.get('empty')!.hosts, []);
  assert.deepEqual(inventory.groups.get('all')!.vars, { top: 1, from_gv_all: 'inventory', shared: 'inventory' });
});

test('group_vars/host_vars next to the inventory, overridden by those next to the playbook', async () => {
  const inventory = await loadInventory([inv('hosts.yml')], { playbookDir: fixture('pbdir') });
  assert.equal(inventory.groups.get('all')!.vars.shared, 'playbook');
  assert.equal(inventory.groups.get('all')!.vars.from_gv_all, 'inventory');
  assert.deepEqual(inventory.groups.get('k8s')!.vars.k8s_a, 'overridden', 'files of a group_vars dir merge in name order');
  assert.equal(inventory.groups.get('k8s')!.vars.k8s_b, 2);
  assert.equal(inventory.groups.get('control')!.vars.control_noext, true);
  const cp1 = inventory.hosts.get('cp1')!.vars;
  assert.equal(cp1.ansible_user, 'from_host_vars');
  assert.equal(cp1.ansible_host, '10.0.0.1', 'inventory host vars stay');
  assert.equal(cp1.shared_host, 'playbook');
});

test('a directory of inventory files and an inline host list', async () => {
  const inventory = await loadInventory([inv('dir'), 'h1,h2:2200,']);
  assert.deepEqual([...inventory.hosts.keys()], ['x1', 'x2', 'h1', 'h2']);
  assert.deepEqual(inventory.groups.get('g2')!.hosts, ['x2']);
  assert.deepEqual(inventory.hosts.get('h2')!.vars, { ansible_port: 2200 });
  assert.deepEqual(inventory.groups.get('ungrouped')!.hosts, ['h1', 'h2']);
  assert.equal(inventory.sources.length, 3, 'the .retry file is skipped');
});

test('group cycles and bad ranges are located load errors', async () => {
  await assertLoadError(() => loadInventory([inv('cycle.ini')]), inv('cycle.ini'), 1, 1, 'group cycle: a -> b -> c -> a');
  await assertLoadError(() => loadInventory([inv('bad-range.ini')]), inv('bad-range.ini'), 3, 1, "bad host range '[5:2]' in 'web[5:2]': start is after end");
  await assertLoadError(() => loadInventory([inv('bad-range-mixed.ini')]), inv('bad-range-mixed.ini'), 2, 1, /start and end must both be numbers or both single letters/);
  await assert.rejects(() => loadInventory([inv('missing.ini')]), /inventory source .* not found/);
});

test('ranges and ports', () => {
  const loc = { file: 'x', line: 1, col: 1 };
  assert.deepEqual(expandHostRange('node[08:10]', loc), ['node08', 'node09', 'node10']);
  assert.deepEqual(expandHostRange('db-[a:c]', loc), ['db-a', 'db-b', 'db-c']);
  assert.deepEqual(expandHostRange('w[0:10:5]', loc), ['w0', 'w5', 'w10']);
  assert.deepEqual(expandHostRange('r[1:2]c[a:b]', loc), ['r1ca', 'r1cb', 'r2ca', 'r2cb']);
  assert.deepEqual(splitHostPort('h:22'), { name: 'h', port: 22 });
  assert.deepEqual(splitHostPort('n[1:3]:22'), { name: 'n[1:3]', port: 22 });
  assert.deepEqual(splitHostPort('fe80::1'), { name: 'fe80::1' });
});

test('INI values are typed like Python literal_eval', () => {
  assert.equal(parseIniValue('22'), 22);
  assert.equal(parseIniValue('True'), true);
  assert.equal(parseIniValue('yes'), 'yes');
  assert.equal(parseIniValue('0x10'), 16);
  assert.equal(parseIniValue("'quoted'"), 'quoted');
  assert.equal(parseIniValue('10.0.0.1'), '10.0.0.1');
  assert.deepEqual(parseIniValue("{'a': 1}"), { a: 1 });
  assert.deepEqual(parseIniValue("['a', (1, 2), None]"), ['a', [1, 2], null]);
  assert.equal(parseIniValue('{{ port }}'), '{{ port }}', 'a template is no literal (it was read as a YAML map)');
  assert.equal(parseIniValue('[a, b]'), '[a, b]', 'bare words are no Python literal');
});
