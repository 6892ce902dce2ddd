// The same jobs on a RHEL-family host (pkg_mgr dnf, service_mgr systemd): exact commands built.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dnfModule } from '../../../src/modules/dnf.js';
import { packageModule } from '../../../src/modules/package.js';
import { systemdModule } from '../../../src/modules/systemd.js';
import { serviceModule } from '../../../src/modules/service.js';
import { yumRepositoryModule } from '../../../src/modules/yum_repository.js';
import { selinuxModule } from '../../../src/modules/selinux.js';
import { FakeConnection, fakeContext, assertReadOnly, rhelFacts } from './fake-connection.js';

const rpmReply = (installed: Record<string, string>, updates = '') => (command: string) => {
  const specs = [...command.matchAll(/^r '?([^' ]+)'? /gm)].map((m) => m[1]!);
  const lines = specs.map((s) => (installed[s] ? `I\t${s}\t${s.replace(/-\d.*$/, '')}\t${installed[s]}` : `N\t${s}`));
  return { stdout: lines.join('\n') + '\n' + (command.includes('check-update') ? `--tsplay-updates--\n${updates}` : '') };
};

test('dnf installs missing packages with rpm -q state in one round trip', async () => {
  const conn = new FakeConnection([{ match: /^r\(\) /, reply: rpmReply({ curl: '0:7.76.1-26.el9' }) }]);
  const result = await dnfModule.run(fakeContext(conn, { facts: rhelFacts }), { name: ['curl', 'kubelet-1.31.2'], disable_excludes: 'kubernetes' });
  assert.equal(result.changed, true);
  assert.equal(conn.commands.length, 2);
  assert.match(conn.commands[0]!, /\nr curl ''\nr kubelet-1\.31\.2 ''$/);
  assert.equal(conn.commands[1], 'dnf -y --disableexcludes=kubernetes install -- kubelet-1.31.2');
});

test('dnf latest upgrades what check-update lists; absent removes; check mode runs nothing mutating', async () => {
  const updates = 'kubectl.x86_64    1.31.3-150500.1.1    kubernetes\n';
  const conn = new FakeConnection([{ match: /^r\(\) /, reply: rpmReply({ kubectl: '0:1.31.2-150500.1.1', jq: '0:1.6-1' }, updates) }]);
  const r = await dnfModule.run(fakeContext(conn, { facts: rhelFacts }), { name: ['kubectl', 'jq'], state: 'latest' });
  assert.deepEqual(r['packages'], { install: [], upgrade: ['kubectl'], remove: [] });
  assert.match(conn.commands[0]!, /dnf -q check-update -- kubectl jq;/);
  assert.equal(conn.commands[1], 'dnf -y upgrade -- kubectl');

  const rm = new FakeConnection([{ match: /^r\(\) /, reply: rpmReply({ jq: '0:1.6-1' }) }]);
  await dnfModule.run(fakeContext(rm, { facts: rhelFacts }), { name: 'jq', state: 'absent' });
  assert.equal(rm.commands[1], 'dnf -y remove -- jq');

  const check = new FakeConnection([{ match: /^r\(\) /, reply: rpmReply({}) }]);
  const c = await dnfModule.run(fakeContext(check, { facts: rhelFacts, check: true, diff: true }), { name: 'haproxy' });
  assert.equal(c.changed, true);
  assert.ok(c.diff?.[0]?.after.includes('haproxy'));
  assertReadOnly(check.commands);
});

test('package dispatches on the pkg_mgr fact', async () => {
  const rhel = new FakeConnection([{ match: /^r\(\) /, reply: rpmReply({}) }]);
  await packageModule.run(fakeContext(rhel, { facts: rhelFacts }), { name: 'tree' });
  assert.equal(rhel.commands[1], 'dnf -y install -- tree');
  const deb = new FakeConnection([{ match: /^q\(\) /, reply: { stdout: 'tree\tun \t\t\tno\tno\n' } }]);
  await packageModule.run(fakeContext(deb), { name: 'tree' });
  assert.match(deb.commands[1]!, /apt-get .* install tree$/);
  const none = await packageModule.run(fakeContext(new FakeConnection(), { facts: {} }), { name: 'tree' });
  assert.equal(none.failed, true);
  assert.match(String(none.msg), /pkg_mgr/);
});

test('systemd on RHEL: enable and start only when needed, daemon-reload first', async () => {
  const conn = new FakeConnection([{ match: /^a=\$\(systemctl/, reply: { stdout: 'active=inactive\nenabled=disabled\nload=loaded\n' } }]);
  const result = await systemdModule.run(fakeContext(conn, { facts: rhelFacts }), { name: 'kubelet', state: 'started', enabled: true, daemon_reload: true });
  assert.equal(result.changed, true);
  assert.deepEqual(conn.commands.filter((c) => !c.startsWith('a=')), ['systemctl daemon-reload', 'systemctl enable kubelet', 'systemctl start kubelet']);
  const running = new FakeConnection([{ match: /^a=\$\(systemctl/, reply: { stdout: 'active=active\nenabled=enabled\nload=loaded\n' } }]);
  const again = await serviceModule.run(fakeContext(running, { facts: rhelFacts }), { name: 'kubelet', state: 'started', enabled: true });
  assert.equal(again.changed, false);
  assert.equal(running.commands.length, 1);
});

test('yum_repository writes one [section] and keeps others', async () => {
  const conn = new FakeConnection();
  conn.files.set('/etc/yum.repos.d/kubernetes.repo', '[other]\nname=Other\nbaseurl=http://o/\n');
  const args = { name: 'kubernetes', description: 'Kubernetes', baseurl: 'https://pkgs.k8s.io/core:/stable:/v1.31/rpm/', gpgcheck: true, gpgkey: 'https://pkgs.k8s.io/core:/stable:/v1.31/rpm/repodata/repomd.xml.key', exclude: ['kubelet', 'kubeadm', 'kubectl'] };
  const r = await yumRepositoryModule.run(fakeContext(conn, { facts: rhelFacts }), args);
  assert.equal(r.changed, true);
  assert.equal(
    conn.files.get('/etc/yum.repos.d/kubernetes.repo'),
    '[other]\nname=Other\nbaseurl=http://o/\n\n[kubernetes]\nname=Kubernetes\nbaseurl=https://pkgs.k8s.io/core:/stable:/v1.31/rpm/\nenabled=1\ngpgcheck=1\ngpgkey=https://pkgs.k8s.io/core:/stable:/v1.31/rpm/repodata/repomd.xml.key\nexclude=kubelet kubeadm kubectl\n',
  );
  const again = await yumRepositoryModule.run(fakeContext(conn, { facts: rhelFacts }), args);
  assert.equal(again.changed, false);
  assert.equal(conn.puts.length, 1);
  await yumRepositoryModule.run(fakeContext(conn, { facts: rhelFacts }), { name: 'kubernetes', state: 'absent' });
  assert.equal(conn.files.get('/etc/yum.repos.d/kubernetes.repo'), '[other]\nname=Other\nbaseurl=http://o/\n');
});

test('selinux: setenforce 0 and the config line when moving enforcing -> permissive; check mode touches nothing', async () => {
  const script = () => [{ match: /^if command -v getenforce/, reply: { stdout: 'Enforcing\n' } }];
  const conn = new FakeConnection(script());
  conn.files.set('/etc/selinux/config', '# comment\nSELINUX=enforcing\nSELINUXTYPE=targeted\n');
  const r = await selinuxModule.run(fakeContext(conn, { facts: rhelFacts }), { state: 'permissive' });
  assert.equal(r.changed, true);
  assert.equal(r['reboot_required'], false);
  assert.ok(conn.commands.includes('setenforce 0'));
  assert.equal(conn.files.get('/etc/selinux/config'), '# comment\nSELINUX=permissive\nSELINUXTYPE=targeted\n');

  const check = new FakeConnection(script());
  check.files.set('/etc/selinux/config', 'SELINUX=enforcing\n');
  const c = await selinuxModule.run(fakeContext(check, { facts: rhelFacts, check: true }), { state: 'disabled' });
  assert.equal(c.changed, true);
  assert.equal(c['reboot_required'], true);
  assert.equal(check.puts.length, 0);
  assert.ok(!check.commands.some((x) => x.startsWith('setenforce')));
});

test('selinux on a host without SELinux is ok with a message', async () => {
  const conn = new FakeConnection([{ match: /^if command -v getenforce/, reply: { stdout: 'unavailable\n' } }]);
  const r = await selinuxModule.run(fakeContext(conn), { state: 'permissive' });
  assert.deepEqual(r, { changed: false, msg: 'SELinux is not available on this host' });
});
