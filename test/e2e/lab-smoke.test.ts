// Smoke test of the lab itself: every host answers over ssh as the inventory
// describes it, host keys are really checked, and the fault helpers work.
// Needs root; starts the lab (TSPLAY_LAB_HOSTS hosts, default 3) if it is not up.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  DEPLOY_SUDO_PASSWORD, DEPLOY_USER, LAB_KNOWN_HOSTS, type LabHost,
  ensureLab, labInventory, labMode, linkDown, linkUp, sshRun, startSshd, stopSshd,
} from './support/lab.js';

const wanted = Number(process.env.TSPLAY_LAB_HOSTS ?? 3);
let hosts: LabHost[] = [];

describe('lab smoke', { timeout: 300_000 }, () => {
  before(async () => {
    hosts = await ensureLab(wanted);
  });

  it('writes an inventory naming the key, known_hosts and strict checking', () => {
    const text = readFileSync(labInventory(), 'utf8');
    assert.match(text, /ansible_user: root/);
    assert.match(text, new RegExp(`UserKnownHostsFile=${LAB_KNOWN_HOSTS} -o StrictHostKeyChecking=yes`));
    assert.match(text, /vip_address: 10\.250\.0\.100/);
    assert.ok(hosts.length >= wanted, `expected >= ${wanted} hosts, got ${hosts.length}`);
  });

  it('reaches every host over ssh with its own name and address', async () => {
    const results = await Promise.all(hosts.map((h) => sshRun(h, 'hostname; ip -4 -o addr show dev eth0')));
    results.forEach((result, i) => {
      const host = hosts[i]!;
      assert.equal(result.rc, 0, `${host.name}: ${result.stderr}`);
      const [hostname, addressLine] = result.stdout.split('\n');
      assert.equal(hostname, host.name);
      assert.match(addressLine ?? '', new RegExp(`inet ${host.address.replace(/\./g, '\\.')}/24`));
    });
  });

  it('refuses a host whose key does not match known_hosts', async () => {
    assert.ok(hosts.length >= 2, 'needs two hosts to swap keys');
    const [first, second] = [hosts[0]!, hosts[1]!];
    const lines = readFileSync(LAB_KNOWN_HOSTS, 'utf8').split('\n').filter(Boolean);
    // first's address, but second's keys: exactly what a swapped or spoofed server looks like.
    const swapped = lines
      .filter((line) => line.startsWith(`${second.address} `))
      .map((line) => line.replace(`${second.address} `, `${first.address} `));
    assert.ok(swapped.length > 0);
    const dir = mkdtempSync(join(tmpdir(), 'lab-smoke-'));
    try {
      const wrong = join(dir, 'known_hosts');
      writeFileSync(wrong, swapped.join('\n') + '\n');
      const refused = await sshRun(first, 'true', { knownHostsFile: wrong });
      assert.equal(refused.rc, 255);
      assert.match(refused.stderr, /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed/);
      writeFileSync(join(dir, 'empty'), '');
      const unknown = await sshRun(first, 'true', { knownHostsFile: join(dir, 'empty') });
      assert.equal(unknown.rc, 255, 'an unknown host must be refused, not trusted on first use');
      const accepted = await sshRun(first, 'true');
      assert.equal(accepted.rc, 0, accepted.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lets deploy log in, with sudo that requires the password', async () => {
    const host = hosts[0]!;
    const noPassword = await sshRun(host, 'sudo -n id -u', { user: DEPLOY_USER });
    assert.notEqual(noPassword.rc, 0);
    assert.match(noPassword.stderr, /password is required/);
    const withPassword = await sshRun(host, "sudo -S -p '' id -u", { user: DEPLOY_USER, input: `${DEPLOY_SUDO_PASSWORD}\n` });
    assert.equal(withPassword.rc, 0, withPassword.stderr);
    assert.equal(withPassword.stdout.trim(), '0');
  });

  it('takes a host off the network and back', async () => {
    const host = hosts[hosts.length - 1]!;
    await linkDown(host);
    try {
      const unreachable = await sshRun(host, 'true', { sshArgs: ['-o', 'ConnectTimeout=2'] });
      assert.equal(unreachable.rc, 255);
    } finally {
      await linkUp(host);
    }
    const back = await sshRun(host, 'true', { sshArgs: ['-o', 'ConnectionAttempts=5'] });
    assert.equal(back.rc, 0, back.stderr);
  });

  it('stops and starts sshd without ending the host', async () => {
    const host = hosts[0]!;
    await stopSshd(host);
    try {
      const refused = await sshRun(host, 'true');
      assert.equal(refused.rc, 255);
      assert.match(refused.stderr, /Connection refused/);
    } finally {
      await startSshd(host);
    }
    const back = await sshRun(host, 'hostname');
    assert.equal(back.rc, 0, back.stderr);
    assert.equal(back.stdout.trim(), host.name);
  });

  it('runs systemd as PID 1 in systemd mode', async (t) => {
    if (labMode() !== 'systemd') return t.skip('plain-mode lab');
    const result = await sshRun(hosts[0]!, 'systemctl is-system-running --wait; systemctl status ssh.service --no-pager >/dev/null && echo ssh-ok');
    assert.equal(result.stdout.trim(), 'running\nssh-ok', result.stderr);
  });

  it('installs packages through the apt proxy, with no other way out', async () => {
    const host = hosts[hosts.length - 1]!;
    const install = await sshRun(host,
      'apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy >/dev/null && haproxy -v | head -n 1',
      { timeoutMs: 240_000 });
    assert.equal(install.rc, 0, install.stderr);
    assert.match(install.stdout, /^HAProxy version /);
    // No DNS and no route beyond the bridge: only the proxy reaches a mirror.
    const direct = await sshRun(host, 'curl -sS -m 3 -o /dev/null http://deb.debian.org/ 2>&1; echo rc=$?');
    assert.match(direct.stdout, /Could not resolve host[\s\S]*rc=6/);
  });
});
