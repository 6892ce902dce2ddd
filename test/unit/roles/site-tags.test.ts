// site.yml's parts carry tags: -t lb lists the always-run preflight plus the lb and vip roles only;
// the control-plane join (a dynamic include_role) gets its tag onto its tasks through apply.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { main } from '../../../src/cli/main.js';
import { fakeIO } from '../cli/fakes.js';

const REPO = resolve(import.meta.dirname, '../../..');

async function listed(tags: string): Promise<string[]> {
  const io = fakeIO(REPO);
  const rc = await main(['run', 'playbooks/site.yml', '-i', 'inventory/hosts.example.yml', '--list-tasks', '-t', tags], io);
  assert.equal(rc, 0, io.err.text);
  return io.out.text.split('\n').filter((line) => line.startsWith('      ')).map((line) => line.trim().split('\t')[0]!);
}

test('-t lb: the preflight checks (always) and the lb and vip roles, nothing else', async () => {
  const tasks = await listed('lb');
  assert.ok(tasks.includes('Port plan checks'), 'preflight runs with any tag');
  assert.ok(tasks.some((t) => t.startsWith('lb : ')) && tasks.some((t) => t.startsWith('vip : ')));
  assert.ok(!tasks.some((t) => /^(prereqs|container-runtime|kube-packages|control-plane|workers) : /.test(t)), tasks.join('\n'));
});

test('-t nodes and -t workers pick their roles', async () => {
  const nodes = await listed('nodes');
  for (const role of ['prereqs', 'container-runtime', 'kube-packages']) assert.ok(nodes.some((t) => t.startsWith(`${role} : `)), role);
  assert.ok(!nodes.some((t) => /^(lb|vip|workers) : /.test(t)));
  const workers = await listed('workers');
  assert.ok(workers.some((t) => t.startsWith('workers : ')) && !workers.some((t) => t.startsWith('lb : ')));
});
