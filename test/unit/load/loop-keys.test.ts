// The loader reads every with_<lookup> loop and loop_control in full, and an unknown with_<name> is
// a load error at its key that names it (not an "unknown module").
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import type { IncludeTasks, ModuleTask } from '../../../src/model.js';
import { writeTree } from '../support/file-tree.js';
import { assertLoadError, registry } from './helpers.js';

const site = (tasks: string): string => join(writeTree({ 'site.yml': `- hosts: all\n  tasks:\n${tasks}`, 't.yml': '- debug: msg=x\n' }, 'tsplay-loop-keys-'), 'site.yml');

test('an unknown with_<name> on a task or an include_tasks is a load error at the key, naming the lookup', async () => {
  const onTask = site('    - debug: msg=x\n      with_foo: [1]\n');
  await assertLoadError(() => loadPlaybook(onTask, { registry }), onTask, 4, 7, /^unknown loop 'with_foo': tsplay has no lookup 'foo' to loop with \(it knows with_items, with_list, with_dict/);
  const typo = site('    - include_tasks: t.yml\n      with_dcit: "{{ d }}"\n');
  await assertLoadError(() => loadPlaybook(typo, { registry }), typo, 4, 7, /^unknown loop 'with_dcit': .*\(did you mean 'with_dict'\?\)/);
});

test('two loops on one task are refused at the second', async () => {
  const file = site('    - debug: msg=x\n      loop: [1]\n      with_dict: {a: 1}\n');
  await assertLoadError(() => loadPlaybook(file, { registry }), file, 5, 7, "a task has one loop; use either 'loop' or 'with_dict', not both");
});

test('with_<lookup> and loop_control are read into the task and the include_tasks', async () => {
  const file = site([
    '    - debug: msg=x',
    '      with_sequence: start=1 end=3',
    '      loop_control: {loop_var: n, index_var: i, label: "{{ n }}", pause: 0.5, extended: true, extended_allitems: false}',
    '    - include_tasks: t.yml',
    '      with_dict: "{{ d }}"',
    '    - debug: msg=x',
    '      with_items: [1]',
    '',
  ].join('\n'));
  const playbook = await loadPlaybook(file, { registry });
  const [task, include, items] = playbook.plays[0]!.tasks as [ModuleTask, IncludeTasks, ModuleTask];
  assert.deepEqual(
    { loop: task.loop, loopWith: task.loopWith, loopVar: task.loopVar, indexVar: task.indexVar, label: task.loopLabel, pause: task.loopPause, extended: task.loopExtended, allItems: task.loopAllItems },
    { loop: 'start=1 end=3', loopWith: 'sequence', loopVar: 'n', indexVar: 'i', label: '{{ n }}', pause: 0.5, extended: true, allItems: false },
  );
  assert.deepEqual([include.loop, include.loopWith, include.loopVar], ['{{ d }}', 'dict', 'item']);
  assert.deepEqual([items.loop, items.flattenLoop, items.loopWith], [[1], true, undefined]);
});
