// Unit tests of the inventory the lab writes (lib/inventory.sh): Ansible YAML
// layout, addresses, strict host-key options and the masters/workers split.
// No root needed.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { parse } from 'yaml';

const lib = join(dirname(fileURLToPath(import.meta.url)), 'lib');
const repoRoot = join(lib, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'lab-inventory-'));

interface Group { hosts?: Record<string, unknown>; children?: Record<string, Group> }
interface Inventory { all: { vars: Record<string, unknown>; hosts: Record<string, { ansible_host: string }>; children: Record<string, Group> } }

function inventoryFor(count: number, mode: string): Inventory {
  const path = join(dir, `lab-${count}.yml`);
  execFileSync('bash', ['-c', `set -euo pipefail; source "${lib}/common.sh"; source "${lib}/inventory.sh"; write_inventory "$1" "$2" "$3"`, 'test', path, String(count), mode]);
  return parse(readFileSync(path, 'utf8')) as Inventory;
}

describe('write_inventory', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists hosts h1..hN at 10.250.0.(10+I) with the lab connection settings', () => {
    const inv = inventoryFor(5, 'systemd');
    assert.deepEqual(
      Object.entries(inv.all.hosts).map(([name, vars]) => [name, vars.ansible_host]),
      [1, 2, 3, 4, 5].map((i) => [`h${i}`, `10.250.0.${10 + i}`]),
    );
    assert.equal(inv.all.vars.ansible_user, 'root');
    assert.equal(inv.all.vars.ansible_ssh_private_key_file, join(repoRoot, '.lab/id_ed25519'));
    assert.equal(inv.all.vars.ansible_ssh_common_args,
      `-o UserKnownHostsFile=${join(repoRoot, '.lab/known_hosts')} -o StrictHostKeyChecking=yes`);
    assert.equal(inv.all.vars.vip_address, '10.250.0.100');
    assert.equal(inv.all.vars.lab_mode, 'systemd');
  });

  for (const [count, masters, workers] of [[1, ['h1'], []], [2, ['h1', 'h2'], []], [3, ['h1', 'h2', 'h3'], []], [5, ['h1', 'h2', 'h3'], ['h4', 'h5']]] as const) {
    it(`splits ${count} host(s) into masters ${masters.join(',')} and workers ${workers.join(',') || '(none)'}`, () => {
      const cluster = inventoryFor(count, 'plain').all.children.k8s_cluster!;
      assert.deepEqual(Object.keys(cluster.children!.masters!.hosts ?? {}), masters);
      assert.deepEqual(Object.keys(cluster.children!.workers!.hosts ?? {}), workers);
    });
  }
});
