import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sysctlModule, editSysctlFile } from '../../../src/modules/sysctl.js';
import { modprobeModule } from '../../../src/modules/modprobe.js';
import { swapModule, commentOutSwap } from '../../../src/modules/swap.js';
import { FakeConnection, fakeContext, assertReadOnly } from './fake-connection.js';

// Ansible's default file: a role that names none (evrardjp.keepalived) writes where Ansible writes.
const FILE = '/etc/sysctl.conf';

test('editSysctlFile replaces the first line, drops duplicates, keeps equal lines as written', () => {
  assert.equal(editSysctlFile('a=1\nnet.ipv4.ip_forward = 0\n# x\nnet/ipv4/ip_forward=0\n', 'net.ipv4.ip_forward', '1'), 'a=1\nnet.ipv4.ip_forward=1\n# x\n');
  assert.equal(editSysctlFile('net.ipv4.ip_forward = 1\n', 'net.ipv4.ip_forward', '1'), 'net.ipv4.ip_forward = 1\n');
  assert.equal(editSysctlFile('', 'k', '4096 87380'), 'k=4096 87380\n');
  assert.equal(editSysctlFile('k=1\nj=2\n', 'k', undefined), 'j=2\n');
});

test('sysctl writes the file and reloads it only when it changed; sysctl_set compares the live value', async () => {
  const conn = new FakeConnection([{ match: /^sysctl -n /, reply: { stdout: '0\n' } }]);
  const r = await sysctlModule.run(fakeContext(conn, { diff: true }), { name: 'net.ipv4.ip_forward', value: 1, sysctl_set: true });
  assert.equal(r.changed, true);
  assert.equal(conn.files.get(FILE), 'net.ipv4.ip_forward=1\n');
  assert.deepEqual(conn.commands.slice(1), ['sysctl -n net.ipv4.ip_forward', 'sysctl -w net.ipv4.ip_forward=1', `sysctl -p ${FILE}`]);
  assert.equal(r.diff?.[0]?.path, FILE);

  const again = new FakeConnection([{ match: /^sysctl -n /, reply: { stdout: '1\n' } }]);
  again.files.set(FILE, 'net.ipv4.ip_forward=1\n');
  const r2 = await sysctlModule.run(fakeContext(again), { name: 'net.ipv4.ip_forward', value: '1', sysctl_set: true });
  assert.equal(r2.changed, false);
  assert.equal(again.puts.length, 0);
  assert.equal(again.matching(/sysctl -[wp]/).length, 0);
});

test('sysctl check mode reports file and live drift without writing', async () => {
  const conn = new FakeConnection([{ match: /^sysctl -n /, reply: { stdout: '0\n' } }]);
  conn.files.set(FILE, 'net.ipv4.ip_forward=0\n');
  const r = await sysctlModule.run(fakeContext(conn, { check: true, diff: true }), { name: 'net.ipv4.ip_forward', value: 1, sysctl_set: true });
  assert.equal(r.changed, true);
  assert.equal(r.diff?.length, 2);
  assert.equal(conn.puts.length, 0);
  assertReadOnly(conn.commands);
});

test('sysctl quotes a hostile value as one word and refuses newlines', async () => {
  const conn = new FakeConnection([{ match: /^sysctl -n /, reply: { stdout: '0\n' } }]);
  await sysctlModule.run(fakeContext(conn), { name: 'net.core.somaxconn', value: "1'; reboot; '", sysctl_set: true, reload: false });
  assert.ok(conn.commands.includes(`sysctl -w 'net.core.somaxconn=1'\\''; reboot; '\\'''`));
  const bad = await sysctlModule.run(fakeContext(new FakeConnection()), { name: 'k', value: '1\nkernel.x=1' });
  assert.equal(bad.failed, true);
});

test('modprobe: built-in modules are ok, missing ones are loaded, failures carry modprobe\'s message', async () => {
  const builtin = new FakeConnection([{ match: /^u=/, reply: { stdout: 'builtin\n' } }]);
  const b = await modprobeModule.run(fakeContext(builtin), { name: 'br_netfilter' });
  assert.equal(b.changed, false);
  assert.match(String(b.msg), /built into the kernel/);
  assert.equal(builtin.commands.length, 1);

  const absent = new FakeConnection([{ match: /^u=/, reply: { stdout: 'absent\n' } }]);
  const a = await modprobeModule.run(fakeContext(absent, { diff: true }), { name: 'overlay', params: 'a=1 b=2', persistent: 'present' });
  assert.equal(a.changed, true);
  assert.ok(absent.commands.includes('modprobe overlay a=1 b=2'));
  assert.equal(absent.files.get('/etc/modules-load.d/overlay.conf'), 'overlay\n');
  assert.equal(absent.files.get('/etc/modprobe.d/overlay.conf'), 'options overlay a=1 b=2\n');

  const missing = new FakeConnection([
    { match: /^u=/, reply: { stdout: 'absent\n' } },
    { match: /^modprobe /, reply: { rc: 1, stderr: 'modprobe: FATAL: Module nosuch not found in directory /lib/modules/6.1.0\n' } },
  ]);
  const m = await modprobeModule.run(fakeContext(missing), { name: 'nosuch' });
  assert.equal(m.failed, true);
  assert.match(String(m.msg), /Module nosuch not found/);

  const check = new FakeConnection([{ match: /^u=/, reply: { stdout: 'absent\n' } }]);
  assert.equal((await modprobeModule.run(fakeContext(check, { check: true }), { name: 'overlay', persistent: 'present' })).changed, true);
  assert.equal(check.puts.length, 0);
  assertReadOnly(check.commands);
});

test('commentOutSwap comments only active swap entries', () => {
  const fstab = 'UUID=1 / ext4 defaults 0 1\n/swapfile none swap sw 0 0\n# /old none swap sw 0 0\n';
  assert.equal(commentOutSwap(fstab), 'UUID=1 / ext4 defaults 0 1\n# /swapfile none swap sw 0 0\n# /old none swap sw 0 0\n');
});

test('swap absent: swapoff only with active swaps, fstab edited, swap units masked; second run ok', async () => {
  const probe = (swaps: number, units: string) => ({ match: /^sw=/, reply: { stdout: `swaps=${swaps}\nsystemd=yes\n${units}` } });
  const conn = new FakeConnection([probe(1, 'unit=swap.target static\nunit=dev-zram0.swap generated\n')]);
  conn.files.set('/etc/fstab', '/swapfile none swap sw 0 0\n');
  const r = await swapModule.run(fakeContext(conn, { diff: true }), { state: 'absent' });
  assert.equal(r.changed, true);
  assert.deepEqual(conn.commands.filter((c) => /^(swapoff|systemctl)/.test(c)), ['swapoff -a', 'systemctl mask swap.target dev-zram0.swap']);
  assert.equal(conn.files.get('/etc/fstab'), '# /swapfile none swap sw 0 0\n');
  assert.equal(r.diff?.[0]?.path, '/etc/fstab');

  const done = new FakeConnection([probe(0, 'unit=swap.target masked\n')]);
  done.files.set('/etc/fstab', '# /swapfile none swap sw 0 0\n');
  const r2 = await swapModule.run(fakeContext(done), { state: 'absent' });
  assert.equal(r2.changed, false);
  assert.equal(done.puts.length, 0);
  assert.equal(done.matching(/^(swapoff|systemctl mask)/).length, 0);

  const check = new FakeConnection([probe(2, 'unit=swap.target static\n')]);
  check.files.set('/etc/fstab', '/dev/sda2 none swap sw 0 0\n');
  assert.equal((await swapModule.run(fakeContext(check, { check: true }), { state: 'absent' })).changed, true);
  assert.equal(check.puts.length, 0);
  assertReadOnly(check.commands);
});
