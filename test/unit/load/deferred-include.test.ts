// An include_tasks file that uses a module tsplay lacks loads (with a located warning) and fails the
// hosts that run the include, as ansible-playbook reads such a file only when the include runs
// (geerlingguy.containerd 1.3.1's apt_key on its Debian path, before tsplay had apt_key). Elsewhere it stays a load error.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { LoadError } from '../../../src/errors.js';
import { loadPlaybook } from '../../../src/load/index.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { inventory, results, runTest } from '../engine/helpers.js';

const registry = createRegistry(allModules);

function playbookDir(tasks: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-deferred-'));
  writeFileSync(join(dir, 'debian.yml'), '- name: add key\n  pacman:\n    name: iptables\n');
  writeFileSync(join(dir, 'site.yml'), `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks}`);
  return dir;
}

test('include_tasks of a file with an unknown module: a warning at load, a failed host when it runs, skipped when not', async () => {
  const dir = playbookDir('    - include_tasks: debian.yml\n      when: run_it | bool\n    - debug: msg=after\n');
  const book = await loadPlaybook(join(dir, 'site.yml'), { registry });
  assert.equal(book.warnings?.length, 1);
  assert.match(book.warnings![0]!, /debian\.yml:2:3: unknown module 'pacman'.*: the include_tasks at .*site\.yml:4:22 will fail on the hosts that run it$/);
  const { events } = await runTest(book, inventory({ h1: { vars: { run_it: true } }, h2: { vars: { run_it: false } } }));
  const include = results(events, 'include_tasks');
  assert.equal(include.find((e) => e.host === 'h1')?.result.failed, true);
  assert.match(String(include.find((e) => e.host === 'h1')?.result.msg), /debian\.yml:2:3: unknown module 'pacman'/);
  assert.deepEqual(results(events, 'debug').map((e) => e.host), ['h2']);
});

test('import_tasks of the same file is still a load error', async () => {
  const dir = playbookDir('    - import_tasks: debian.yml\n');
  await assert.rejects(loadPlaybook(join(dir, 'site.yml'), { registry }), (error: LoadError) =>
    /unknown module 'pacman'/.test(error.message) && error.location?.file.endsWith('debian.yml') === true && error.location.line === 2);
});
