// raw runs its string through the shell as it is (Ansible's bootstrap module): always changed,
// output untrimmed, skipped in check mode, and it loads from a playbook under its FQCN.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import type { ModuleTask } from '../../../src/model.js';
import { defaultRegistry } from '../../../src/modules/registry.js';
import { rawModule } from '../../../src/modules/raw.js';
import { writeTree } from '../support/file-tree.js';
import { makeContext, runModule, withTempDir } from './support.js';

test('raw runs a shell line, keeps the output as it is and is always changed', async () => {
  const r = await runModule(rawModule, makeContext(), 'echo hi; echo err >&2; v=2; echo "$v"');
  assert.deepEqual({ ...r }, { changed: true, rc: 0, stdout: 'hi\n2\n', stdout_lines: ['hi', '2'], stderr: 'err\n', stderr_lines: ['err'] });
});

test('raw fails on a non-zero rc with Ansible\'s message and still reports changed', async () => {
  const r = await runModule(rawModule, makeContext(), 'exit 3');
  assert.equal(r.failed, true);
  assert.equal(r.changed, true);
  assert.equal(r.rc, 3);
  assert.equal(r.msg, 'non-zero return code');
});

test('raw runs with the executable asked for', async () => {
  const r = await runModule(rawModule, makeContext(), { free_form: 'echo $0', executable: '/bin/bash' });
  assert.equal(r.stdout, '/bin/bash\n');
});

test('raw is skipped in check mode and runs nothing', async () => {
  await withTempDir(async (dir) => {
    const marker = join(dir, 'ran');
    const r = await runModule(rawModule, makeContext({ check: true }), `touch ${marker}`);
    assert.deepEqual({ ...r }, { changed: false, skipped: true });
    assert.equal(existsSync(marker), false);
  });
});

test('ansible.builtin.raw loads as free form with args: executable', async () => {
  const dir = writeTree({ 'site.yml': `- hosts: all
  gather_facts: false
  tasks:
    - ansible.builtin.raw: test -e /usr/bin/python3 || (apt-get update && apt-get install -y python3)
      args:
        executable: /bin/bash
` }, 'tsplay-raw-');
  const book = await loadPlaybook(join(dir, 'site.yml'), { registry: defaultRegistry });
  const task = book.plays[0]!.tasks[0] as ModuleTask;
  assert.equal(task.module, 'raw');
  assert.deepEqual(task.args, { free_form: 'test -e /usr/bin/python3 || (apt-get update && apt-get install -y python3)', executable: '/bin/bash' });
});
