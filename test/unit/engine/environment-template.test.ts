// `environment: "{{ proxy_env }}"` (k3s-ansible's `environment: "{{ _install_envs }}"`, and issue
// #14's eight items): one template giving a mapping, layered like a written mapping; a template
// giving anything else fails the task with Ansible's message. At load, a plain string is refused.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { inventory, play, playbook, results, runTest, task } from './helpers.js';

const hosts = inventory({
  h1: { vars: { proxy_env: { http_proxy: 'http://p:3128', A: 'play' } } },
  h2: { vars: { proxy_env: 'not a mapping' } },
});

test('a templated play environment reaches the module per host, the task mapping on top; a non-mapping fails the task', async () => {
  const pb = playbook(play({ hosts: 'h1:h2', environment: '{{ proxy_env }}', tasks: [task('record', {}, { name: 'fetch', environment: { A: 'task' } })] }));
  const { events, calls } = await runTest(pb, hosts);
  assert.deepEqual(calls.map((c) => [c.host, c.env]), [['h1', { http_proxy: 'http://p:3128', A: 'task' }]]);
  const failed = results(events, 'fetch').find((e) => e.host === 'h2')!;
  assert.equal(failed.status, 'failed');
  assert.match(String(failed.result['msg']), /environment must be a dictionary, received not a mapping/);
});

test('a templated environment gives its mapping, after the play layer', async () => {
  const pb = playbook(play({
    hosts: 'h1', environment: { A: '1', B: 'play' }, vars: { proxy_env: { B: 'var', C: 3 } },
    tasks: [task('record', {}, { name: 'with env', environment: '{{ proxy_env }}' })],
  }));
  const { calls } = await runTest(pb, inventory({ h1: {} }));
  assert.deepEqual(calls.map((c) => c.env), [{ A: '1', B: 'var', C: '3' }]);
});

test('a template that gives no mapping fails the task', async () => {
  const pb = playbook(play({ hosts: 'h1', vars: { proxy_env: 'x=1' }, tasks: [task('record', {}, { name: 'bad env', environment: '{{ proxy_env }}' })] }));
  const { events, calls } = await runTest(pb, inventory({ h1: {} }));
  assert.equal(calls.length, 0);
  const [result] = results(events, 'bad env');
  assert.equal(result?.result.failed, true);
  assert.match(String(result?.result.msg), /environment must be a dictionary, received x=1/);
});

test('at load, a template string is accepted and plain text is not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-env-'));
  const registry = createRegistry(allModules);
  writeFileSync(join(dir, 'ok.yml'), '- hosts: all\n  environment: "{{ proxy_env }}"\n  tasks:\n    - command: env\n      environment: "{{ more }}"\n');
  const book = await loadPlaybook(join(dir, 'ok.yml'), { registry });
  assert.equal(book.plays[0]!.tasks[0]!.environment, '{{ more }}');
  writeFileSync(join(dir, 'bad.yml'), '- hosts: all\n  tasks:\n    - command: env\n      environment: A=1\n');
  await assert.rejects(loadPlaybook(join(dir, 'bad.yml'), { registry }), /environment must be a mapping or a \{\{ \}\} template that gives one/);
});
