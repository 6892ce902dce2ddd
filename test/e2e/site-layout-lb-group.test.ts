// playbooks/site.yml with dedicated load-balancer hosts (lb_group) on 6 fresh lab hosts: masters
// h1-h3, HAProxy + keepalived on h4-h5 only, worker h6. HAProxy listens on 6443, the API servers'
// own port: the port plan allows that because they are on different hosts. Checked on the hosts
// over ssh: HAProxy and keepalived only on the LB hosts, exactly one of them holds the VIP, the
// backend lists every master, the API answers through the VIP, and a second run changes nothing.
// A different cluster layout needs fresh hosts: this suite restarts the lab itself
// (`down && up 6`), so test/run.sh runs the `site-layout-*` files after the other Kubernetes
// suites, and it leaves fresh 5 hosts behind (the lab the other suites start from).
// Needs root (the lab).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureStandinRepo } from '../standin/repo.js';
import { LAB_DIR, LAB_VIP_ADDRESS, type LabHost, labInventory, labHosts, runLocal, sshRun } from './support/lab.js';
import { changedHosts, must, tsplayJson } from './support/site.js';

const API_PORT = 6443;
const MASTERS = ['h1', 'h2', 'h3'];
const LBS = ['h4', 'h5'];
const WORKERS = ['h6'];

async function restartLab(n: number): Promise<void> {
  const result = await runLocal('bash', ['-c', `bash ${resolve(LAB_DIR, 'down')} && bash ${resolve(LAB_DIR, 'up')} ${n}`], { timeoutMs: 600_000 });
  assert.equal(result.rc, 0, `lab restart with ${n} hosts failed:\n${result.stderr}`);
}

/** The lab inventory with the groups of this layout (and lb_group set for the whole cluster). */
function layoutInventory(dir: string): string {
  const lab = readFileSync(labInventory(), 'utf8');
  const children = lab.indexOf('\n  children:');
  assert.ok(children > 0, 'lab inventory has no children section');
  const group = (name: string, members: string[]) => `        ${name}:\n          hosts:\n${members.map((h) => `            ${h}: {}\n`).join('')}`;
  const file = join(dir, 'lb-layout.yml');
  writeFileSync(file, `${lab.slice(0, children)}
  children:
    k8s_cluster:
      vars:
        lb_group: loadbalancers
        lb_port: ${API_PORT}
      children:
${group('masters', MASTERS)}${group('workers', WORKERS)}${group('loadbalancers', LBS)}`);
  return file;
}

let hosts: LabHost[] = [];
let inventory = '';
let dir = '';
const byName = (name: string) => hosts.find((h) => h.name === name)!;

describe('site.yml with a separate load-balancer group (lb_group)', { timeout: 1_800_000 }, () => {
  before(async () => {
    await restartLab(6);
    hosts = labHosts();
    assert.deepEqual(hosts.map((h) => h.name), [...MASTERS, ...LBS, ...WORKERS]);
    await ensureStandinRepo();
    dir = mkdtempSync(join(tmpdir(), 'site-lb-layout-'));
    inventory = layoutInventory(dir);
  });

  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await restartLab(5);
  });

  it('converges with HAProxy and keepalived on the LB hosts only, the LB port equal to the API port', { timeout: 900_000 }, async () => {
    const run = await tsplayJson('site.yml', [], inventory);
    assert.equal(run.rc, 0, `site.yml failed:\n${run.failures.join('\n')}\n${run.stderr}`);
    assert.deepEqual(Object.keys(run.stats).sort(), hosts.map((h) => h.name).sort());
    console.log(`# site.yml (lb_group layout) converged ${hosts.length} hosts in ${run.seconds.toFixed(1)} s`);

    for (const name of LBS) {
      assert.equal((await must(byName(name), 'systemctl is-active haproxy keepalived')).trim(), 'active\nactive', `${name}: HAProxy and keepalived run`);
      const cfg = await must(byName(name), 'cat /etc/haproxy/haproxy.cfg');
      assert.match(cfg, new RegExp(`^\\s*bind \\S*:${API_PORT}\\b`, 'm'), `${name}: HAProxy listens on ${API_PORT}`);
      const servers = cfg.split('\n').filter((l) => /^\s+server /.test(l)).map((l) => l.trim().split(/\s+/).slice(1, 3).join(' '));
      assert.deepEqual(servers, MASTERS.map((m) => `${m} ${byName(m).address}:${API_PORT}`), `${name}: backend over every master`);
      // Not a Kubernetes node: nothing of the cluster is installed on a load balancer.
      assert.notEqual((await sshRun(byName(name), 'command -v kubeadm')).rc, 0, `${name}: no kubeadm on an LB host`);
    }
    for (const name of [...MASTERS, ...WORKERS]) {
      const host = byName(name);
      assert.notEqual((await sshRun(host, 'command -v haproxy')).rc, 0, `${name}: no HAProxy`);
      assert.notEqual((await sshRun(host, 'command -v keepalived')).rc, 0, `${name}: no keepalived`);
      await must(host, 'test -s /etc/kubernetes/kubelet.conf');
    }
    // On the masters, port 6443 belongs to the API server (the stand-in), not to a load balancer.
    for (const name of MASTERS) {
      assert.match(await must(byName(name), `ss -Hltnp 'sport = :${API_PORT}'`), /kube-apiserver/, `${name}: the API server owns ${API_PORT}`);
    }

    const holders: string[] = [];
    for (const host of hosts) {
      if ((await sshRun(host, `ip -o -4 addr show | grep -qw ${LAB_VIP_ADDRESS}`)).rc === 0) holders.push(host.name);
    }
    assert.equal(holders.length, 1, `exactly one VIP holder, got ${holders.join(', ') || 'none'}`);
    assert.ok(LBS.includes(holders[0]!), `the VIP holder ${holders[0]} is an LB host`);

    // The API through the VIP: from the controller, and as kubectl on a master sees it (admin.conf names the VIP).
    const readyz = await runLocal('curl', ['-sk', '--max-time', '5', `https://${LAB_VIP_ADDRESS}:${API_PORT}/readyz`]);
    assert.equal(readyz.stdout.trim(), 'ok', `readyz through the VIP: ${readyz.stderr}`);
    assert.match(await must(byName('h1'), 'grep server: /etc/kubernetes/admin.conf'), new RegExp(`https://${LAB_VIP_ADDRESS.replaceAll('.', '\\.')}:${API_PORT}`));
    const nodes = (await must(byName('h1'), 'kubectl --kubeconfig /etc/kubernetes/admin.conf get nodes -o name')).trim().split('\n').sort();
    assert.deepEqual(nodes, [...MASTERS, ...WORKERS].map((n) => `node/${n}`).sort(), 'masters and workers joined, LB hosts are not nodes');
  });

  it('changes nothing on a second run', { timeout: 600_000 }, async () => {
    const run = await tsplayJson('site.yml', [], inventory);
    assert.equal(run.rc, 0, run.failures.join('\n'));
    assert.deepEqual(changedHosts(run), []);
    console.log(`# second run (lb_group layout) in ${run.seconds.toFixed(1)} s`);
  });
});
