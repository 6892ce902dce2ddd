// Module arguments written as text where the schema wants a boolean or a number are converted at
// load as Ansible's argument spec converts them, in a mapping as in key=value text:
// evrardjp.keepalived writes `enabled: "yes"` and `masked: "no"` (issue #14's real-roles corpus).
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import type { ModuleTask } from '../../../src/model.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';

const registry = createRegistry(allModules);

async function argsOf(task: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-arg-types-'));
  writeFileSync(join(dir, 'site.yml'), `- hosts: all\n  tasks:\n${task}`);
  const book = await loadPlaybook(join(dir, 'site.yml'), { registry });
  return (book.plays[0]!.tasks[0] as ModuleTask).args;
}

test('quoted boolean words in a mapping are booleans (Ansible boolean(): yes/no/on/off/true/false/y/n/t/f/1/0)', async () => {
  assert.deepEqual(await argsOf('    - systemd: { name: keepalived, enabled: "yes", masked: "no", daemon_reload: "True" }\n'), { name: 'keepalived', enabled: true, masked: false, daemon_reload: true });
  assert.deepEqual(await argsOf('    - systemd: name=keepalived enabled=y masked=off\n'), { name: 'keepalived', enabled: true, masked: false });
});

test('a quoted number where an integer is wanted is a number; a template stays for run time; a non-word is still an error', async () => {
  assert.deepEqual(await argsOf('    - wait_for: { port: "22", timeout: "{{ t }}" }\n'), { port: 22, timeout: '{{ t }}' });
  await assert.rejects(argsOf('    - systemd: { name: k, enabled: "maybe" }\n'), /'enabled' must be a boolean, got a string \('maybe'\)/);
});
