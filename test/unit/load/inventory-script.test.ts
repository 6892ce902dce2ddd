// Dynamic inventory: an executable inventory file is run with --list (and --host without _meta).
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadInventory } from '../../../src/load/index.js';
import { LoadError } from '../../../src/errors.js';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'tsplay-invscript-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

async function script(name: string, body: string, mode = 0o755): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, mode);
  return file;
}

const LISTING = JSON.stringify({
  k8s: { children: ['control', 'workers'], vars: { pod_cidr: '10.244.0.0/16' } },
  control: { hosts: ['cp1', 'cp2'], vars: { role: 'cp' } },
  workers: ['w1'],
  _meta: { hostvars: { cp1: { ansible_host: '10.0.0.1' }, w1: { ansible_port: 2200 }, stray: { x: 1 } } },
});

test('an executable inventory with _meta: groups, children, group and host vars from one --list call', async () => {
  const calls = join(dir, 'calls-meta');
  const file = await script('meta.sh', `echo "$@" >> '${calls}'\ncat <<'EOF'\n${LISTING}\nEOF`);
  const inventory = await loadInventory([file]);
  assert.deepEqual([...inventory.hosts.keys()].sort(), ['cp1', 'cp2', 'w1']); // 'stray' is in no group: ignored, as Ansible does
  assert.deepEqual(inventory.groups.get('k8s')!.children, ['control', 'workers']);
  assert.deepEqual(inventory.groups.get('k8s')!.vars, { pod_cidr: '10.244.0.0/16' });
  assert.deepEqual(inventory.hosts.get('cp1')!.vars, { ansible_host: '10.0.0.1' });
  assert.deepEqual(inventory.hosts.get('w1')!.vars, { ansible_port: 2200 });
  assert.deepEqual(inventory.hosts.get('cp2')!.groups, ['control']);
  assert.equal((await readFile(calls, 'utf8')).trim(), '--list');
});

test('without _meta each host is asked for with --host NAME', async () => {
  const calls = join(dir, 'calls-host');
  const file = await script('nometa.sh', [
    `echo "$@" >> '${calls}'`,
    'case "$1" in',
    `  --list) echo '{"web": ["h1", "h2"]}' ;;`,
    `  --host) printf '{"who": "%s"}' "$2" ;;`,
    'esac',
  ].join('\n'));
  const inventory = await loadInventory([file]);
  assert.deepEqual(inventory.hosts.get('h1')!.vars, { who: 'h1' });
  assert.deepEqual(inventory.hosts.get('h2')!.vars, { who: 'h2' });
  assert.deepEqual((await readFile(calls, 'utf8')).trim().split('\n'), ['--list', '--host h1', '--host h2']);
});

test('a script that prints no JSON, exits non-zero or hangs is a load error naming the script', async () => {
  const notJson = await script('bad.sh', 'echo "[web]"');
  await assert.rejects(loadInventory([notJson]), (e: unknown) => e instanceof LoadError && /bad\.sh --list' did not print JSON/.test(e.message));
  const wrongShape = await script('shape.sh', `echo '{"web": {"hosts": "h1"}}'`);
  await assert.rejects(loadInventory([wrongShape]), /shape\.sh': hosts of group 'web' must be a list of names/);
  const failing = await script('fail.sh', 'echo "cannot reach the cloud API" >&2; exit 3');
  await assert.rejects(loadInventory([failing]), /fail\.sh --list' failed \(3\): cannot reach the cloud API/);
  const hanging = await script('hang.sh', 'sleep 30');
  process.env.TSPLAY_INVENTORY_TIMEOUT = '0.5';
  try {
    const started = Date.now();
    await assert.rejects(loadInventory([hanging]), /hang\.sh --list' did not finish within 0\.5 s/);
    assert.ok(Date.now() - started < 5000);
  } finally {
    delete process.env.TSPLAY_INVENTORY_TIMEOUT;
  }
});

test('a file that is not executable is read as INI/YAML even when it starts with #!', async () => {
  const file = await script('plain', '[web]\nh9', 0o644);
  const inventory = await loadInventory([file]);
  assert.deepEqual(inventory.groups.get('web')!.hosts, ['h9']);
});
