// debug, fail and assert messages as ansible-playbook 2.14 shows them: `fail: msg="text"` is
// key=value text (fail has no free form: `fail: some text` is an error in Ansible too), and a
// structured message stays a list or dict instead of becoming JSON text.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import type { ModuleTask } from '../../../src/model.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { inventory, runTest } from '../engine/helpers.js';

const registry = createRegistry(allModules);

function playbookFile(tasks: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-messages-'));
  writeFileSync(join(dir, 'site.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks}`);
  return join(dir, 'site.yml');
}

async function messages(tasks: string): Promise<unknown[]> {
  const book = await loadPlaybook(playbookFile(tasks), { registry });
  const { events } = await runTest(book, inventory({ h1: {} }));
  return events.flatMap((e) => (e.type === 'host_result' ? [e.result['msg']] : []));
}

test("fail: msg=\"text\" fails with 'text' (Ansible: \"msg\": \"text here\")", async () => {
  const book = await loadPlaybook(playbookFile('    - fail: msg="text here"\n'), { registry });
  assert.deepEqual((book.plays[0]!.tasks[0] as ModuleTask).args, { msg: 'text here' });
  assert.deepEqual(await messages('    - fail: msg="{{ \'x\' }} y"\n      ignore_errors: true\n'), ['x y']);
});

test('fail with free text is refused, as Ansible refuses extra params', async () => {
  await assert.rejects(loadPlaybook(playbookFile('    - fail: text here\n'), { registry }), /module 'fail' takes key=value arguments/);
});

test('a list message stays a list (Ansible: "msg": ["a", "b"]) in debug, fail and assert', async () => {
  const shown = await messages([
    `    - debug:\n        msg: "{{ ['a','b'] }}"`,
    `    - debug: msg="{{ ['a','b'] }}"`,
    `    - assert:\n        that: 1 == 2\n        fail_msg: ['x', 'y']\n      ignore_errors: true`,
    `    - fail:\n        msg: {k: v}\n      ignore_errors: true`,
  ].join('\n') + '\n');
  assert.deepEqual(shown, [['a', 'b'], ['a', 'b'], ['x', 'y'], { k: 'v' }]);
});
