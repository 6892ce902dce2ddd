import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import type { Block, IncludeRole, IncludeTasks, ModuleTask } from '../../../src/model.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { inventory, results, runTest } from '../engine/helpers.js';
import { assertLoadError, registry } from './helpers.js';
import { writeTree } from '../support/file-tree.js';

const tree = (files: Record<string, string>): string => writeTree(files, 'tsplay-load-');

const site = `- hosts: all
  gather_facts: false
  tasks:
    - name: throttled
      command: "true"
      throttle: 2
      ignore_unreachable: true
      delegate_to: db
      delegate_facts: true
    - name: items
      debug: { msg: "{{ item }}" }
      with_items: [[a, b], c]
    - name: looped
      debug: { msg: "{{ item }}" }
      loop: [a]
    - block:
        - debug: msg=x
      throttle: "{{ n }}"
    - include_tasks: other.yml
      with_items: [x]
`;

test('throttle, ignore_unreachable, delegate_facts and with_items are read into the model', async () => {
  const dir = tree({ 'site.yml': site, 'other.yml': '- debug: msg=y\n' });
  const pb = await loadPlaybook(join(dir, 'site.yml'), { registry });
  const [throttled, items, looped, blk, inc] = pb.plays[0]!.tasks as [ModuleTask, ModuleTask, ModuleTask, Block, IncludeTasks];
  assert.deepEqual([throttled.throttle, throttled.ignoreUnreachable, throttled.delegateFacts], [2, true, true]);
  assert.equal(items.flattenLoop, true);
  assert.deepEqual(items.loop, [['a', 'b'], 'c']);
  assert.equal(looped.flattenLoop, undefined);
  assert.equal(blk.throttle, '{{ n }}');
  assert.equal(inc.flattenLoop, true);
});

test('a wrongly typed throttle is a located load error', async () => {
  const dir = tree({ 'site.yml': '- hosts: all\n  tasks:\n    - command: "true"\n      throttle: [1]\n' });
  await assertLoadError(() => loadPlaybook(join(dir, 'site.yml'), { registry }), join(dir, 'site.yml'), 4, 17, /throttle/);
});

test('allow_duplicates in meta/main.yml reaches the role; import_role keeps its own keywords', async () => {
  const dir = tree({
    'site.yml': '- hosts: all\n  tasks:\n    - import_role: { name: dup }\n      throttle: 1\n',
    'roles/dup/meta/main.yml': 'allow_duplicates: true\n',
    'roles/dup/tasks/main.yml': '- debug: msg=hi\n',
  });
  const pb = await loadPlaybook(join(dir, 'site.yml'), { registry });
  const imported = pb.plays[0]!.tasks[0] as IncludeRole;
  assert.equal(imported.imported, true);
  assert.equal(imported.throttle, 1);
  assert.equal(imported.loaded!.allowDuplicates, true);
});

test('handlers of roles brought in by include_role and import_role are registered and notified, with role vars', async () => {
  const dir = tree({
    'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - include_role: { name: svc }
    - import_role: { name: other }
`,
    'roles/svc/defaults/main.yml': 'unit: svc.service\n',
    'roles/svc/tasks/main.yml': '- name: configure\n  command: "true"\n  changed_when: true\n  notify: restart svc\n',
    'roles/svc/handlers/main.yml': '- name: restart svc\n  debug: msg="restart {{ unit }}"\n',
    'roles/other/vars/main.yml': 'thing: widget\n',
    'roles/other/tasks/main.yml': '- name: poke\n  command: "true"\n  changed_when: true\n  notify: other ready\n',
    'roles/other/handlers/main.yml': '- name: ready\n  listen: other ready\n  debug: msg="{{ thing }} ready"\n',
  });
  const realRegistry = createRegistry(allModules);
  const pb = await loadPlaybook(join(dir, 'site.yml'), { registry: realRegistry });
  assert.deepEqual(pb.plays[0]!.handlers.map((h) => h.name), ['restart svc', 'ready']);
  const { events } = await runTest(pb, inventory({ h1: { vars: { ansible_connection: 'local' } } }));
  assert.deepEqual(results(events, 'svc : restart svc').map((e) => e.result['msg']), ['restart svc.service']);
  assert.deepEqual(results(events, 'other : ready').map((e) => e.result['msg']), ['widget ready']);
});
