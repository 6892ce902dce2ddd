// playbooks/site.yml against the 5-host lab (3 masters, 2 workers, stand-in Kubernetes packages):
// converges from scratch, changes nothing on a second run, reports hand edits as drift under
// --check --diff without touching them, and fails early (exit 2, nothing changed) on each guarded
// mistake: port clash, unreachable VIP, version jump or downgrade, missing masters group.
// Needs root (the lab); starts the lab and the stand-in repository when they are not up.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { ensureStandinRepo } from '../standin/repo.js';
import { type LabHost, ensureLab, labInventory, sshRun } from './support/lab.js';
import { type JsonRun, tsplayJson } from './support/site.js';

const HAPROXY_CFG = '/etc/haproxy/haproxy.cfg';
const SYSCTL_FILE = '/etc/sysctl.d/99-kubernetes.conf';

/** tsplay run PLAYBOOK -i INVENTORY -e @lab-vars [args] --json, parsed. */
const tsplay = tsplayJson;

const totalChanged = (run: JsonRun) => Object.values(run.stats).reduce((sum, s) => sum + s.changed, 0);

async function must(host: LabHost, command: string): Promise<string> {
  const result = await sshRun(host, command);
  assert.equal(result.rc, 0, `${host.name}: ${command}: ${result.stderr}`);
  return result.stdout;
}

/** Content hash and mtime of the files the guarded-failure tests promise not to touch. */
async function fingerprint(hosts: LabHost[]): Promise<string> {
  const [h1, h2] = [hosts[0]!, hosts[1]!];
  return (await must(h1, `stat -c '%n %Y' ${HAPROXY_CFG} /etc/keepalived/keepalived.conf && sha256sum ${HAPROXY_CFG}`))
    + (await must(h2, `stat -c '%n %Y' ${SYSCTL_FILE} && sha256sum ${SYSCTL_FILE}`));
}

let hosts: LabHost[] = [];

describe('site.yml on the lab', { timeout: 1_800_000 }, () => {
  before(async () => {
    hosts = await ensureLab(5, { mode: 'systemd' });
    await ensureStandinRepo();
  });

  it('converges the 5-host lab from scratch', { timeout: 900_000 }, async () => {
    const started = Date.now();
    const run = await tsplay('site.yml');
    assert.equal(run.rc, 0, `site.yml failed:\n${run.failures.join('\n')}\n${run.stderr}`);
    assert.deepEqual(Object.keys(run.stats).sort(), hosts.map((h) => h.name).sort());
    console.log(`# site.yml converged ${hosts.length} hosts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const host of hosts) {
      await must(host, 'test -s /etc/kubernetes/kubelet.conf');
      assert.match(await must(host, "dpkg-query -W -f='${Version} ${Status}' kubeadm"), /^1\.31\.2-\S+ hold ok installed$/);
    }
    const servers = (await must(hosts[0]!, `grep -E '^\\s+server ' ${HAPROXY_CFG}`)).trim().split('\n');
    assert.equal(servers.length, 3, servers.join('\n'));
    const holders = await Promise.all(hosts.slice(0, 3).map((h) => sshRun(h, 'ip -o -4 addr show | grep -qw 10.250.0.100')));
    assert.equal(holders.filter((r) => r.rc === 0).length, 1, 'exactly one master holds the VIP');
  });

  it('changes nothing on a second run', { timeout: 600_000 }, async () => {
    const run = await tsplay('site.yml');
    assert.equal(run.rc, 0, run.failures.join('\n'));
    for (const [host, stats] of Object.entries(run.stats)) assert.equal(stats.changed, 0, `${host} reported ${stats.changed} changes`);
  });

  it('--check --diff reports exactly the hand edits as drift and changes nothing', { timeout: 600_000 }, async () => {
    const [h1, h2] = [hosts[0]!, hosts[1]!];
    await must(h2, `sed -i 's/^net.ipv4.ip_forward=.*/net.ipv4.ip_forward=0/' ${SYSCTL_FILE}`);
    await must(h1, `echo '# hand edit' >> ${HAPROXY_CFG}`);
    const before = await fingerprint(hosts);
    const run = await tsplay('site.yml', ['--check', '--diff', '--detailed-exitcode']);
    assert.equal(run.rc, 3, `expected exit 3 (drift), got ${run.rc}: ${run.failures.join('\n')}`);
    assert.equal(await fingerprint(hosts), before, '--check must not touch the drifted files');
    const drifted = run.drift.filter((d) => !/handler|Reload haproxy/i.test(d.task)).map((d) => `${d.host} ${d.diff.map((f) => f.path).join(',')}`).sort();
    assert.deepEqual(drifted, [`h1 ${HAPROXY_CFG}`, `h2 ${SYSCTL_FILE}`].sort(), JSON.stringify(run.drift, null, 2));
    const haproxyDiff = run.drift.find((d) => d.host === 'h1' && d.diff.some((f) => f.path === HAPROXY_CFG))!;
    assert.match(haproxyDiff.diff[0]!.unified, /^-# hand edit$/m);
    for (const host of hosts.slice(2)) assert.equal(run.stats[host.name]?.changed, 0, `${host.name} has no drift`);
    // Put things back (and prove a real run repairs drift).
    const repair = await tsplay('site.yml');
    assert.equal(repair.rc, 0, repair.failures.join('\n'));
    assert.match(await must(h2, `cat ${SYSCTL_FILE}`), /^net.ipv4.ip_forward=1$/m);
    assert.doesNotMatch(await must(h1, `cat ${HAPROXY_CFG}`), /hand edit/);
  });

  describe('guarded failures stop before any change (exit 2)', () => {
    let before = '';
    const failsEarly = async (args: string[], message: RegExp, inventory?: string) => {
      before = await fingerprint(hosts);
      const run = await tsplay('site.yml', args, inventory);
      assert.equal(run.rc, 2, `expected exit 2, got ${run.rc}: ${run.failures.join('\n')}\n${run.stderr}`);
      const text = run.failures.join('\n') + run.stderr;
      assert.match(text, message);
      assert.equal(totalChanged(run), 0, 'a guarded failure must change nothing');
      assert.equal(await fingerprint(hosts), before, 'files must stay untouched');
    };

    it('port clash: lb_port equal to apiserver_port on the masters', async () => {
      await failsEarly(['-e', '{"lb_port": 6443}'], /port plan: HAProxy \(lb_port 6443\) and kube-apiserver \(apiserver_port 6443\)/);
    });

    it('port clash given as -e lb_port=6443 (a string) also fails early', async () => {
      await failsEarly(['-e', 'lb_port=6443'], /lb_port/);
    });

    it('VIP unreachable (endpoint managed elsewhere and down)', async () => {
      await failsEarly(['-e', 'k8s_manage_lb=false', '-e', 'k8s_manage_vip=false', '-e', 'vip_address=10.250.0.99', '-e', 'kube_endpoint_wait_timeout=3'],
        /the VIP 10\.250\.0\.99:8443 does not answer/);
    });

    it('version jump 1.31 -> 1.33', async () => {
      await failsEarly(['-e', 'kube_version=1.33.0'], /refusing to move h\d from 1\.31\.2 to 1\.33\.0: upgrade one minor at a time/);
    });

    it('downgrade 1.31 -> 1.30', async () => {
      await failsEarly(['-e', 'kube_version=1.30.6'], /refusing to downgrade h\d from 1\.31\.2 to 1\.30\.6/);
    });

    it('unsupported minor', async () => {
      await failsEarly(['-e', 'kube_version=1.20.0'], /kube_version 1\.20\.0 is not supported/);
    });

    it('upgrade.yml refuses a skipped minor and a downgrade before touching anything', async () => {
      for (const [version, message] of [['1.33.0', /upgrade one minor at a time/], ['1.30.6', /refusing to downgrade/]] as const) {
        before = await fingerprint(hosts);
        const run = await tsplay('upgrade.yml', ['-e', `kube_version=${version}`]);
        assert.equal(run.rc, 2, `upgrade to ${version}: expected exit 2, got ${run.rc}`);
        assert.match(run.failures.join('\n'), message);
        assert.equal(totalChanged(run), 0);
        assert.equal(await fingerprint(hosts), before);
      }
    });

    it('missing masters group', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'site-nomasters-'));
      try {
        const inventory = join(dir, 'inventory.yml');
        writeFileSync(inventory, readFileSync(labInventory(), 'utf8').replace(/^(\s+)masters:$/m, '$1controllers:'));
        await failsEarly([], /inventory group 'masters' is missing or empty/, inventory);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

});
