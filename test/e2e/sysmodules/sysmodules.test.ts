// System modules against a real lab host (Debian, systemd or plain mode): each module changes the
// host once, is ok on the second run, and in check mode reports drift made behind its back without
// touching anything. Needs the lab (`test/lab/up 5`); skipped when it is not up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ModuleContext, ModuleDefinition, ModuleResult } from '../../../src/modules/types.js';
import { systemModules } from '../../../src/modules/system-list.js';
import { labContext, listenOnLabBridge, shOn } from './lab-context.js';
import { labAddress, labIsUp, labTestHost, SshCliConnection } from './ssh-cli-connection.js';
import { LAB_KNOWN_HOSTS } from '../support/lab.js';

const HOST = labTestHost();
const skip = labIsUp() ? false : 'the lab is not up (run test/lab/up 5)';
let conn: SshCliConnection;
let server: Server | undefined;
let baseUrl = '';
let served = 'first body\n';

const modules = new Map(systemModules.map((m) => [m.name, m as ModuleDefinition<any>]));

function context(options: { check?: boolean; diff?: boolean } = {}): ModuleContext {
  return labContext(conn, HOST, options);
}

async function run(name: string, args: Record<string, unknown>, options: { check?: boolean; diff?: boolean } = {}): Promise<ModuleResult> {
  const result = await modules.get(name)!.run(context(options), args);
  assert.notEqual(result.failed, true, `${name} failed: ${String(result.msg)}`);
  return result;
}

function sh(command: string): Promise<string> {
  return shOn(conn, command);
}

before(async () => {
  if (skip) return;
  conn = new SshCliConnection(HOST, labAddress(HOST));
  server = createServer((req, res) => res.writeHead(req.url === '/missing' ? 404 : 200).end(served));
  baseUrl = await listenOnLabBridge(server);
});

after(async () => {
  server?.close();
  await conn?.close();
});

test('apt installs a real package once, then ok; check mode sees a removal done behind its back', { skip }, async () => {
  await run('apt', { update_cache: true, cache_valid_time: 3600 });
  await sh('DEBIAN_FRONTEND=noninteractive apt-get -y -q remove tree >/dev/null 2>&1 || true');
  assert.equal((await run('apt', { name: 'tree' })).changed, true);
  assert.match(await sh("dpkg-query -W -f='${Version}' tree"), /^\d/);
  assert.equal((await run('apt', { name: ['tree'] })).changed, false);
  await sh('DEBIAN_FRONTEND=noninteractive apt-get -y -q remove tree >/dev/null');
  const check = await run('apt', { name: 'tree' }, { check: true, diff: true });
  assert.equal(check.changed, true);
  assert.match(check.diff?.[0]?.after ?? '', /^tree /);
  assert.equal((await conn.exec("dpkg-query -W -f='${db:Status-Abbrev}' tree")).stdout.startsWith('ii'), false);
  assert.equal((await run('apt', { name: 'tree=2.*' })).changed, true, 'apt-get resolves a trailing version wildcard');
  assert.equal((await run('apt', { name: 'tree=2.*' })).changed, false);
  await sh('DEBIAN_FRONTEND=noninteractive apt-get -y -q remove tree >/dev/null');
  assert.equal((await run('apt', { name: 'tree', state: 'latest' })).changed, true);
  assert.equal((await run('apt', { name: 'tree', state: 'latest' })).changed, false);
});

test('dpkg_selections holds a package, then ok; check mode sees an unhold', { skip }, async () => {
  await run('apt', { name: 'tree' });
  await sh('apt-mark unhold tree >/dev/null');
  assert.equal((await run('dpkg_selections', { name: 'tree', selection: 'hold' })).changed, true);
  assert.equal(await sh('apt-mark showhold tree'), 'tree');
  assert.equal((await run('dpkg_selections', { name: 'tree', selection: 'hold' })).changed, false);
  await sh('apt-mark unhold tree >/dev/null');
  assert.equal((await run('dpkg_selections', { name: 'tree', selection: 'hold' }, { check: true })).changed, true);
  assert.equal(await sh('apt-mark showhold tree'), '');
});

test('service starts and stops haproxy only on real transitions; restarted always changes', { skip }, async () => {
  await run('apt', { name: 'haproxy' });
  await run('service', { name: 'haproxy', state: 'stopped', enabled: true });
  assert.equal((await run('service', { name: 'haproxy', state: 'started' })).changed, true);
  assert.equal((await run('service', { name: 'haproxy', state: 'started' })).changed, false);
  assert.equal((await run('service', { name: 'haproxy', state: 'restarted' })).changed, true);
  assert.equal((await run('service', { name: 'haproxy', state: 'stopped' })).changed, true);
  assert.equal((await run('service', { name: 'haproxy', state: 'stopped' })).changed, false);
  assert.equal((await run('service', { name: 'haproxy', state: 'started' }, { check: true })).changed, true);
  assert.notEqual((await conn.exec('service haproxy status >/dev/null 2>&1')).rc, 0, 'check mode did not start it');
  assert.equal((await run('service', { name: 'haproxy', enabled: false })).changed, true);
  assert.equal((await run('service', { name: 'haproxy', enabled: false })).changed, false);
  assert.equal((await run('service', { name: 'haproxy', enabled: true }, { check: true })).changed, true);
  assert.equal((await run('service', { name: 'haproxy', enabled: true })).changed, true);
  assert.equal((await run('service', { name: 'haproxy', enabled: true })).changed, false);
});

test('sysctl sets net.ipv4.ip_forward in a file and live, then ok; check mode sees live drift', { skip }, async () => {
  const file = '/etc/sysctl.d/98-tsplay-e2e.conf';
  await sh(`rm -f ${file}; sysctl -w net.ipv4.ip_forward=0 >/dev/null`);
  const first = await run('sysctl', { name: 'net.ipv4.ip_forward', value: 1, sysctl_set: true, sysctl_file: file });
  assert.equal(first.changed, true);
  assert.equal(await sh('sysctl -n net.ipv4.ip_forward'), '1');
  assert.equal(await sh(`cat ${file}`), 'net.ipv4.ip_forward=1');
  assert.equal((await run('sysctl', { name: 'net.ipv4.ip_forward', value: '1', sysctl_set: true, sysctl_file: file })).changed, false);
  await sh('sysctl -w net.ipv4.ip_forward=0 >/dev/null');
  assert.equal((await run('sysctl', { name: 'net.ipv4.ip_forward', value: 1, sysctl_set: true, sysctl_file: file }, { check: true })).changed, true);
  assert.equal(await sh('sysctl -n net.ipv4.ip_forward'), '0');
  await sh(`rm -f ${file}`);
});

test('modprobe: br_netfilter is loaded or built in (ok either way on rerun); a missing module fails', { skip }, async () => {
  await run('modprobe', { name: 'br_netfilter', persistent: 'present' });
  assert.equal((await run('modprobe', { name: 'br_netfilter', persistent: 'present' })).changed, false);
  assert.equal(await sh('cat /etc/modules-load.d/br_netfilter.conf'), 'br_netfilter');
  const missing = await modules.get('modprobe')!.run(context(), { name: 'tsplay_no_such_module' });
  assert.equal(missing.failed, true);
  assert.match(String(missing.msg), /tsplay_no_such_module/);
});

test('swap absent comments out fstab swap lines once; check mode sees a re-added line', { skip }, async () => {
  const hostSwaps = await sh('tail -n +2 /proc/swaps | grep -c . || true');
  if (hostSwaps !== '0') return; // the lab shares the machine's kernel: never swapoff the controller's swap
  await sh("printf '# tsplay e2e\\n/swapfile none swap sw 0 0\\n' > /etc/fstab");
  assert.equal((await run('swap', { state: 'absent' })).changed, true);
  assert.equal(await sh('cat /etc/fstab'), '# tsplay e2e\n# /swapfile none swap sw 0 0');
  assert.equal((await run('swap', { state: 'absent' })).changed, false);
  await sh("printf '/dev/vdb none swap sw 0 0\\n' >> /etc/fstab");
  const check = await run('swap', { state: 'absent' }, { check: true, diff: true });
  assert.equal(check.changed, true);
  assert.match(await sh('cat /etc/fstab'), /^\/dev\/vdb none swap/m);
  await run('swap', { state: 'absent' });
});

test('get_url downloads from the controller on the lab bridge, then ok; checksum mismatch fails', { skip }, async () => {
  served = 'first body\n';
  const sum = createHash('sha256').update(served).digest('hex');
  await sh('rm -f /tmp/tsplay-e2e-dl');
  assert.equal((await run('get_url', { url: `${baseUrl}/f`, dest: '/tmp/tsplay-e2e-dl', checksum: `sha256:${sum}`, mode: '0755' })).changed, true);
  assert.equal(await sh('stat -c %a /tmp/tsplay-e2e-dl; cat /tmp/tsplay-e2e-dl'), '755\nfirst body');
  assert.equal((await run('get_url', { url: `${baseUrl}/f`, dest: '/tmp/tsplay-e2e-dl', checksum: `sha256:${sum}`, mode: '0755' })).changed, false);
  await sh('echo drift > /tmp/tsplay-e2e-dl');
  assert.equal((await run('get_url', { url: `${baseUrl}/f`, dest: '/tmp/tsplay-e2e-dl', checksum: `sha256:${sum}` }, { check: true })).changed, true);
  assert.equal(await sh('cat /tmp/tsplay-e2e-dl'), 'drift');
  const bad = await modules.get('get_url')!.run(context(), { url: `${baseUrl}/f`, dest: '/tmp/tsplay-e2e-dl', checksum: `sha256:${'0'.repeat(64)}` });
  assert.equal(bad.failed, true);
  assert.equal(await sh('cat /tmp/tsplay-e2e-dl'), 'drift');
});

test('apt_keyring fetches a key on the host and dearmors it with gpg; apt_repository and deb822 write sources', { skip }, async () => {
  served = await sh("printf 'tsplay key bytes' | gpg --batch --enarmor 2>/dev/null");
  const dest = '/etc/apt/keyrings/tsplay-e2e.gpg';
  await sh(`rm -f ${dest}`);
  assert.equal((await run('apt_keyring', { url: `${baseUrl}/key.asc`, dest })).changed, true);
  assert.equal(await sh(`cat ${dest}`), 'tsplay key bytes');
  assert.equal((await run('apt_keyring', { url: `${baseUrl}/key.asc`, dest })).changed, false);
  const repo = `deb [signed-by=${dest}] ${baseUrl}/repo ./`;
  assert.equal((await run('apt_repository', { repo, filename: 'tsplay-e2e', update_cache: false })).changed, true);
  assert.equal((await run('apt_repository', { repo, filename: 'tsplay-e2e', update_cache: false })).changed, false);
  assert.equal((await run('apt_repository', { repo, state: 'absent', update_cache: false })).changed, true);
  assert.notEqual((await conn.exec('test -e /etc/apt/sources.list.d/tsplay-e2e.list')).rc, 0);
  const deb822 = { name: 'tsplay-e2e', uris: `${baseUrl}/repo`, suites: './', signed_by: dest, enabled: false };
  assert.equal((await run('deb822_repository', deb822)).changed, true);
  assert.equal((await run('deb822_repository', deb822)).changed, false);
  assert.equal((await run('deb822_repository', { name: 'tsplay-e2e', state: 'absent' })).changed, true);
  await run('apt_keyring', { dest, state: 'absent' });
});

test('replace and unarchive on host files; selinux is not available on Debian', { skip }, async () => {
  await sh("printf 'a=1\\n#b=2\\n' > /tmp/tsplay-e2e-conf");
  assert.equal((await run('replace', { path: '/tmp/tsplay-e2e-conf', regexp: '^#(b=.*)$', replace: '\\1' })).changed, true);
  assert.equal(await sh('cat /tmp/tsplay-e2e-conf'), 'a=1\nb=2');
  assert.equal((await run('replace', { path: '/tmp/tsplay-e2e-conf', regexp: '^#(b=.*)$', replace: '\\1' })).changed, false);
  await sh('rm -rf /tmp/tsplay-e2e-x /tmp/tsplay-e2e.tgz; mkdir -p /tmp/tsplay-e2e-src/d /tmp/tsplay-e2e-x; echo hi > /tmp/tsplay-e2e-src/d/f; tar -czf /tmp/tsplay-e2e.tgz -C /tmp/tsplay-e2e-src d');
  assert.equal((await run('unarchive', { src: '/tmp/tsplay-e2e.tgz', dest: '/tmp/tsplay-e2e-x', remote_src: true })).changed, true);
  assert.equal((await run('unarchive', { src: '/tmp/tsplay-e2e.tgz', dest: '/tmp/tsplay-e2e-x', remote_src: true })).changed, false);
  assert.equal(await sh('cat /tmp/tsplay-e2e-x/d/f'), 'hi');
  const se = await run('selinux', { state: 'permissive' });
  assert.deepEqual(se, { changed: false, msg: 'SELinux is not available on this host' });
});

test('group and user: created once with real groupadd/useradd, then ok; check mode sees a change made behind their back', { skip }, async () => {
  await sh('userdel -r tsplay-e2e-kube >/dev/null 2>&1; groupdel tsplay-e2e-ops >/dev/null 2>&1; true');
  assert.equal((await run('group', { name: 'tsplay-e2e-ops', gid: 2345 })).changed, true);
  assert.equal((await run('group', { name: 'tsplay-e2e-ops', gid: 2345 })).changed, false);
  const args = { name: 'tsplay-e2e-kube', uid: 2346, groups: ['tsplay-e2e-ops', 'adm'], shell: '/bin/sh', comment: 'Kube Admin' };
  assert.equal((await run('user', args)).changed, true);
  assert.equal(await sh("getent passwd tsplay-e2e-kube | cut -d: -f3,5,7"), '2346:Kube Admin:/bin/sh');
  assert.equal(await sh('id -Gn tsplay-e2e-kube'), 'tsplay-e2e-kube adm tsplay-e2e-ops');
  assert.equal(await sh('test -d /home/tsplay-e2e-kube && echo home'), 'home');
  assert.equal((await run('user', args)).changed, false);
  await sh('usermod -s /bin/bash -G adm tsplay-e2e-kube');
  assert.equal((await run('user', args, { check: true })).changed, true);
  assert.equal(await sh("getent passwd tsplay-e2e-kube | cut -d: -f7"), '/bin/bash', 'check mode changed nothing');
  assert.equal((await run('user', args)).changed, true);
  assert.equal(await sh('id -Gn tsplay-e2e-kube'), 'tsplay-e2e-kube adm tsplay-e2e-ops');
  assert.equal((await run('user', { name: 'tsplay-e2e-kube', state: 'absent', remove: true })).changed, true);
  assert.equal((await conn.exec('getent passwd tsplay-e2e-kube')).rc, 2);
  assert.equal((await run('group', { name: 'tsplay-e2e-ops', state: 'absent' })).changed, true);
  assert.equal((await run('group', { name: 'tsplay-e2e-ops', state: 'absent' })).changed, false);
});

test('hostname sets the live and the static name once, then ok; check mode sees a rename behind its back', { skip }, async () => {
  const original = await sh('hostname');
  try {
    assert.equal((await run('hostname', { name: 'tsplay-e2e-renamed' })).changed, true);
    assert.equal(await sh('hostname; cat /etc/hostname'), 'tsplay-e2e-renamed\ntsplay-e2e-renamed');
    assert.equal((await run('hostname', { name: 'tsplay-e2e-renamed' })).changed, false);
    await sh('echo other > /etc/hostname');
    assert.equal((await run('hostname', { name: 'tsplay-e2e-renamed' }, { check: true })).changed, true);
    assert.equal(await sh('cat /etc/hostname'), 'other', 'check mode changed nothing');
    assert.equal((await run('hostname', { name: 'tsplay-e2e-renamed', use: 'debian' })).changed, true);
    assert.equal(await sh('cat /etc/hostname'), 'tsplay-e2e-renamed');
  } finally {
    await run('hostname', { name: original });
  }
  assert.equal(await sh('hostname; cat /etc/hostname'), `${original}\n${original}`);
});

test('authorized_key lets a new key log in as deploy, once; absent takes the login away again', { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-e2e-authkey-'));
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'tsplay-e2e', '-f', join(dir, 'key')]);
    const key = readFileSync(join(dir, 'key.pub'), 'utf8');
    const login = () => spawnSync('ssh', ['-i', join(dir, 'key'), '-o', 'IdentitiesOnly=yes', '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${LAB_KNOWN_HOSTS}`,
      '-o', 'StrictHostKeyChecking=yes', `deploy@${labAddress(HOST)}`, 'id -un'], { encoding: 'utf8' });
    assert.notEqual(login().status, 0, 'the new key does not log in yet');
    assert.equal((await run('authorized_key', { user: 'deploy', key })).changed, true);
    assert.equal((await run('authorized_key', { user: 'deploy', key })).changed, false);
    assert.equal(login().stdout.trim(), 'deploy');
    assert.equal(await sh("stat -c '%a %U' /home/deploy/.ssh /home/deploy/.ssh/authorized_keys"), '700 deploy\n600 deploy');
    assert.equal((await run('authorized_key', { user: 'deploy', key, state: 'absent' })).changed, true);
    assert.notEqual(login().status, 0, 'removed: no login');
    assert.ok((await sh('cat /home/deploy/.ssh/authorized_keys')).includes('ssh-ed25519'), "the lab's own key stayed");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('systemd (hosts booted with systemd only): enable, mask and daemon-reload through systemctl', { skip }, async (t) => {
  if ((await conn.exec('test -d /run/systemd/system')).rc !== 0) {
    t.skip('this lab host runs without systemd (plain mode)');
    return;
  }
  await run('apt', { name: 'haproxy' });
  await sh('systemctl unmask haproxy >/dev/null 2>&1; systemctl disable haproxy >/dev/null 2>&1; true');
  assert.equal((await run('systemd', { name: 'haproxy', enabled: true, state: 'started', daemon_reload: true })).changed, true);
  assert.equal(await sh('systemctl is-enabled haproxy'), 'enabled');
  assert.equal((await run('systemd', { name: 'haproxy', enabled: true, state: 'started' })).changed, false);
  assert.equal((await run('systemd', { name: 'haproxy', enabled: false }, { check: true })).changed, true);
  assert.equal(await sh('systemctl is-enabled haproxy'), 'enabled');
  assert.equal((await run('systemd', { name: 'haproxy', state: 'stopped', masked: true })).changed, true);
  assert.equal((await conn.exec('systemctl is-enabled haproxy')).stdout.trim(), 'masked');
  await run('systemd', { name: 'haproxy', masked: false });
});
