// The Kubernetes roles' RHEL-family paths, run for real (the roles loaded from roles/, the engine,
// the real modules) against RhelStandinConnection: a SCRIPTED STAND-IN for a Rocky 9 host that keeps
// state (files, rpm database, units, SELinux mode). No RHEL host is reachable here, so this is the
// unit-level evidence for those paths; see rhel-standin.ts for what the stand-in models.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { runPlaybook } from '../../../src/engine/index.js';
import { FACTS_SCRIPT } from '../../../src/facts/index.js';
import { createSources, loadPlaybook } from '../../../src/load/index.js';
import { defaultRegistry } from '../../../src/modules/registry.js';
import type { Playbook } from '../../../src/model.js';
import type { RunEvent } from '../../../src/engine/events.js';
import type { HostStats } from '../../../src/engine/events.js';
import { baseOptions, inventory } from '../engine/builders.js';
import { RhelStandinConnection } from './rhel-standin.js';

const ROLES = resolve(import.meta.dirname, '../../../roles');
const work = mkdtempSync(join(tmpdir(), 'tsplay-rhel-roles-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** A small playbook in a temporary directory that uses the REAL roles through --roles-path. */
function writePlaybook(name: string, roles: readonly string[], vars: Record<string, unknown> = {}): string {
  const file = join(work, `${name}.yml`);
  const varLines = Object.entries({ kube_version: '1.31.2', ...vars }).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  writeFileSync(file, ['- hosts: masters', '  gather_facts: true', '  become: true', '  vars:', ...varLines, `  roles: [${roles.join(', ')}]`, ''].join('\n'));
  return file;
}

interface Run {
  stats: HostStats;
  events: RunEvent[];
  failed: Extract<RunEvent, { type: 'host_result' }>[];
  changedTasks: string[];
}

async function run(file: string | Playbook, conn: RhelStandinConnection, options: { check?: boolean; extraVars?: Record<string, unknown> } = {}): Promise<Run> {
  const book = typeof file === 'string' ? await loadPlaybook(file, { registry: defaultRegistry, rolesPath: [ROLES] }) : file;
  const events: RunEvent[] = [];
  const outcome = await runPlaybook(book, inventory({ [conn.host]: { groups: ['masters'], vars: { ansible_host: '10.9.0.11' } } }), { ...baseOptions, check: options.check ?? false, extraVars: options.extraVars ?? {} }, {
    registry: defaultRegistry,
    sources: createSources({ registry: defaultRegistry, playbookDir: book.dir, rolesPath: [ROLES] }),
    onEvent: (e) => events.push(e),
    connect: async (spec: ConnectionSpec) => {
      assert.equal(spec.host, conn.host);
      return conn;
    },
    // Facts come from the real fact script and parser: the stand-in answers the script as a Rocky 9 VM.
    services: {
      resolveConnectionSpec: (host) => ({ host, kind: 'local', address: host, port: 22, privateKeyFiles: [], useAgent: false, knownHostsFiles: [], hostKeyChecking: 'off', connectTimeoutMs: 1000 }),
    },
  });
  const results = events.filter((e): e is Extract<RunEvent, { type: 'host_result' }> => e.type === 'host_result');
  return {
    stats: outcome.stats[conn.host]!,
    events,
    failed: results.filter((r) => r.status === 'failed' && !r.ignored),
    changedTasks: results.filter((r) => r.status === 'changed').map((r) => r.task.title),
  };
}

/** Fails with the failed tasks' messages, so a broken path says where and why. */
function assertNoFailures(r: Run): void {
  assert.deepEqual(r.failed.map((f) => `${f.task.title}: ${String(f.result['msg'])}`), []);
  assert.equal(r.stats.failed, 0);
}

/** Idempotency: run the playbook again on the same stand-in; nothing changes, in the report or on the host. */
async function assertSecondRunChangesNothing(file: string | Playbook, host: RhelStandinConnection, options: Parameters<typeof run>[2] = {}): Promise<void> {
  const state = host.snapshot();
  const second = await run(file, host, options);
  assertNoFailures(second);
  assert.deepEqual(second.changedTasks, []);
  assert.deepEqual(host.snapshot(), state);
}

const repoFor = (minor: string) =>
  `[kubernetes]\nname=Kubernetes ${minor}\nbaseurl=https://pkgs.k8s.io/core:/stable:/v${minor}/rpm/\nenabled=1\ngpgcheck=1\n` +
  `gpgkey=https://pkgs.k8s.io/core:/stable:/v${minor}/rpm/repodata/repomd.xml.key\nexclude=kubelet kubeadm kubectl cri-tools kubernetes-cni\n`;

// Docker's repository as its docker-ce.repo file sets it up (the RHEL source of containerd.io).
const DOCKER_REPO = '[docker-ce-stable]\nname=Docker CE Stable - $basearch\nbaseurl=https://download.docker.com/linux/rhel/$releasever/$basearch/stable\nenabled=1\ngpgcheck=1\ngpgkey=https://download.docker.com/linux/rhel/gpg\n';

test('prereqs + kube-packages on a RHEL 9 stand-in: repo file, pinned dnf install, SELinux, firewall; second run changed=0', async () => {
  const pb = writePlaybook('base', ['prereqs', 'kube-packages'], { prereqs_keep_firewall: false });
  const host = new RhelStandinConnection('rhel1');
  const first = await run(pb, host);
  assertNoFailures(first);

  // The repository: per-minor baseurl, its key, and exclude= holding the packages out of `dnf upgrade`.
  assert.equal(host.state.files['/etc/yum.repos.d/kubernetes.repo']?.content, repoFor('1.31'));
  // One pinned install, past the repository's own exclude=.
  assert.deepEqual(host.matching(/^dnf /), ['dnf -y --disableexcludes=kubernetes install -- kubelet-1.31.2 kubeadm-1.31.2 kubectl-1.31.2']);
  assert.deepEqual(
    Object.fromEntries(['kubelet', 'kubeadm', 'kubectl'].map((p) => [p, host.state.packages[p]])),
    { kubelet: '0:1.31.2-150500.1.1', kubeadm: '0:1.31.2-150500.1.1', kubectl: '0:1.31.2-150500.1.1' },
  );
  assert.deepEqual(host.state.services['kubelet'], { active: 'inactive', enabled: 'enabled' }, 'kubelet enabled, left for kubeadm to start');

  // SELinux: permissive now (setenforce 0) and at boot (the config line), policy kept.
  assert.deepEqual(host.matching(/^setenforce/), ['setenforce 0']);
  assert.equal(host.state.selinuxLive, 'permissive');
  assert.equal(host.state.files['/etc/selinux/config']?.content, '# This file controls the state of SELinux on the system.\nSELINUX=permissive\nSELINUXTYPE=targeted\n');

  // prereqs_keep_firewall: false stops and disables firewalld (never ufw on RHEL).
  assert.deepEqual(host.state.services['firewalld'], { active: 'inactive', enabled: 'disabled' });
  assert.deepEqual(host.matching(/^systemctl (stop|disable) /), ['systemctl disable firewalld', 'systemctl stop firewalld']);
  assert.deepEqual(host.matching(/ufw/), []);

  // The rest of prereqs on the RHEL host: swap off for good, modules, sysctls applied once.
  assert.equal(host.state.activeSwaps, 0);
  assert.equal(host.state.files['/etc/fstab']?.content, 'UUID=1111 / xfs defaults 0 0\n# /dev/mapper/rl-swap none swap defaults 0 0\n');
  assert.deepEqual(host.state.loadedModules.sort(), ['br_netfilter', 'overlay']);
  assert.equal(host.state.files['/etc/sysctl.d/99-kubernetes.conf']?.content, 'net.ipv4.ip_forward=1\nnet.bridge.bridge-nf-call-iptables=1\nnet.bridge.bridge-nf-call-ip6tables=1\n');

  // Never a Debian tool (the stand-in also throws on one; this names the rule). The fact script
  // only probes for apt-get with `command -v`, so it is left out.
  assert.deepEqual(host.matching(/\b(apt-get|apt-cache|dpkg|dpkg-query)\b/).filter((c) => c !== FACTS_SCRIPT), []);
  assert.equal(host.matching(/^\nLC_ALL=C; export LC_ALL/).length, 1, 'facts came from the real fact script');
  assert.ok(first.stats.changed >= 8, `first run changed ${first.stats.changed} tasks`);

  // Second run on the SAME stand-in state: nothing to do.
  const commandsBefore = host.commands.length;
  const stateBefore = host.snapshot();
  const second = await run(pb, host);
  assertNoFailures(second);
  assert.deepEqual(second.changedTasks, []);
  assert.equal(second.stats.changed, 0);
  assert.deepEqual(host.snapshot(), stateBefore);
  const secondCommands = host.commands.slice(commandsBefore);
  assert.deepEqual(secondCommands.filter((c) => /^(dnf -y|setenforce|systemctl (start|stop|enable|disable|mask)|swapoff|modprobe|sysctl -p)/.test(c)), []);

  // Drift: someone drops the exclude= line (the hold) and turns SELinux back on by hand. --check
  // reports exactly those two tasks and touches nothing; the next real run puts both back.
  const repo = host.state.files['/etc/yum.repos.d/kubernetes.repo']!;
  repo.content = repo.content.replace(/^exclude=.*\n/m, '');
  host.state.selinuxLive = 'enforcing';
  const drifted = host.snapshot();
  const check = await run(pb, host, { check: true });
  assertNoFailures(check);
  assert.deepEqual(check.changedTasks, ['prereqs : Put SELinux in permissive mode (RHEL family)', 'kube-packages : Add the per-minor repository']);
  assert.deepEqual(host.snapshot(), drifted);
  const fix = await run(pb, host);
  assertNoFailures(fix);
  assert.equal(fix.stats.changed, 2);
  assert.deepEqual(host.snapshot(), stateBefore);
});

test('prereqs leaves a disabled SELinux disabled (permissive would turn it on at the next boot)', async () => {
  const pb = writePlaybook('selinux-off', ['prereqs']);
  const host = new RhelStandinConnection('rhel1');
  host.state.selinuxLive = 'disabled';
  const config = '# This file controls the state of SELinux on the system.\nSELINUX=disabled\nSELINUXTYPE=targeted\n';
  host.state.files['/etc/selinux/config'] = { content: config, mode: 0o644 };
  const r = await run(pb, host);
  assertNoFailures(r);
  assert.equal(host.state.files['/etc/selinux/config']?.content, config);
  assert.deepEqual(host.matching(/^setenforce/), []);
  assert.equal(host.state.selinuxLive, 'disabled');
});

test('prereqs_keep_firewall true (the default) leaves firewalld alone on RHEL', async () => {
  const pb = writePlaybook('keepfw', ['prereqs']);
  const host = new RhelStandinConnection('rhel1');
  const r = await run(pb, host);
  assertNoFailures(r);
  assert.deepEqual(host.state.services['firewalld'], { active: 'active', enabled: 'enabled' });
  assert.deepEqual(host.matching(/firewalld/), [], 'not even queried');

  // prereqs_keep_firewall false on a RHEL host without firewalld (many cloud images): nothing to stop, no failure.
  const bare = new RhelStandinConnection('rhel1');
  delete bare.state.services['firewalld'];
  const r2 = await run(writePlaybook('nofw', ['prereqs'], { prereqs_keep_firewall: false }), bare);
  assertNoFailures(r2);
  assert.deepEqual(bare.matching(/^systemctl (stop|disable) /), []);
});

test('check mode on a fresh RHEL stand-in (all five node roles) predicts changes and changes nothing', async () => {
  const pb = writePlaybook('check', ['prereqs', 'container-runtime', 'kube-packages', 'lb', 'vip'], { prereqs_keep_firewall: false, containerd_packages: ['containerd.io'], vip_address: '10.9.0.100' });
  const host = new RhelStandinConnection('rhel1');
  host.state.files['/etc/yum.repos.d/docker-ce.repo'] = { content: DOCKER_REPO, mode: 0o644 };
  const before = host.snapshot();
  const r = await run(pb, host, { check: true });
  assertNoFailures(r);
  assert.deepEqual(host.snapshot(), before);
  assert.deepEqual(host.puts, []);
  assert.deepEqual(host.matching(/^(dnf -y|setenforce|systemctl (start|stop|enable|disable|mask)|swapoff|modprobe|sysctl -p|mkdir|rm )/), []);
  // What it would change: the repository, the packages, SELinux, the firewall.
  for (const title of ['Add the per-minor repository', 'Install the pinned versions', 'Install containerd', 'Install HAProxy', 'Install keepalived and curl (the health check uses it)', 'Put SELinux in permissive mode (RHEL family)', 'Stop and disable the host firewall (only when prereqs_keep_firewall is false)']) {
    assert.ok(r.changedTasks.some((t) => t.endsWith(title)), `check mode should report '${title}' as changed: ${r.changedTasks.join(' | ')}`);
  }
});

test('moving one minor on RHEL: the repo moves to the new minor and dnf installs the new pins', async () => {
  const host = new RhelStandinConnection('rhel1');
  const first = await run(writePlaybook('v131', ['kube-packages']), host);
  assertNoFailures(first);
  const mark = host.commands.length;
  const next = await run(writePlaybook('v132', ['kube-packages'], { kube_version: '1.32.0' }), host);
  assertNoFailures(next);
  assert.equal(host.state.files['/etc/yum.repos.d/kubernetes.repo']?.content, repoFor('1.32'));
  assert.deepEqual(host.commands.slice(mark).filter((c) => c.startsWith('dnf ')), ['dnf -y --disableexcludes=kubernetes install -- kubelet-1.32.0 kubeadm-1.32.0 kubectl-1.32.0']);
  assert.equal(host.state.packages['kubeadm'], '0:1.32.0-150500.1.1');
});

for (const [what, version, message] of [
  ['a downgrade', '1.30.5', /refusing to downgrade rhel1 from 1\.31\.2 to 1\.30\.5/],
  ['a skipped minor', '1.33.1', /refusing to move rhel1 from 1\.31\.2 to 1\.33\.1: upgrade one minor at a time \(next: minor 32\)/],
] as const) {
  test(`kube-packages on RHEL refuses ${what} before any repo or dnf change`, async () => {
    const host = new RhelStandinConnection('rhel1');
    assertNoFailures(await run(writePlaybook('installed', ['kube-packages']), host));
    const mark = host.commands.length;
    const before = host.snapshot();
    const r = await run(writePlaybook(`to-${version}`, ['kube-packages'], { kube_version: version }), host);
    assert.equal(r.failed.length, 1);
    assert.match(String(r.failed[0]!.result['msg']), message);
    assert.deepEqual(host.commands.slice(mark).filter((c) => c.startsWith('dnf')), []);
    assert.deepEqual(host.snapshot(), before, 'nothing changed: not the repo file, not the packages');
  });
}

test('container-runtime on RHEL with the default package list fails early, naming what RHEL needs', async () => {
  const host = new RhelStandinConnection('rhel1');
  const before = host.snapshot();
  const r = await run(writePlaybook('cr-default', ['container-runtime']), host);
  assert.equal(r.failed.length, 1);
  assert.match(String(r.failed[0]!.result['msg']), /no enabled repository on rhel1 provides containerd \(containerd_packages\)\. The RHEL family has no containerd package: add Docker's repository .* and set containerd_packages: \[containerd\.io\]/);
  assert.deepEqual(host.matching(/^dnf -y/), [], 'failed before trying to install');
  assert.deepEqual(host.snapshot(), before);
});

test('container-runtime on RHEL with containerd.io from Docker\'s repository: installed, CRI config replaced, started; second run changed=0', async () => {
  const host = new RhelStandinConnection('rhel1');
  host.state.files['/etc/yum.repos.d/docker-ce.repo'] = { content: DOCKER_REPO, mode: 0o644 };
  const pb = writePlaybook('cr-docker', ['container-runtime'], { containerd_packages: ['containerd.io'] });
  const first = await run(pb, host);
  assertNoFailures(first);
  assert.deepEqual(host.matching(/^dnf -y/), ['dnf -y install -- containerd.io']);
  // Docker's packaged config disables CRI; the role's own (schema 2 for containerd 1.7) replaces it.
  const config = host.state.files['/etc/containerd/config.toml']?.content ?? '';
  assert.match(config, /^version = 2$/m);
  assert.match(config, /SystemdCgroup = true/);
  assert.doesNotMatch(config, /disabled_plugins = \["cri"\]/);
  assert.deepEqual(host.state.services['containerd'], { active: 'active', enabled: 'enabled' });
  assert.ok(first.changedTasks.some((t) => t.includes('Restart containerd')), 'the handler restarted containerd for the new config');

  await assertSecondRunChangesNothing(pb, host);
});

test('lb + vip on RHEL: HAProxy and keepalived from dnf, config validated, one VIP holder; second run changed=0', async () => {
  const host = new RhelStandinConnection('rhel1');
  const pb = writePlaybook('lbvip', ['lb', 'vip'], { vip_address: '10.9.0.100' });
  const first = await run(pb, host);
  assertNoFailures(first);
  // EL9 has curl-minimal (dnf needs it), which conflicts with curl: only the daemons are installed.
  assert.deepEqual(host.matching(/^dnf -y/), ['dnf -y install -- haproxy', 'dnf -y install -- keepalived']);
  assert.match(host.state.files['/etc/haproxy/haproxy.cfg']?.content ?? '', /^ {4}server rhel1 10.9.0.11:6443 check verify none$/m);
  assert.match(host.state.files['/etc/keepalived/keepalived.conf']?.content ?? '', /10\.9\.0\.100/);
  assert.deepEqual(host.state.services['haproxy'], { active: 'active', enabled: 'enabled' });
  assert.deepEqual(host.state.services['keepalived'], { active: 'active', enabled: 'enabled' });

  await assertSecondRunChangesNothing(pb, host);
});

// playbooks/upgrade.yml moves kubeadm first (kube_packages: [kubeadm]), then kubelet and kubectl
// (upgrade-node-kubelet.yml). On RHEL the hold is the repository's exclude= line, shared by all
// three: it must keep excluding every Kubernetes package whichever subset a run installs, or a
// plain `dnf upgrade` would move the ones left out.
test('kube-packages on RHEL with a subset of packages (as upgrade.yml runs it) keeps every package excluded', async () => {
  const host = new RhelStandinConnection('rhel1');
  assertNoFailures(await run(writePlaybook('up-base', ['kube-packages']), host));
  const mark = host.commands.length;

  const kubeadmOnly = await run(writePlaybook('up-kubeadm', ['kube-packages'], { kube_version: '1.32.0', kube_packages: ['kubeadm'] }), host);
  assertNoFailures(kubeadmOnly);
  assert.equal(host.state.files['/etc/yum.repos.d/kubernetes.repo']?.content, repoFor('1.32'));
  assert.equal(host.state.packages['kubeadm'], '0:1.32.0-150500.1.1');
  assert.equal(host.state.packages['kubelet'], '0:1.31.2-150500.1.1', 'kubelet waits for its own step');

  const rest = await run(writePlaybook('up-kubelet', ['kube-packages'], { kube_version: '1.32.0', kube_packages: ['kubelet', 'kubectl'] }), host);
  assertNoFailures(rest);
  assert.ok(!rest.changedTasks.some((t) => t.endsWith('Add the per-minor repository')), 'the repo file does not flip with the package subset');
  assert.equal(host.state.files['/etc/yum.repos.d/kubernetes.repo']?.content, repoFor('1.32'));
  assert.deepEqual(host.commands.slice(mark).filter((c) => c.startsWith('dnf ')), [
    'dnf -y --disableexcludes=kubernetes install -- kubeadm-1.32.0',
    'dnf -y --disableexcludes=kubernetes install -- kubelet-1.32.0 kubectl-1.32.0',
  ]);
});

// The real playbooks/site.yml up to its control-plane play (preflight, node preparation, LB and VIP):
// the composition as a user runs it, on one RHEL master. kubeadm init and the joins are left out:
// the stand-in plays a RHEL host, not a Kubernetes control plane (test/standin/ does that on Debian).
test('site.yml up to the control plane on one RHEL stand-in master: no failure, second run changed=0', async () => {
  const book = await loadPlaybook(resolve(ROLES, '../playbooks/site.yml'), { registry: defaultRegistry });
  const firstControlPlane = book.plays.findIndex((p) => p.roles.some((r) => r.role.ref.name === 'control-plane'));
  assert.ok(firstControlPlane > 2, 'site.yml has preflight, node and LB plays before the control plane');
  const head: Playbook = { ...book, plays: book.plays.slice(0, firstControlPlane) };
  const host = new RhelStandinConnection('rhel1');
  host.state.files['/etc/yum.repos.d/docker-ce.repo'] = { content: DOCKER_REPO, mode: 0o644 };
  const extraVars = { vip_address: '10.9.0.100', containerd_packages: ['containerd.io'], prereqs_keep_firewall: false };
  const first = await run(head, host, { extraVars });
  assertNoFailures(first);
  assert.deepEqual(host.matching(/^dnf -y/), [
    'dnf -y install -- containerd.io',
    'dnf -y --disableexcludes=kubernetes install -- kubelet-1.31.2 kubeadm-1.31.2 kubectl-1.31.2',
    'dnf -y install -- haproxy',
    'dnf -y install -- keepalived',
  ]);
  assert.equal(host.state.selinuxLive, 'permissive');
  await assertSecondRunChangesNothing(head, host, { extraVars });
});
