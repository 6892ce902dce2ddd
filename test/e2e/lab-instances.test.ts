// Two named lab instances at once (test/lab/up --name --subnet): both come up side by side, one
// tsplay run per instance at the same time reaches exactly its own hosts, and `down --name` leaves
// nothing of either behind, while the default lab (if up) is not touched. Needs root. Cheap: 2 plain
// hosts each, over the shared base tarball (each instance extracts its own base once; kept by `down`).
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { labInstance, type LabInstance } from '../lab/instance.js';
import { explain, tsplay } from './engine-support.js';
import { LAB_DIR, REPO_ROOT, runLocal } from './support/lab.js';

const INSTANCES = [
  { name: 'e2ea', subnet: '10.251.1.0/24' },
  { name: 'e2eb', subnet: '10.251.2.0/24' },
] as const;
const PLAYBOOK = resolve(REPO_ROOT, 'test/e2e/fixtures/lab-instances/reach.yml');
const HOSTS = ['h1', 'h2'];
const lab = (args: string[]) => runLocal('bash', args, { timeoutMs: 600_000, env: { TSPLAY_LAB: '', TSPLAY_LAB_SUBNET: '' } });
const up = (i: { name: string; subnet: string }) => lab([resolve(LAB_DIR, 'up'), '2', '--mode', 'plain', '--name', i.name, '--subnet', i.subnet]);
const down = (name: string) => lab([resolve(LAB_DIR, 'down'), '--name', name]);

/**
 * Hold the default lab's lock (as its `up`/`down` and bench do) so that nobody may legitimately change
 * it meanwhile: any change seen then is ours. Released when the returned child's stdin ends.
 */
async function holdDefaultLabLock(): Promise<ChildProcess> {
  const holder = spawn('flock', ['-w', '900', labInstance('').lockFile, 'sh', '-c', 'echo locked; exec cat >/dev/null'], { stdio: ['pipe', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    holder.stdout!.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`flock on the default lab's lock exited ${code}`)));
  });
  return holder;
}

/** Everything of the default lab another user may be running, to compare before and after. */
async function defaultLabState(): Promise<string> {
  const def = labInstance('');
  const netns = await runLocal('ip', ['netns', 'list']);
  const ours = netns.stdout.split('\n').map((l) => l.split(' ')[0]!).filter((n) => /^tsplay-h\d+$/.test(n)).sort();
  // Each host's PID 1 (sessions come and go while someone uses the lab; a restarted host has a new PID 1).
  const pids = await Promise.all(ours.map(async (ns) => `${ns}:${(await runLocal('ip', ['netns', 'pids', ns])).stdout.trim().split('\n').filter(isHostInit).join(',')}`));
  const bridge = existsSync(`/sys/class/net/${def.bridge}`) ? readFileSync(`/sys/class/net/${def.bridge}/ifindex`, 'utf8').trim() : 'none';
  const env = existsSync(def.envFile) ? readFileSync(def.envFile, 'utf8') : 'none';
  return JSON.stringify({ bridge, env, pids });
}

function isHostInit(pid: string): boolean {
  try {
    return /^NSpid:\s+\d+\s+1$/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return false;
  }
}

/** What of a named instance exists on this machine (all empty once it is down). */
async function leftovers(instance: LabInstance): Promise<string[]> {
  const found: string[] = [];
  const netns = (await runLocal('ip', ['netns', 'list'])).stdout;
  found.push(...netns.split('\n').map((l) => l.split(' ')[0]!).filter((n) => n.startsWith(instance.netnsPrefix)));
  found.push(...readdirSync('/sys/class/net').filter((l) => l === instance.bridge || l.startsWith(instance.vethPrefix)));
  for (const path of [instance.stateDir, instance.lockFile, instance.inventory, instance.knownHosts,
    `/sys/fs/cgroup/systemd/${instance.cgroup}`, `/sys/fs/cgroup/unified/${instance.cgroup}`]) {
    if (existsSync(path)) found.push(path);
  }
  const proxy = await runLocal('pgrep', ['-f', `apt-proxy/main\\.ts --listen [^ ]+ --cache ${instance.cacheDir}/`]);
  if (proxy.stdout.trim() !== '') found.push(`apt proxy ${proxy.stdout.trim()}`);
  return found;
}

describe('two named lab instances at once', { timeout: 600_000 }, () => {
  after(async () => {
    await Promise.all(INSTANCES.map((i) => down(i.name)));
  });

  it('come up side by side, each run reaches only its own hosts, and down leaves nothing', async (t) => {
    const lock = await holdDefaultLabLock();
    t.after(() => { lock.stdin!.end(); });
    const before = await defaultLabState();
    const started = await Promise.all(INSTANCES.map(up));
    started.forEach((r, k) => assert.equal(r.rc, 0, `up ${INSTANCES[k]!.name}: ${r.stderr}`));
    const labs = INSTANCES.map((i) => labInstance(i.name));
    labs.forEach((l, k) => {
      assert.equal(l.subnet, INSTANCES[k]!.subnet);
      assert.ok(existsSync(`/sys/class/net/${l.bridge}`), `bridge ${l.bridge}`);
    });

    const runs = await Promise.all(labs.map((l) => tsplay(PLAYBOOK, l.inventory, ['--json', '-e', `marker=${l.name}`])));
    runs.forEach((run, k) => {
      const l = labs[k]!;
      assert.equal(run.rc, 0, explain(run));
      for (const host of HOSTS) {
        const result = run.json!.plays[0]!.tasks[0]!.hosts[host]!;
        const prefix = l.subnet.replace(/\.0\/24$/, '.');
        assert.match(String(result.stdout), new RegExp(`inet ${prefix.replaceAll('.', '\\.')}\\d+/24`), `${l.name} ${host} answered from its own subnet`);
        // The marker is in this instance's overlay only: the run did not touch the other's hosts.
        const root = join(l.stateDir, 'hosts', host, 'root', 'root');
        assert.ok(existsSync(join(root, `reached-by-${l.name}`)), `${l.name}/${host} reached by its own run`);
        const other = labs[1 - k]!.name;
        assert.ok(!existsSync(join(root, `reached-by-${other}`)), `${l.name}/${host} not reached by ${other}'s run`);
      }
    });

    const stopped = await Promise.all(INSTANCES.map((i) => down(i.name)));
    stopped.forEach((r, k) => assert.equal(r.rc, 0, `down ${INSTANCES[k]!.name}: ${r.stderr}`));
    for (const l of labs) assert.deepEqual(await leftovers(l), [], `left of ${l.name}`);
    assert.equal(await defaultLabState(), before, 'the default lab is untouched');
  });
});
