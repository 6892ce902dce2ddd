// Collection-qualified names: Ansible's include/import actions and builtin modules answer to
// ansible.builtin.X / ansible.legacy.X; a module of a collection tsplay lacks fails at load.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import type { IncludeRole, IncludeTasks, ModuleTask } from '../../../src/model.js';
import { defaultRegistry } from '../../../src/modules/registry.js';
import { assertLoadError, registry } from './helpers.js';
import { writeTree } from '../support/file-tree.js';

const tree = (files: Record<string, string>): string => writeTree(files, 'tsplay-fqcn-');

test('ansible.builtin. and ansible.legacy. include/import actions load like their short names', async () => {
  const dir = tree({
    'site.yml': `- ansible.builtin.import_playbook: play.yml
- ansible.legacy.import_playbook: play.yml
`,
    'play.yml': `- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.import_tasks: t.yml
    - ansible.builtin.include_tasks: t.yml
    - ansible.legacy.include_tasks:
        file: t.yml
    - ansible.builtin.import_role: { name: r }
    - ansible.legacy.include_role:
        name: r
      when: x is defined
`,
    't.yml': '- debug: msg=from-t\n',
    'roles/r/tasks/main.yml': '- debug: msg=from-r\n',
  });
  const book = await loadPlaybook(join(dir, 'site.yml'), { registry });
  assert.equal(book.plays.length, 2, 'both import_playbook spellings expand');
  const [imported, included, includedLegacy, importRole, includeRole] = book.plays[0]!.tasks as [ModuleTask, IncludeTasks, IncludeTasks, IncludeRole, IncludeRole];
  assert.equal(imported.kind, 'task');
  assert.deepEqual(imported.args, { msg: 'from-t' });
  assert.deepEqual([included.kind, included.file], ['include_tasks', join(dir, 't.yml')]);
  assert.deepEqual([includedLegacy.kind, includedLegacy.file], ['include_tasks', join(dir, 't.yml')]);
  assert.deepEqual([importRole.kind, importRole.imported, importRole.roleName], ['include_role', true, 'r']);
  assert.deepEqual([includeRole.kind, includeRole.imported, includeRole.when], ['include_role', undefined, ['x is defined']]);
});

test('errors inside an FQCN include point at the written key', async () => {
  const dir = tree({ 'site.yml': `- hosts: all
  tasks:
    - ansible.builtin.import_tasks: missing.yml
` });
  await assertLoadError(() => loadPlaybook(join(dir, 'site.yml'), { registry }), join(dir, 'site.yml'), 3, 37, /missing\.yml/);
});

test('the short and the FQCN spelling of one action in the same task are refused', async () => {
  const dir = tree({ 'site.yml': `- hosts: all
  tasks:
    - include_tasks: t.yml
      ansible.builtin.include_tasks: t.yml
`, 't.yml': '[]\n' });
  await assertLoadError(() => loadPlaybook(join(dir, 'site.yml'), { registry }), join(dir, 'site.yml'), 4, 7, /'include_tasks' is written twice/);
});

test('every built-in module answers to its ansible.builtin. and ansible.legacy. names', () => {
  for (const name of defaultRegistry.names()) {
    assert.equal(defaultRegistry.get(`ansible.builtin.${name}`)?.name, name);
    assert.equal(defaultRegistry.get(`ansible.legacy.${name}`)?.name, name);
  }
});

test('a module of a collection tsplay lacks fails at load, named, with its location', async () => {
  const dir = tree({ 'site.yml': `- hosts: all
  tasks:
    - name: run a container
      community.docker.docker_container:
        name: web
` });
  await assertLoadError(() => loadPlaybook(join(dir, 'site.yml'), { registry: defaultRegistry }), join(dir, 'site.yml'), 4, 7,
    "module 'community.docker.docker_container' is not available in tsplay (collection 'community.docker' is not built in)");
});

test('a module tsplay lacks from a collection it partly has says so', async () => {
  const dir = tree({ 'site.yml': `- hosts: all
  tasks:
    - ansible.posix.firewalld: { service: https }
` });
  await assertLoadError(() => loadPlaybook(join(dir, 'site.yml'), { registry: defaultRegistry }), join(dir, 'site.yml'), 3, 7,
    "module 'ansible.posix.firewalld' is not available in tsplay (tsplay has only some modules of collection 'ansible.posix')");
});
