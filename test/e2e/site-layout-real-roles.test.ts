// The lab differential of issue #14: public roles, unmodified (test/real-roles/vendor), applied by
// ansible-playbook 2.14 to fresh lab hosts and by tsplay to an identical set of fresh hosts (the
// same three lab hosts, restarted from the base image in between). Compared: every file the roles
// write, byte for byte with its mode and owner; the services' state; and the per-host changed
// counts of the first and the second run (the second must change nothing, for both tools).
// The playbook is test/real-roles/differential/playbook.yml; it says the one concession made to CI
// having no internet (geerlingguy.containerd skips adding Docker's repository and installs
// Debian's own containerd).
// Restarts the lab itself (`down && up 3`, and back to 5 hosts at the end), so test/run.sh runs it
// with the other `site-layout-*` files, after the suites that share the running lab. Needs root.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LAB_DIR, REPO_ROOT, type LabHost, labHosts, labInventory, runLocal, sshRun } from './support/lab.js';

const CORPUS = resolve(REPO_ROOT, 'test/real-roles');
const PLAYBOOK = join(CORPUS, 'differential/playbook.yml');
const ROLES_PATH = join(CORPUS, 'vendor');
const HOSTS = ['h1', 'h2', 'h3'];
/** What the roles write (a missing file is part of the comparison too). */
const FILES = [
  '/etc/haproxy/haproxy.cfg',
  '/etc/default/haproxy',
  '/etc/keepalived/keepalived.conf',
  '/etc/default/keepalived',
  '/etc/systemd/system/keepalived.service.d/override.conf',
  '/etc/sysctl.conf',
  '/etc/containerd/config.toml',
];
const SERVICES = ['haproxy', 'keepalived', 'containerd'];

interface Recap { [host: string]: { ok: number; changed: number; failed: number; unreachable: number } }
interface Outcome { first: Recap; second: Recap; hosts: Record<string, string> }

/** PLAY RECAP lines as both tools print them: `h1 : ok=5 changed=2 unreachable=0 failed=0 ...`. */
function parseRecap(output: string): Recap {
  const recap: Recap = {};
  for (const m of output.matchAll(/^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/gm)) {
    recap[m[1]!] = { ok: Number(m[2]), changed: Number(m[3]), unreachable: Number(m[4]), failed: Number(m[5]) };
  }
  return recap;
}

async function restartLab(n: number): Promise<void> {
  const result = await runLocal('bash', ['-c', `bash ${resolve(LAB_DIR, 'down')} && bash ${resolve(LAB_DIR, 'up')} ${n}`], { timeoutMs: 600_000 });
  assert.equal(result.rc, 0, `lab restart with ${n} hosts failed:\n${result.stderr}`);
}

/** The lab inventory with the group the playbook targets. */
function differentialInventory(dir: string): string {
  const lab = readFileSync(labInventory(), 'utf8');
  const children = lab.indexOf('\n  children:');
  assert.ok(children > 0, 'lab inventory has no children section');
  const file = join(dir, 'differential.yml');
  writeFileSync(file, `${lab.slice(0, children)}\n  children:\n    lb:\n      hosts:\n${HOSTS.map((h) => `        ${h}: {}\n`).join('')}`);
  return file;
}

type Tool = 'ansible' | 'tsplay';

async function runTool(tool: Tool, inventory: string): Promise<{ rc: number; output: string }> {
  const env = { ANSIBLE_ROLES_PATH: ROLES_PATH, ANSIBLE_CONFIG: resolve(REPO_ROOT, 'bench/ansible.cfg'), ANSIBLE_FORKS: String(HOSTS.length), ANSIBLE_NOCOLOR: '1', NO_COLOR: '1' };
  const result = tool === 'ansible'
    ? await runLocal('ansible-playbook', ['-i', inventory, PLAYBOOK], { env, timeoutMs: 900_000 })
    : await runLocal(process.execPath, [resolve(REPO_ROOT, 'dist/src/bundle/cli.js'), 'run', PLAYBOOK, '-i', inventory], { env, timeoutMs: 900_000 });
  return { rc: result.rc, output: `${result.stdout}\n${result.stderr}` };
}

/** Each file's mode, owner and content, and each service's state: one text per host. */
async function hostState(host: LabHost): Promise<string> {
  const files = FILES.map((f) => `echo "== ${f}"; if [ -e ${f} ]; then stat -c '%a %U:%G' ${f}; cat ${f}; else echo missing; fi`).join('; ');
  const services = SERVICES.map((s) => `echo "${s}: $(systemctl is-active ${s}) $(systemctl is-enabled ${s} 2>/dev/null)"`).join('; ');
  const result = await sshRun(host, `${files}; ${services}; echo "nonlocal_bind: $(cat /proc/sys/net/ipv4/ip_nonlocal_bind)"`);
  assert.equal(result.rc, 0, `${host.name}: reading the state failed: ${result.stderr}`);
  return result.stdout;
}

/** First run and second run on fresh hosts, then the hosts' state. */
async function applyWith(tool: Tool, dir: string): Promise<Outcome> {
  await restartLab(HOSTS.length);
  const inventory = differentialInventory(dir);
  const started = Date.now();
  const first = await runTool(tool, inventory);
  assert.equal(first.rc, 0, `${tool}: first run failed:\n${first.output.slice(-6000)}`);
  const firstSeconds = (Date.now() - started) / 1000;
  const second = await runTool(tool, inventory);
  assert.equal(second.rc, 0, `${tool}: second run failed:\n${second.output.slice(-6000)}`);
  console.log(`# ${tool}: first run ${firstSeconds.toFixed(1)} s`);
  const hosts: Record<string, string> = {};
  for (const host of labHosts()) hosts[host.name] = await hostState(host);
  return { first: parseRecap(first.output), second: parseRecap(second.output), hosts };
}

const changed = (recap: Recap) => Object.fromEntries(Object.entries(recap).map(([h, r]) => [h, r.changed]));

describe('public roles: ansible-playbook and tsplay on identical fresh hosts', { timeout: 2_400_000 }, () => {
  let dir = '';
  let ansible: Outcome;
  let tsplay: Outcome;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'real-roles-differential-'));
    ansible = await applyWith('ansible', dir);
    tsplay = await applyWith('tsplay', dir);
  });

  after(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await restartLab(5);
  });

  it('both tools change the same number of things per host on the first run', () => {
    assert.deepEqual(Object.keys(ansible.first).sort(), HOSTS);
    assert.ok(Object.values(ansible.first).every((r) => r.changed > 0 && r.failed === 0), JSON.stringify(ansible.first));
    assert.deepEqual(changed(tsplay.first), changed(ansible.first));
  });

  it('the second run changes nothing, for either tool', () => {
    assert.deepEqual(changed(ansible.second), Object.fromEntries(HOSTS.map((h) => [h, 0])));
    assert.deepEqual(changed(tsplay.second), Object.fromEntries(HOSTS.map((h) => [h, 0])));
  });

  it('every file the roles write is the same byte for byte (mode and owner too), and the services run alike', () => {
    for (const host of HOSTS) {
      assert.match(ansible.hosts[host]!, /== \/etc\/haproxy\/haproxy\.cfg\n644 root:root\n/, `${host}: Ansible wrote haproxy.cfg`);
      assert.match(ansible.hosts[host]!, /haproxy: active enabled/, `${host}: haproxy runs after Ansible's run`);
      assert.equal(tsplay.hosts[host], ansible.hosts[host], `${host}: the hosts differ`);
    }
  });
});
