// Acceptance: gathered facts agree with what each host says about itself (os-release, ip, meminfo,
// nproc, hostname, PID 1), read from the --json result of the Gathering Facts task, and templates
// see the same facts.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type LabHost, labMode } from './support/lab.js';
import { explain, fiveHosts, inventoryCopy, must, taskResult, tsplay } from './engine-support.js';

let hosts: LabHost[] = [];

/** What the host itself reports, in one ssh round trip. */
async function hostTruth(host: LabHost) {
  const out = await must(host, [
    '. /etc/os-release; echo "name=$NAME"; echo "version_id=$VERSION_ID"; echo "codename=$VERSION_CODENAME"',
    'echo "debian_version=$(cat /etc/debian_version)"',
    'echo "addr=$(ip -4 -o addr show dev eth0 | awk \'{print $4}\' | cut -d/ -f1 | head -1)"',
    'echo "default_dev=$(ip -4 route show default | awk \'{print $5}\')"',
    'echo "memtotal_kb=$(awk \'/^MemTotal:/ {print $2}\' /proc/meminfo)"',
    'echo "nproc=$(nproc)"',
    'echo "hostname=$(hostname)"',
  ].join('; '));
  return Object.fromEntries(out.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('engine: gathered facts match the hosts', { timeout: 180_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
  });

  it('distribution, addresses, memory, cpus, hostname, service and package manager', async () => {
    const run = await tsplay('facts.yml', inventoryCopy(hosts), ['--json']);
    assert.equal(run.rc, 0, explain(run));
    const mode = labMode();
    for (const h of hosts) {
      const facts = taskResult(run.json!, 'Gathering Facts', h.name)?.ansible_facts as Record<string, any> | undefined;
      if (!facts) assert.fail(`${h.name}: no Gathering Facts result`);
      const truth = await hostTruth(h);
      const where = `${h.name} facts vs host`;
      assert.equal(facts.distribution, truth.name!.split(' ')[0], where); // "Debian GNU/Linux" -> Debian
      assert.equal(facts.os_family, 'Debian', where);
      assert.equal(facts.distribution_major_version, truth.version_id, where);
      // Ansible reads Debian's point release from /etc/debian_version (12.x).
      assert.equal(facts.distribution_version, truth.debian_version, where);
      assert.equal(facts.distribution_release, truth.codename, where);
      assert.equal(facts.default_ipv4?.address, truth.addr, where);
      assert.equal(facts.default_ipv4?.address, h.address, where);
      assert.equal(facts.default_ipv4?.interface, 'eth0', where);
      assert.equal(truth.default_dev, 'eth0');
      assert.ok(Array.isArray(facts.all_ipv4_addresses) && facts.all_ipv4_addresses.includes(h.address), where);
      assert.equal(facts.memtotal_mb, Math.floor(Number(truth.memtotal_kb) / 1024), where);
      assert.equal(facts.processor_vcpus, Number(truth.nproc), where);
      assert.equal(facts.hostname, truth.hostname, where);
      assert.equal(facts.hostname, h.name, where);
      assert.equal(facts.pkg_mgr, 'apt', where);
      if (mode === 'systemd') assert.equal(facts.service_mgr, 'systemd', where);
      else assert.ok(typeof facts.service_mgr === 'string' && facts.service_mgr !== 'systemd' && facts.service_mgr !== '', `${where}: plain mode has no systemd (${facts.service_mgr})`);
      // The same facts reach expressions (ansible_NAME and ansible_facts.NAME).
      assert.equal(taskResult(run.json!, 'Facts as seen by templates', h.name)?.msg, `${h.name} Debian ${h.address}`);
    }
  });
});
