// The system modules of issue #14's batch against a real lab host (Debian 12, systemd as PID 1):
// systemd_service, uri (from an HTTP server on the lab bridge), setup with gather_subset/filter,
// package_facts, service_facts, timezone, cron (user crontab and /etc/cron.d), mount (a tmpfs).
// Each changes the host once, is ok on the second run, and check mode touches nothing. Needs the lab
// (`test/lab/up 5`); skipped when it is not up. Everything it changes it puts back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { defaultRegistry } from '../../../src/modules/registry.js';
import type { ModuleContext, ModuleResult } from '../../../src/modules/types.js';
import { labContext, listenOnLabBridge, shOn } from './lab-context.js';
import { labAddress, labIsUp, labTestHost, SshCliConnection } from './ssh-cli-connection.js';

const HOST = labTestHost();
const skip = labIsUp() ? false : 'the lab is not up (run test/lab/up 5)';
let conn: SshCliConnection;
let server: Server | undefined;
let baseUrl = '';

function context(options: { check?: boolean; diff?: boolean } = {}): ModuleContext {
  return labContext(conn, HOST, options);
}

/** Run a module by the name a playbook would use (FQCN included), asserting it did not fail. */
async function run(name: string, args: Record<string, unknown>, options: { check?: boolean; diff?: boolean } = {}): Promise<ModuleResult> {
  const module = defaultRegistry.get(name);
  assert.ok(module, `${name} is registered`);
  const result = await module.run(context(options), args);
  assert.notEqual(result.failed, true, `${name} failed: ${String(result.msg)}`);
  return result;
}

function sh(command: string): Promise<string> {
  return shOn(conn, command);
}

async function requireSystemd(t: { skip(reason: string): void }): Promise<boolean> {
  if ((await conn.exec('test -d /run/systemd/system')).rc === 0) return true;
  t.skip('this lab host runs without systemd (plain mode)');
  return false;
}

before(async () => {
  if (skip) return;
  conn = new SshCliConnection(HOST, labAddress(HOST));
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/missing') return void res.writeHead(404, { 'Content-Type': 'text/plain' }).end('nope');
      if (req.url === '/redirect') return void res.writeHead(302, { Location: '/echo' }).end();
      const body = JSON.stringify({ method: req.method, body: Buffer.concat(chunks).toString('utf8'), auth: req.headers.authorization ?? null });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(body);
    });
  });
  baseUrl = await listenOnLabBridge(server);
});

after(async () => {
  server?.close();
  await conn?.close();
});

test('ansible.builtin.systemd_service enables and starts haproxy once, then ok', { skip }, async (t) => {
  if (!await requireSystemd(t)) return;
  await run('apt', { name: 'haproxy', update_cache: true }); // a freshly built lab host has no package lists yet
  await sh('systemctl stop haproxy; systemctl disable haproxy >/dev/null 2>&1; true');
  assert.equal((await run('ansible.builtin.systemd_service', { name: 'haproxy', state: 'started', enabled: true })).changed, true);
  assert.equal(await sh('systemctl is-active haproxy'), 'active');
  assert.equal((await run('systemd_service', { name: 'haproxy', state: 'started', enabled: true })).changed, false);
});

test('uri: POST JSON with basic auth from the host, a redirect followed, a 404 accepted by status_code, dest written', { skip }, async () => {
  const post = await run('ansible.builtin.uri', { url: `${baseUrl}/echo`, method: 'POST', body_format: 'json', body: { a: 1 }, url_username: 'u', url_password: 'p-secret', force_basic_auth: true });
  assert.equal(post.status, 200);
  assert.deepEqual(post['json'], { method: 'POST', body: '{"a": 1}', auth: `Basic ${Buffer.from('u:p-secret').toString('base64')}` });
  const redirected = await run('uri', { url: `${baseUrl}/redirect` });
  assert.equal(redirected.redirected, true);
  assert.equal(redirected.url, `${baseUrl}/echo`);
  assert.equal((await run('uri', { url: `${baseUrl}/missing`, status_code: [404], return_content: true }))['content'], 'nope');
  const missing = await defaultRegistry.get('uri')!.run(context(), { url: `${baseUrl}/missing` });
  assert.equal(missing.failed, true);
  await sh('rm -f /tmp/tsplay-uri.json');
  assert.equal((await run('uri', { url: `${baseUrl}/echo`, dest: '/tmp/tsplay-uri.json' })).changed, true);
  assert.match(await sh('cat /tmp/tsplay-uri.json'), /"method":"GET"/);
  assert.equal((await run('uri', { url: `${baseUrl}/echo`, creates: '/tmp/tsplay-uri.json' })).changed, false);
  await sh('rm -f /tmp/tsplay-uri.json');
});

test('setup with gather_subset and filter; package_facts and service_facts read the host', { skip }, async (t) => {
  const min = (await run('ansible.builtin.setup', { gather_subset: ['!all'] })).ansible_facts!;
  assert.equal(min['ansible_distribution'], 'Debian');
  assert.equal(min['ansible_memtotal_mb'], undefined);
  const filtered = (await run('setup', { filter: 'ansible_distribution*' })).ansible_facts!;
  assert.ok(Object.keys(filtered).every((k) => k.startsWith('ansible_distribution')));
  const packages = (await run('ansible.builtin.package_facts', { manager: 'auto' })).ansible_facts!['packages'] as Record<string, { version: string; source: string }[]>;
  assert.equal(packages['bash']![0]!.version, await sh("dpkg-query -W -f='${Version}' bash"));
  assert.equal(packages['bash']![0]!.source, 'apt');
  if (!await requireSystemd(t)) return;
  const services = (await run('ansible.builtin.service_facts', {})).ansible_facts!['services'] as Record<string, { state: string; status: string; source: string }>;
  const ssh = services['ssh.service'];
  assert.ok(ssh, 'ssh.service listed');
  assert.equal(ssh.state, 'running');
  assert.equal(ssh.source, 'systemd');
  assert.equal(ssh.status, await sh('systemctl is-enabled ssh.service'));
});

test('community.general.timezone sets the zone once, then ok; check mode sees drift and touches nothing', { skip }, async () => {
  const original = await sh("if command -v timedatectl >/dev/null && [ -d /run/systemd/system ]; then timedatectl show -p Timezone --value; else cat /etc/timezone; fi");
  const zone = original === 'Europe/Paris' ? 'Asia/Tokyo' : 'Europe/Paris';
  try {
    assert.equal((await run('community.general.timezone', { name: zone })).changed, true);
    assert.equal(await sh('readlink -f /etc/localtime'), `/usr/share/zoneinfo/${zone}`);
    assert.equal((await run('timezone', { name: zone })).changed, false);
    const check = await run('timezone', { name: original }, { check: true, diff: true });
    assert.equal(check.changed, true);
    assert.equal(check.diff![0]!.after, `{\n    "name": "${original}"\n}\n`);
    assert.equal(await sh('readlink -f /etc/localtime'), `/usr/share/zoneinfo/${zone}`);
  } finally {
    await run('timezone', { name: original });
  }
});

test('cron: a root crontab job and an /etc/cron.d file, once each, then ok; absent removes them', { skip }, async () => {
  await run('apt', { name: 'cron' });
  const job = { name: 'tsplay e2e', minute: '*/5', job: '/bin/true >/dev/null 2>&1' };
  assert.equal((await run('ansible.builtin.cron', job)).changed, true);
  assert.match(await sh('crontab -l'), /^#Ansible: tsplay e2e\n\*\/5 \* \* \* \* \/bin\/true >\/dev\/null 2>&1$/m);
  assert.equal((await run('cron', job)).changed, false);
  assert.equal((await run('cron', { ...job, minute: '*/10' }, { check: true })).changed, true);
  assert.match(await sh('crontab -l'), /^\*\/5 /m, 'check mode left the crontab alone');
  assert.equal((await run('cron', { name: 'tsplay e2e', state: 'absent' })).changed, true);
  assert.doesNotMatch((await conn.exec('crontab -l')).stdout, /tsplay e2e/);
  const file = { name: 'nightly', hour: '2', minute: '0', job: 'echo hi', user: 'nobody', cron_file: 'tsplay-e2e' };
  assert.equal((await run('cron', file)).changed, true);
  assert.equal(await sh('cat /etc/cron.d/tsplay-e2e'), '#Ansible: nightly\n0 2 * * * nobody echo hi');
  assert.equal(await sh("stat -c %a /etc/cron.d/tsplay-e2e"), '644');
  assert.equal((await run('cron', file)).changed, false);
  await sh('rm -f /etc/cron.d/tsplay-e2e');
});

test('ansible.posix.mount: a tmpfs mounted from /etc/fstab once, remounted with new options, unmounted, absent', { skip }, async () => {
  const path = '/mnt/tsplay-tmpfs';
  const entry = { path, src: 'tmpfs', fstype: 'tmpfs', opts: 'size=1m', state: 'mounted' };
  await conn.exec(`umount ${path} 2>/dev/null; sed -i '\\| ${path} |d' /etc/fstab; true`);
  try {
    assert.equal((await run('ansible.posix.mount', entry)).changed, true);
    assert.equal(await sh(`findmnt -n -o FSTYPE ${path}`), 'tmpfs');
    assert.match(await sh('cat /etc/fstab'), /^tmpfs \/mnt\/tsplay-tmpfs tmpfs size=1m 0 0$/m);
    assert.equal((await run('mount', entry)).changed, false);
    assert.equal((await run('mount', { ...entry, opts: 'size=2m' })).changed, true);
    assert.match(await sh(`findmnt -n -o OPTIONS ${path}`), /size=2048k/);
    assert.equal((await run('mount', { path, state: 'unmounted' }, { check: true })).changed, true);
    assert.equal((await conn.exec(`mountpoint -q ${path}`)).rc, 0, 'check mode left it mounted');
    assert.equal((await run('mount', { path, state: 'unmounted' })).changed, true);
    assert.notEqual((await conn.exec(`mountpoint -q ${path}`)).rc, 0);
    assert.equal((await run('mount', { path, state: 'absent' })).changed, true);
    assert.doesNotMatch(await sh('cat /etc/fstab'), /tsplay-tmpfs/);
    assert.notEqual((await conn.exec(`test -d ${path}`)).rc, 0, 'the mount point is removed');
  } finally {
    await conn.exec(`umount ${path} 2>/dev/null; sed -i '\\| ${path} |d' /etc/fstab; rmdir ${path} 2>/dev/null; true`);
  }
});
