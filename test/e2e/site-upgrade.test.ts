// playbooks/upgrade.yml for real against the 5-host lab (stand-in Kubernetes packages): a cluster
// converged at 1.31.2 moves to 1.32.1. Checked on the hosts themselves over ssh, not in tsplay's
// report: package versions and holds, the cluster version the stand-in API serves, which kubeadm
// upgrade command ran where, and the drain/uncordon order (from the stand-in's invocation log).
// Then a second upgrade.yml run and site.yml at 1.32.1 change nothing, and a skipped minor
// (1.32.1 -> 1.34.2) fails early and changes nothing.
// Follows site-converge.test.ts on the same hosts (file-name order) so the cluster is converged
// once per CI run; alone, it converges the lab itself (and starts over on fresh hosts if the lab
// already runs a newer cluster). Leaves the cluster at 1.32.1: later suites converge at the
// version the hosts run. Needs root (the lab).
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureStandinRepo } from '../standin/repo.js';
import { LAB_DIR, type LabHost, ensureLab, runLocal } from './support/lab.js';
import { type Invocation, changedHosts, invocationCount, invocations, must, tsplayJson } from './support/site.js';

const FROM = '1.31.2';
const TO = '1.32.1';
const PACKAGES = ['kubeadm', 'kubelet', 'kubectl'];

/** "name version selection" per package, from dpkg itself (the selection is "hold" when held). */
async function packageStates(host: LabHost): Promise<string> {
  return (await must(host, `dpkg-query -W -f='\${Package} \${Version} \${Status}\\n' ${PACKAGES.join(' ')}`)).trim();
}

/** What a guarded failure must leave alone: package states, holds and the apt source, on every host. */
async function fingerprint(hosts: LabHost[]): Promise<string[]> {
  return Promise.all(hosts.map(async (h) => `${h.name}\n${await packageStates(h)}\n${await must(h, 'apt-mark showhold; sha256sum /etc/apt/sources.list.d/kubernetes.sources')}`));
}

let hosts: LabHost[] = [];
/** Invocation-log lines per host before the upgrade (only later lines belong to it). */
const logStart = new Map<string, number>();

describe('upgrade.yml on the lab: 1.31.2 -> 1.32.1', { timeout: 1_800_000 }, () => {
  before(async () => {
    hosts = (await ensureLab(5, { mode: 'systemd' })).slice(0, 5);
    await ensureStandinRepo();
    // A lab already moved past 1.31 (this file run twice) cannot go back: start over on fresh hosts.
    const kubeadm = (await must(hosts[0]!, 'kubeadm version -o short 2>/dev/null || true')).trim();
    if (kubeadm && kubeadm !== `v${FROM}`) {
      const fresh = await runLocal('bash', ['-c', `bash ${resolve(LAB_DIR, 'down')} && bash ${resolve(LAB_DIR, 'up')} 5`], { timeoutMs: 600_000 });
      assert.equal(fresh.rc, 0, fresh.stderr);
    }
    const site = await tsplayJson('site.yml');
    assert.equal(site.rc, 0, `site.yml must converge at ${FROM} first:\n${site.failures.join('\n')}\n${site.stderr}`);
    for (const host of hosts) logStart.set(host.name, await invocationCount(host));
  });

  it(`moves every node to ${TO}, kubeadm upgrade apply on the first master only`, { timeout: 900_000 }, async () => {
    const run = await tsplayJson('upgrade.yml', ['-e', `kube_version=${TO}`]);
    assert.equal(run.rc, 0, `upgrade.yml failed:\n${run.failures.join('\n')}\n${run.stderr}`);
    console.log(`# upgrade.yml ${FROM} -> ${TO} on ${hosts.length} hosts in ${run.seconds.toFixed(1)} s`);

    for (const host of hosts) {
      assert.deepEqual((await packageStates(host)).split('\n').sort(),
        PACKAGES.map((p) => `${p} ${TO}-1.1 hold ok installed`).sort(), `${host.name}: packages at ${TO} and held`);
      assert.deepEqual((await must(host, 'apt-mark showhold')).trim().split('\n').sort(), [...PACKAGES].sort(), `${host.name}: holds`);
      assert.equal((await must(host, 'kubelet --version')).trim(), `Kubernetes v${TO}`);
    }
    const h1 = hosts[0]!;
    // The API (through the VIP, as admin.conf says) serves the new cluster version and every kubelet reports it.
    assert.match(await must(h1, 'kubectl --kubeconfig /etc/kubernetes/admin.conf version'), new RegExp(`Server Version: v${TO.replaceAll('.', '\\.')}`));
    const nodes = JSON.parse(await must(h1, 'kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o json')) as
      { items: Array<{ metadata: { name: string }; spec: { unschedulable?: boolean }; status: { nodeInfo: { kubeletVersion: string } } }> };
    assert.deepEqual(nodes.items.map((n) => `${n.metadata.name} ${n.status.nodeInfo.kubeletVersion} ${n.spec.unschedulable ? 'cordoned' : 'schedulable'}`).sort(),
      hosts.map((h) => `${h.name} v${TO} schedulable`).sort());
    assert.match(await must(h1, 'cat /etc/kubernetes/manifests/kube-apiserver.yaml'), new RegExp(`kube-apiserver:v${TO.replaceAll('.', '\\.')}`));

    // What ran where, from each host's own stand-in log.
    const logs = new Map<string, Invocation[]>();
    for (const host of hosts) logs.set(host.name, await invocations(host, logStart.get(host.name)));
    const upgrades = (name: string) => logs.get(name)!.filter((r) => r.program === 'kubeadm' && r.argv[0] === 'upgrade')
      .map((r) => `${r.argv.join(' ')} rc=${r.rc}`);
    assert.deepEqual(upgrades('h1'), [`upgrade apply -y v${TO} rc=0`], 'h1 (first master): upgrade apply, once');
    for (const host of hosts.slice(1)) assert.deepEqual(upgrades(host.name), ['upgrade node rc=0'], `${host.name}: upgrade node, once`);
    const apply = logs.get('h1')!.find((r) => r.argv[0] === 'upgrade')!;
    for (const host of hosts.slice(1)) {
      const node = logs.get(host.name)!.find((r) => r.argv[0] === 'upgrade')!;
      assert.ok(node.start >= apply.end, `${host.name}: upgrade node only after upgrade apply finished on h1`);
    }
    // Drains and uncordons all run on the first master (delegate_to): one node at a time, each
    // uncordoned before the next is drained (masters serial: 1, then the 2 workers in 50% batches of 1).
    const cordoning = logs.get('h1')!.filter((r) => r.program === 'kubectl' && (r.argv.includes('drain') || r.argv.includes('uncordon')))
      .sort((a, b) => a.start - b.start);
    const verb = (r: Invocation) => (r.argv.includes('drain') ? 'drain' : 'uncordon');
    const nodeOf = (r: Invocation) => r.argv[r.argv.indexOf(verb(r)) + 1];
    assert.deepEqual(cordoning.map((r) => `${verb(r)} ${nodeOf(r)} rc=${r.rc}`),
      hosts.flatMap((h) => [`drain ${h.name} rc=0`, `uncordon ${h.name} rc=0`]));
    for (let i = 1; i < cordoning.length; i++) assert.ok(cordoning[i]!.start >= cordoning[i - 1]!.end, 'no overlap between drains and uncordons');
    // Each worker's upgrade node ran while it was drained.
    for (const host of hosts.slice(3)) {
      const drain = cordoning.find((r) => verb(r) === 'drain' && nodeOf(r) === host.name)!;
      const uncordon = cordoning.find((r) => verb(r) === 'uncordon' && nodeOf(r) === host.name)!;
      const node = logs.get(host.name)!.find((r) => r.argv[0] === 'upgrade')!;
      assert.ok(node.start < drain.start && drain.end <= uncordon.start, `${host.name}: upgrade node, then drain, then uncordon`);
    }
  });

  it('a second upgrade.yml run changes nothing', { timeout: 600_000 }, async () => {
    const before = new Map<string, number>();
    for (const host of hosts) before.set(host.name, await invocationCount(host));
    const run = await tsplayJson('upgrade.yml', ['-e', `kube_version=${TO}`]);
    assert.equal(run.rc, 0, run.failures.join('\n'));
    assert.deepEqual(changedHosts(run), []);
    for (const host of hosts) {
      const again = (await invocations(host, before.get(host.name))).filter((r) => r.argv[0] === 'upgrade' || r.argv.includes('drain'));
      assert.deepEqual(again, [], `${host.name}: nothing upgraded or drained again`);
    }
  });

  it(`site.yml at ${TO} changes nothing`, { timeout: 600_000 }, async () => {
    const run = await tsplayJson('site.yml', ['-e', `kube_version=${TO}`]);
    assert.equal(run.rc, 0, run.failures.join('\n'));
    assert.deepEqual(changedHosts(run), []);
  });

  it(`refuses ${TO} -> 1.34.2 (a skipped minor) before changing anything`, { timeout: 300_000 }, async () => {
    const before = await fingerprint(hosts);
    const upgradesBefore = await Promise.all(hosts.map(async (h) => (await invocations(h)).filter((r) => r.argv[0] === 'upgrade').length));
    const run = await tsplayJson('upgrade.yml', ['-e', 'kube_version=1.34.2']);
    assert.equal(run.rc, 2, `expected exit 2, got ${run.rc}`);
    assert.match(run.failures.join('\n'), new RegExp(`refusing to move h\\d from ${TO.replaceAll('.', '\\.')} to 1\\.34\\.2: upgrade one minor at a time`));
    assert.deepEqual(changedHosts(run), []);
    assert.deepEqual(await fingerprint(hosts), before);
    const upgradesAfter = await Promise.all(hosts.map(async (h) => (await invocations(h)).filter((r) => r.argv[0] === 'upgrade').length));
    assert.deepEqual(upgradesAfter, upgradesBefore, 'no kubeadm upgrade ran');
  });
});
