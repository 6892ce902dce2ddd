// Role lookup in Ansible's order (RoleDefinition._load_role_path) and ansible.cfg's roles_path:
// what kubespray's playbooks/ layout and nested role names rely on.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeTree } from '../support/file-tree.js';
import { loadPlaybook } from '../../../src/load/index.js';
import { configuredRolesPath } from '../../../src/load/ansible-config.js';
import type { ModuleTask } from '../../../src/model.js';
import { registry } from './helpers.js';

const tree = (files: Record<string, string>): string => writeTree(files, 'tsplay-roles-');

const task = (name: string) => `- name: ${name}\n  debug: msg=x\n`;

test('an imported playbook finds roles/ next to itself, and a role is named as written', async () => {
  const root = tree({
    'site.yml': '- import_playbook: playbooks/inner.yml\n',
    'playbooks/inner.yml': '- hosts: all\n  roles: [kubernetes/preinstall]\n',
    'playbooks/roles/kubernetes/preinstall/tasks/main.yml': task('pre'),
  });
  const role = (await loadPlaybook(join(root, 'site.yml'), { registry })).plays[0]!.roles[0]!.role;
  assert.equal(role.ref.dir, join(root, 'playbooks/roles/kubernetes/preinstall'));
  assert.equal(role.ref.name, 'kubernetes/preinstall', 'Ansible prints "kubernetes/preinstall : pre"');
});

test('a dependency is also looked for next to the role that declares it', async () => {
  const root = tree({
    'site.yml': '- hosts: all\n  roles: [apps/policy]\n',
    'roles/apps/policy/meta/main.yml': 'dependencies:\n  - role: policy/calico\n',
    'roles/apps/policy/calico/tasks/main.yml': task('calico policy'),
  });
  const role = (await loadPlaybook(join(root, 'site.yml'), { registry })).plays[0]!.roles[0]!.role;
  const dep = role.dependencies[0]!.role;
  assert.equal(dep.ref.dir, join(root, 'roles/apps/policy/calico'));
  assert.equal((dep.tasks[0] as ModuleTask).name, 'calico policy');
});

test('ansible.cfg roles_path: relative to the file, found through ANSIBLE_CONFIG or the working directory, replaced by ANSIBLE_ROLES_PATH', () => {
  const root = tree({ 'item/ansible.cfg': '# comment\n[defaults]\nroles_path = ../vendor/roles:/abs:$UNSET_X/r\n[other]\nroles_path = /no\n' });
  const expected = [join(root, 'vendor/roles'), '/abs', join(root, 'item', '$UNSET_X/r')];
  assert.deepEqual(configuredRolesPath({ HOME: root }, join(root, 'item')), expected);
  assert.deepEqual(configuredRolesPath({ HOME: root, ANSIBLE_CONFIG: join(root, 'item/ansible.cfg') }, root), expected);
  assert.deepEqual(configuredRolesPath({ HOME: root, ANSIBLE_ROLES_PATH: '/env' }, join(root, 'item')), []);
  assert.deepEqual(configuredRolesPath({ HOME: root }, root), [], 'no ansible.cfg in the working directory or home');
});

test('a role missing from an imported playbook is reported as the role, not as the playbook missing', async () => {
  const root = tree({ 'site.yml': '- import_playbook: inner.yml\n', 'inner.yml': '- hosts: all\n  roles: [absent]\n' });
  await assert.rejects(loadPlaybook(join(root, 'site.yml'), { registry }), /role 'absent' not found/);
});
