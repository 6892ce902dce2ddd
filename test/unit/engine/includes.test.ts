import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { IncludeTasks, RoleRef } from '../../../src/model.js';
import { include, inventory, play, playbook, results, role, runTest, task } from './helpers.js';
import { writeTree } from '../support/file-tree.js';
import { loadPlaybook } from '../../../src/load/index.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';

const tree = (files: Record<string, string>): string => writeTree(files, 'tsplay-include-');

const inv = inventory({ deb: { vars: { family: 'Debian' } }, rh: { vars: { family: 'RedHat' } }, bad: { vars: { family: 'Broken' } } });

test('include_tasks with a templated name is resolved per host, next to the including file, and read at run time', async () => {
  const dir = tree({
    'Debian.yml': '- name: distro\n  debug:\n    msg: "apt on {{ inventory_hostname }}"\n',
    'RedHat.yml': '- name: distro\n  debug:\n    msg: "dnf on {{ inventory_hostname }}"\n',
    'Broken.yml': '- name: distro\n  no_such_module: {}\n',
  });
  const pb = { ...playbook(play({ tasks: [include('{{ family }}.yml', join(dir, 'site.yml')), task('debug', {}, { name: 'next' })] })), dir };
  const { events, outcome } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'distro').map((e) => [e.host, e.result['msg']]).sort(), [['deb', 'apt on deb'], ['rh', 'dnf on rh']]);
  const included = events.filter((e) => e.type === 'included').map((e) => e.type === 'included' && [e.file, e.hosts]);
  assert.deepEqual(included.sort(), [[join(dir, 'Debian.yml'), ['deb']], [join(dir, 'RedHat.yml'), ['rh']]]);
  // A load error in the file fails only the host that included it, pointing at the file:line:col.
  const failed = results(events, 'include_tasks').filter((e) => e.status === 'failed');
  assert.deepEqual(failed.map((e) => e.host), ['bad']);
  assert.match(String(failed[0]!.result['msg']), new RegExp(`${join(dir, 'Broken.yml').replace(/[.]/g, '\\.')}:2:3: unknown module 'no_such_module'`));
  assert.deepEqual(results(events, 'next').map((e) => e.host).sort(), ['deb', 'rh']);
  assert.equal(outcome.stats['bad']!.failed, 1);
});

test("a role's templated include_tasks looks in the role's tasks/; a missing file fails with the include's location", async () => {
  const dir = tree({ 'roles/r/tasks/Debian.yml': '- name: in role\n  debug:\n    msg: "{{ role_name }}{{ d }}"\n' });
  const ref: RoleRef = { name: 'r', dir: join(dir, 'roles/r') };
  const from = join(dir, 'roles/r/tasks/main.yml');
  const r = { ...role('r', { defaults: { d: 1 } }), ref, tasks: [include('{{ family }}.yml', from, { role: ref })] };
  const pb = { ...playbook(play({ hosts: 'deb,rh', roles: [{ role: r, params: {}, when: [], tags: [], loc: r.tasks[0]!.loc }] })), dir };
  const { events } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'r : in role').map((e) => [e.host, e.result['msg']]), [['deb', 'r1']]);
  const missing = results(events, 'r : include_tasks').find((e) => e.host === 'rh')!;
  assert.equal(missing.status, 'failed');
  assert.match(String(missing.result['msg']), new RegExp(`^${from.replace(/[.]/g, '\\.')}:3:5: task file 'RedHat.yml' not found`));
});

test('an include loop with a templated name reads each file once and runs it per item; when applies once', async () => {
  const dir = tree({ 'a.yml': '- name: part\n  debug:\n    msg: "{{ item }}"\n', 'b.yml': '- name: part\n  debug:\n    msg: "b{{ item }}"\n' });
  const pb = { ...playbook(play({
    hosts: 'deb',
    vars: { go: true },
    tasks: [
      include('{{ item }}.yml', join(dir, 'site.yml'), { loop: ['a', 'b'], when: ['go'] }),
      include('a.yml', join(dir, 'site.yml'), { loop: [['x', 'y'], 'z'], flattenLoop: true }),
    ],
  })), dir };
  const { events } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'part').map((e) => e.result['msg']), ['a', 'bb', 'x', 'y', 'z']);
});

test('a role met in a file included at run time: its handlers can be notified and see its defaults', async () => {
  const dir = tree({
    'Debian.yml': '- include_role:\n    name: svc\n',
    'roles/svc/defaults/main.yml': 'unit: svc.service\n',
    'roles/svc/tasks/main.yml': '- name: configure\n  record: { changed: true }\n  notify: restart svc\n',
    'roles/svc/handlers/main.yml': '- name: restart svc\n  debug:\n    msg: "restart {{ unit }}"\n',
  });
  const pb = { ...playbook(play({ hosts: 'deb', tasks: [include('{{ family }}.yml', join(dir, 'site.yml'))] })), dir };
  const { events, outcome } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'svc : restart svc').map((e) => e.result['msg']), ['restart svc.service']);
  assert.equal(outcome.anyFailed, false);
});

test("include_tasks: its when is evaluated once, and its tags select the include only (Ansible's dynamic include)", async () => {
  const inner = [task('set_fact', { go: false }, { name: 'flip' }), task('debug', {}, { name: 'after flip' }), task('debug', {}, { name: 'tagged', tags: ['x'] })];
  const pb = playbook(play({ hosts: 'deb', vars: { go: true }, tasks: [include('inc.yml', '/pb/site.yml', { loaded: inner, when: ['go'], tags: ['x'] })] }));
  const all = await runTest(pb, inv);
  assert.deepEqual(results(all.events, 'after flip').map((e) => e.status), ['ok']);
  const onlyX = await runTest(pb, inv, { tags: ['x'] });
  assert.ok(onlyX.events.some((e) => e.type === 'included'));
  assert.deepEqual(results(onlyX.events).map((e) => e.task.title), ['tagged']);
});

test('include_tasks loops exactly as a task does: a bare variable name, loop_var, ansible_loop, and its when per item', async () => {
  const inner = [task('debug', { msg: '{{ n }}/{{ ansible_loop.index }}/{{ ansible_loop_var }}' }, { name: 'inner' })];
  const pb = playbook(play({
    hosts: 'deb',
    vars: { xs: [1, 2, 3] },
    tasks: [
      task('debug', { msg: '{{ n }}' }, { name: 'looped task', loop: 'xs', loopVar: 'n', when: ['n > 1'] }),
      include('inc.yml', '/pb/site.yml', { loaded: inner, loop: 'xs', loopVar: 'n', when: ['n > 1'] }),
      include('inc.yml', '/pb/site.yml', { loaded: inner, loop: '{{ xs[:1] }}', loopVar: 'n' }),
    ],
  }));
  const { events, outcome } = await runTest(pb, inv);
  assert.equal(outcome.anyFailed, false, JSON.stringify(results(events).filter((e) => e.status === 'failed').map((e) => e.result['msg'])));
  assert.deepEqual(results(events, 'looped task').filter((e) => e.item !== undefined).map((e) => [e.item, e.status]), [[1, 'skipped'], [2, 'ok'], [3, 'ok']]);
  // The include skips item 1 as the task does, and its tasks see the same loop variables.
  assert.deepEqual(results(events, 'inner').map((e) => e.result['msg']), ['2/2/n', '3/3/n', '1/1/n']);
  assert.deepEqual(results(events, 'include_tasks').map((e) => [e.item, e.status]), [[1, 'skipped']]);
});

test('an include_tasks loop over something that is not a list fails the host with the message a task gives', async () => {
  const inner = [task('debug', {}, { name: 'inner' })];
  // A loop error fails the host whatever ignore_errors says; a play whose every host fails ends the
  // run, so each play has a host whose list is fine.
  const hosts = inventory({ t: { vars: { xs: 'x' } }, i: { vars: { xs: 'x' } }, fine: { vars: { xs: [] } } });
  const pb = playbook(
    play({ hosts: 't,fine', tasks: [task('debug', {}, { name: 'a task', loop: 'xs' })] }),
    play({ hosts: 'i,fine', tasks: [include('inc.yml', '/pb/site.yml', { loaded: inner, loop: 'xs' })] }),
  );
  const { events } = await runTest(pb, hosts);
  const fromTask = results(events, 'a task').find((e) => e.host === 't');
  const fromInclude = results(events, 'include_tasks').find((e) => e.host === 'i');
  assert.equal(fromInclude!.status, 'failed');
  assert.equal(fromInclude!.result['msg'], fromTask!.result['msg']);
  assert.match(String(fromInclude!.result['msg']), /requires a list/);
  assert.deepEqual(results(events, 'inner'), []);
});

test('include_tasks takes loop_control (loop_var, index_var) as a task does, from YAML through the run', async () => {
  const dir = tree({
    'site.yml': '- hosts: deb\n  gather_facts: false\n  tasks:\n    - include_tasks: inc.yml\n      loop: [a, b]\n      loop_control: {loop_var: x, index_var: i}\n',
    'inc.yml': '- name: inner\n  debug:\n    msg: "{{ i }}:{{ x }}"\n',
  });
  const pb = await loadPlaybook(join(dir, 'site.yml'), { registry: createRegistry(allModules) });
  const { events } = await runTest(pb, inv);
  assert.deepEqual(results(events, 'inner').map((e) => e.result['msg']), ['0:a', '1:b']);
});
