import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceModule } from '../../../src/modules/service.js';
import { systemdModule } from '../../../src/modules/systemd.js';
import { FakeConnection, fakeContext, assertReadOnly } from './fake-connection.js';

const state = (active: string, enabled: string, load = 'loaded') => ({ match: /^a=\$\(systemctl/, reply: { stdout: `active=${active}\nenabled=${enabled}\nload=${load}\n` } });

test('service on systemd: stop only a running service, restart always changes', async () => {
  const stopped = new FakeConnection([state('inactive', 'enabled')]);
  assert.equal((await serviceModule.run(fakeContext(stopped), { name: 'haproxy', state: 'stopped' })).changed, false);
  assert.equal(stopped.commands.length, 1);
  assert.match(stopped.commands[0]!, /systemctl is-active haproxy/);

  const running = new FakeConnection([state('active', 'enabled')]);
  assert.equal((await serviceModule.run(fakeContext(running), { name: 'haproxy', state: 'stopped', enabled: false })).changed, true);
  assert.deepEqual(running.commands.slice(1), ['systemctl disable haproxy', 'systemctl stop haproxy']);

  const restart = new FakeConnection([state('active', 'enabled')]);
  assert.equal((await serviceModule.run(fakeContext(restart), { name: 'haproxy', state: 'restarted' })).changed, true);
  assert.deepEqual(restart.commands.slice(1), ['systemctl restart haproxy']);

  const reload = new FakeConnection([state('inactive', 'enabled')]);
  await serviceModule.run(fakeContext(reload), { name: 'haproxy', state: 'reloaded' });
  assert.deepEqual(reload.commands.slice(1), ['systemctl start haproxy']);
});

test('systemd masks before anything else, static units are never enabled, missing units fail', async () => {
  const conn = new FakeConnection([state('inactive', 'static')]);
  const r = await systemdModule.run(fakeContext(conn), { name: 'swap.target', masked: true, enabled: true });
  assert.equal(r.changed, true);
  assert.deepEqual(conn.commands.slice(1), ['systemctl mask swap.target']);
  const missing = await systemdModule.run(fakeContext(new FakeConnection([state('inactive', '', 'not-found')])), { name: 'nosuch', state: 'started' });
  assert.equal(missing.failed, true);
  assert.equal(missing.msg, 'Could not find the requested service nosuch');
});

test('service check mode reports the transition and issues only reads (no daemon-reload either)', async () => {
  const conn = new FakeConnection([state('inactive', 'disabled')]);
  const r = await systemdModule.run(fakeContext(conn, { check: true }), { name: 'kubelet', state: 'started', enabled: true, daemon_reload: true });
  assert.equal(r.changed, true);
  assertReadOnly(conn.commands);
});

test('service without systemd uses the init script and update-rc.d', async () => {
  const conn = new FakeConnection([{ match: /^st=/, reply: { stdout: 'script=yes\nstatus=3\ntool=update-rc.d\nenabled=no\n' } }]);
  const r = await serviceModule.run(fakeContext(conn, { facts: { service_mgr: 'sysvinit' } }), { name: 'haproxy', state: 'started', enabled: true });
  assert.equal(r.changed, true);
  assert.match(conn.commands[0]!, /service haproxy status/);
  assert.deepEqual(conn.commands.slice(1), ['update-rc.d haproxy defaults >/dev/null && update-rc.d haproxy enable', 'service haproxy start']);
  const ok = new FakeConnection([{ match: /^st=/, reply: { stdout: 'script=yes\nstatus=0\ntool=update-rc.d\nenabled=yes\n' } }]);
  assert.equal((await serviceModule.run(fakeContext(ok, { facts: { service_mgr: 'sysvinit' } }), { name: 'haproxy', state: 'started', enabled: true })).changed, false);
  assert.equal(ok.commands.length, 1);
});

test('service detects systemd on the host when the fact is missing', async () => {
  const conn = new FakeConnection([{ match: /^test -d \/run\/systemd\/system$/, reply: { rc: 0 } }, state('active', 'enabled')]);
  await serviceModule.run(fakeContext(conn, { facts: {} }), { name: 'cron', state: 'started' });
  assert.equal(conn.commands[0], 'test -d /run/systemd/system');
  assert.match(conn.commands[1]!, /^a=\$\(systemctl is-active cron/);
});

test('hostile service names are refused before any command', async () => {
  const conn = new FakeConnection();
  const r = await serviceModule.run(fakeContext(conn), { name: 'x; reboot', state: 'started' });
  assert.equal(r.failed, true);
  assert.equal(conn.commands.length, 0);
});

test('systemd_service (and ansible.builtin.systemd_service) is systemd under its 2.14 name', async () => {
  const { defaultRegistry } = await import('../../../src/modules/registry.js');
  const module = defaultRegistry.get('ansible.builtin.systemd_service');
  assert.ok(module, 'registered under its FQCN');
  assert.equal(module.name, 'systemd_service');
  assert.deepEqual(module.schema, { ...systemdModule.schema });
  const conn = new FakeConnection([state('inactive', 'disabled')]);
  const r = await module.run(fakeContext(conn), { name: 'haproxy', state: 'started', enabled: true, 'daemon-reload': true });
  assert.equal(r.changed, true);
  assert.deepEqual(conn.commands.filter((c) => !c.startsWith('a=')), ['systemctl daemon-reload', 'systemctl enable haproxy', 'systemctl start haproxy']);
});
