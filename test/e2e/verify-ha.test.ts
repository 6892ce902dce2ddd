// playbooks/verify-ha.yml against the converged lab: exactly one VIP holder, the API answers
// through the VIP, keepalived stopped on the holder moves the VIP to another master within
// seconds (the playbook reports how long), and everything is restored afterwards.
// Needs root (the lab); converges the lab with site.yml first (a no-op when already converged), at
// the Kubernetes version the hosts run.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureStandinRepo } from '../standin/repo.js';
import { REPO_ROOT, type LabHost, LAB_VIP_ADDRESS, ensureLab, labInventory, runLocal, sshRun } from './support/lab.js';

const LAB_VARS = resolve(REPO_ROOT, 'test/e2e/lab-vars.yml');

function tsplay(playbook: string, args: string[] = []) {
  return runLocal(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'src/cli.ts'), 'run', resolve(REPO_ROOT, 'playbooks', playbook),
    '-i', labInventory(), '-e', `@${LAB_VARS}`, '--plain', ...args], { timeoutMs: 900_000 });
}

async function vipHolders(masters: LabHost[]): Promise<string[]> {
  const probes = await Promise.all(masters.map((h) => sshRun(h, `ip -o -4 addr show | grep -qw ${LAB_VIP_ADDRESS}`)));
  return masters.filter((_, i) => probes[i]!.rc === 0).map((h) => h.name);
}

let masters: LabHost[] = [];

describe('verify-ha.yml on the lab', { timeout: 1_200_000 }, () => {
  before(async () => {
    masters = (await ensureLab(5, { mode: 'systemd' })).slice(0, 3);
    await ensureStandinRepo();
    // Converge at the version the cluster already runs: site-upgrade.test.ts (just before this file)
    // leaves it at 1.32.1, and site.yml refuses to go back to the lab vars' 1.31.2.
    const installed = (await sshRun(masters[0]!, 'kubeadm version -o short 2>/dev/null')).stdout.trim().replace(/^v/, '');
    const site = await tsplay('site.yml', /^\d+\.\d+\.\d+$/.test(installed) ? ['-e', `kube_version=${installed}`] : []);
    assert.equal(site.rc, 0, `site.yml must converge first:\n${site.stdout.slice(-4000)}\n${site.stderr}`);
  });

  it('measures the failover through the VIP and restores keepalived', { timeout: 300_000 }, async () => {
    const before = await vipHolders(masters);
    assert.equal(before.length, 1, `one VIP holder before, got ${before.join(', ')}`);
    const run = await tsplay('verify-ha.yml');
    assert.equal(run.rc, 0, `verify-ha.yml failed:\n${run.stdout.slice(-4000)}\n${run.stderr}`);
    const report = /VIP failover (h\d) -> (h\d): the API answered through 10\.250\.0\.100 again after ([0-9.]+) s/.exec(run.stdout);
    assert.ok(report, `no failover report in:\n${run.stdout.slice(-3000)}`);
    const [, from, to, seconds] = report;
    assert.equal(from, before[0]);
    assert.notEqual(to, from, 'the VIP must move to another master');
    assert.ok(Number(seconds) > 0 && Number(seconds) < 15, `failover took ${seconds} s`);
    console.log(`# VIP failover ${from} -> ${to} in ${seconds} s`);
    const after = await vipHolders(masters);
    assert.equal(after.length, 1, `one VIP holder after the restore, got ${after.join(', ')}`);
    const active = await Promise.all(masters.map((h) => sshRun(h, 'systemctl is-active keepalived')));
    assert.deepEqual(active.map((r) => r.stdout.trim()), ['active', 'active', 'active'], 'keepalived restored everywhere');
  });
});
