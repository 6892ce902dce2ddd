// Faults against real lab hosts: sshd killed mid-run, a link cut mid-run, a host down at start, a
// hanging command (task timeout), a full disk while a file is written, Ctrl-C, and connection retries.
// Each time: the other hosts go on, the broken host is reported unreachable/failed with the task
// named, the exit code is 4 (unreachable) or 2 (failed), no managed file is left half-written, no
// `.tsplay-tmp.*` file is left behind, and a re-run converges.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { labInventoryYaml, runCli, sleep, spawnCli, writeTree } from './faults-support.js';
import { ensureLab, hostExec, linkDown, linkUp, sshRun, startSshd, stopSshd, type LabHost } from './support/lab.js';

let hosts: LabHost[] = [];
const PAYLOAD_KB = 256;

/** A managed file's content for a version: big enough that a partial write would be visible. */
function payload(version: string): string {
  return `${version}\n`.repeat((PAYLOAD_KB * 1024) / (version.length + 1));
}

const SITE = `- hosts: all
  gather_facts: false
  tasks:
    - name: write managed file one
      copy:
        content: "{{ payload }}"
        dest: /root/managed1.txt
    - name: disk full write
      copy:
        content: "{{ payload }}"
        dest: /mnt/full/managed-big.txt
      when: inventory_hostname == 'h4'
    - name: hanging command
      command: sleep 60
      timeout: 2
      ignore_errors: true
      when: inventory_hostname == 'h1'
    - name: pause so faults land mid-run
      command: sleep 5
    - name: write managed file two
      copy:
        content: "{{ payload }}"
        dest: /root/managed2.txt
`;

/** -e @vars-VERSION.json: the payload travels in a file, not on the command line. */
function versionArgs(dir: string, version: string): string[] {
  const file = join(dir, `vars-${version}.json`);
  writeFileSync(file, JSON.stringify({ payload: payload(version) }));
  return ['-e', `@${file}`];
}

async function fileState(host: LabHost, path: string): Promise<string> {
  const r = await sshRun(host, `if [ -e ${path} ]; then sha256sum < ${path} | cut -c1-64; else echo absent; fi`);
  assert.equal(r.rc, 0, `${host.name}: ${r.stderr}`);
  return r.stdout.trim();
}

function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function leftoverTemps(host: LabHost): Promise<string> {
  const r = await sshRun(host, "find /root /mnt /tmp /etc -xdev -name '.tsplay-tmp.*' 2>/dev/null; true");
  return r.stdout.trim();
}

function recapLine(output: string, host: string): string {
  return output.split('\n').find((l) => l.startsWith(`${host} `) && l.includes('unreachable=')) ?? '';
}

describe('faults', { timeout: 600_000 }, () => {
  let dir = '';
  let inventory = '';

  before(async () => {
    hosts = (await ensureLab(4)).slice(0, 4);
    dir = writeTree({ 'inventory.yml': labInventoryYaml(hosts), 'site.yml': SITE });
    inventory = join(dir, 'inventory.yml');
    // Start from a known old version everywhere.
    await Promise.all(hosts.map((h) => sshRun(h, 'umount /mnt/full 2>/dev/null; rm -f /root/managed1.txt /root/managed2.txt; mkdir -p /mnt/full; rm -rf /mnt/full/*')));
    const first = await runCli(['run', join(dir, 'site.yml'), '-i', inventory, '--plain', ...versionArgs(dir, 'old')]);
    assert.equal(first.rc, 0, first.stdout + first.stderr);
  });

  after(async () => {
    for (const h of hosts) {
      await linkUp(h).catch(() => undefined);
      await startSshd(h).catch(() => undefined);
      await sshRun(h, 'umount /mnt/full 2>/dev/null; true').catch(() => undefined);
    }
  });

  it('sshd killed, link cut, hang, full disk: others go on, exit 4, files whole, re-run converges', async () => {
    const [h1, h2, h3, h4] = hosts as [LabHost, LabHost, LabHost, LabHost];
    // h4: a 64 KiB filesystem where a 256 KiB file is written.
    const mounted = await sshRun(h4, 'mount -t tmpfs -o size=64k tmpfs /mnt/full && printf old > /mnt/full/managed-big.txt');
    assert.equal(mounted.rc, 0, mounted.stderr);
    const run = spawnCli(['run', join(dir, 'site.yml'), '-i', inventory, '--plain', ...versionArgs(dir, 'new')]);
    const deadline = Date.now() + 60_000;
    while (!run.output().includes('TASK [pause so faults land mid-run]') && Date.now() < deadline) await sleep(100);
    await sleep(1000);
    // h2: every sshd process (listener and the session) dies.
    await hostExec(h2, ['sh', '-c', 'pkill -KILL -x sshd; systemctl stop ssh.service ssh.socket 2>/dev/null; true']);
    // h3: the host vanishes from the network.
    await linkDown(h3);
    const result = await run.done;
    const out = result.stdout + result.stderr;
    assert.equal(result.rc, 4, out);
    assert.match(recapLine(out, h1.name), /unreachable=0 +failed=0 .*ignored=1/);
    assert.match(out, /TASK \[hanging command\][\s\S]*fatal: \[h1\]: FAILED! => .*timed out after 2 seconds/);
    assert.match(recapLine(out, h2.name), /unreachable=1/);
    assert.match(recapLine(out, h3.name), /unreachable=1/);
    assert.match(out, /TASK \[disk full write\][\s\S]*fatal: \[h4\]: FAILED!/);
    assert.match(recapLine(out, h4.name), /failed=1/);
    assert.ok(result.ms < 120_000, `a dead link is detected in bounded time (${result.ms} ms)`);

    await linkUp(h3);
    await startSshd(h2);
    const oldSum = sha(payload('old'));
    const newSum = sha(payload('new'));
    for (const h of hosts) {
      for (const file of ['/root/managed1.txt', '/root/managed2.txt']) {
        const state = await fileState(h, file);
        assert.ok([oldSum, newSum, 'absent'].includes(state), `${h.name}:${file} is whole (old or new), got ${state}`);
      }
      assert.equal(await leftoverTemps(h), '', `${h.name}: no temporary files left`);
    }
    assert.equal((await sshRun(h4, 'cat /mnt/full/managed-big.txt')).stdout, 'old', 'the full disk kept the old file');
    assert.equal(await fileState(h1, '/root/managed2.txt'), newSum, 'the healthy host finished');

    // The faults are repaired: a re-run converges every host.
    await sshRun(h4, 'umount /mnt/full');
    const rerun = await runCli(['run', join(dir, 'site.yml'), '-i', inventory, '--plain', ...versionArgs(dir, 'new')]);
    assert.equal(rerun.rc, 0, rerun.stdout + rerun.stderr);
    for (const h of hosts) for (const file of ['/root/managed1.txt', '/root/managed2.txt']) assert.equal(await fileState(h, file), newSum, `${h.name}:${file}`);
  });

  it('a host down at start is unreachable at once; the others run', async () => {
    const [, h2] = hosts as [LabHost, LabHost];
    await stopSshd(h2);
    try {
      const result = await runCli(['run', join(dir, 'site.yml'), '-i', inventory, '--plain', '--connect-retries', '0', ...versionArgs(dir, 'new')]);
      const out = result.stdout + result.stderr;
      assert.equal(result.rc, 4, out);
      assert.match(out, /fatal: \[h2\]: UNREACHABLE! => .*connection refused/);
      assert.match(recapLine(out, 'h1'), /unreachable=0 +failed=0/);
    } finally {
      await startSshd(h2);
    }
  });

  it('--connect-retries: a host whose sshd comes back during the retries is reached', async () => {
    const [, h2] = hosts as [LabHost, LabHost];
    await stopSshd(h2);
    const run = spawnCli(['run', join(dir, 'site.yml'), '-i', inventory, '--plain', '--connect-retries', '4', '--limit', 'h2', ...versionArgs(dir, 'new')]);
    await sleep(1200);
    await startSshd(h2);
    const result = await run.done;
    assert.equal(result.rc, 0, result.stdout + result.stderr);
    assert.ok(result.ms > 1200, 'the run waited for the retries');
  });

  it('Ctrl-C: tasks in flight finish, no new task starts, recap printed, exit 99, no temp files', async () => {
    const sigDir = writeTree({
      'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - name: long task
      command: sleep 3
    - name: must not start
      copy:
        content: after interrupt
        dest: /root/after-interrupt.txt
`,
    });
    await Promise.all(hosts.map((h) => sshRun(h, 'rm -f /root/after-interrupt.txt')));
    const run = spawnCli(['run', join(sigDir, 'site.yml'), '-i', inventory, '--plain']);
    const deadline = Date.now() + 30_000;
    while (!run.output().includes('TASK [long task]') && Date.now() < deadline) await sleep(50);
    await sleep(800);
    run.child.kill('SIGINT');
    const result = await run.done;
    const out = result.stdout + result.stderr;
    assert.equal(result.rc, 99, out);
    assert.match(out, /PLAY RECAP/);
    assert.ok(!out.includes('TASK [must not start]'), out);
    for (const h of hosts) {
      assert.equal((await sshRun(h, 'test -e /root/after-interrupt.txt && echo yes || echo no')).stdout.trim(), 'no');
      assert.equal(await leftoverTemps(h), '', `${h.name}: no temporary files left`);
    }
  });
});
