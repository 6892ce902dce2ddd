// Modules Ansible has and tsplay lacks (ansible-core's own, a project's library/ modules, collection
// modules known by name): they load as Ansible loads them, and the task carries the failure it gives
// if it runs. Anything else stays an unknown-module load error.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/file-tree.js';
import { loadPlaybook } from '../../../src/load/index.js';
import type { ModuleTask } from '../../../src/model.js';
import { assertLoadError, registry } from './helpers.js';

const tree = (files: Record<string, string>): string => writeTree(files, 'tsplay-unavailable-');

const play = (tasks: string) => `- hosts: all\n  tasks:\n${tasks}`;

test('an ansible-core module tsplay lacks loads, FQCN too, and the task says why it would fail', async () => {
  const root = tree({ 'site.yml': play("    - group_by: key=kube_node\n    - name: helm\n      kubernetes.core.helm: { name: x, chart_ref: y }\n    - ansible.builtin.apt_key: { url: 'https://x' }\n") });
  const [groupBy, helm, aptKey] = (await loadPlaybook(join(root, 'site.yml'), { registry })).plays[0]!.tasks as ModuleTask[];
  assert.equal(groupBy!.module, 'group_by');
  assert.deepEqual(groupBy!.args, { key: 'kube_node' });
  assert.equal(groupBy!.unavailable, "module 'group_by' is not available in tsplay (ansible.builtin.group_by is not implemented)");
  assert.match(helm!.unavailable!, /module 'kubernetes.core.helm' is not available in tsplay/);
  assert.match(aptKey!.unavailable!, /ansible.builtin.apt_key is not implemented/);
});

test("a module in library/ next to a playbook (or a role) loads in every role; without it the name is unknown", async () => {
  const files = {
    'site.yml': '- import_playbook: playbooks/inner.yml\n',
    'playbooks/inner.yml': '- hosts: all\n  roles: [apps]\n',
    'roles/apps/tasks/main.yml': '- kube: { name: x, kubectl: /usr/bin/kubectl }\n',
  };
  const withLibrary = tree({ ...files, 'library/kube.py': '# module\n' });
  const rolesPath = [join(withLibrary, 'roles')];
  const [kube] = (await loadPlaybook(join(withLibrary, 'site.yml'), { registry, rolesPath })).plays[0]!.roles[0]!.role.tasks as ModuleTask[];
  assert.match(kube!.unavailable!, /module 'kube' is not available in tsplay \(it is a custom module \(.*library\/kube\.py\)/);
  const without = tree(files);
  await assertLoadError(() => loadPlaybook(join(without, 'site.yml'), { registry, rolesPath: [join(without, 'roles')] }), join(without, 'roles/apps/tasks/main.yml'), 1, 3, /^unknown module 'kube'/);
});
