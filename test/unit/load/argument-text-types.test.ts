// Module arguments written as quoted text where the module wants a boolean or a number are
// converted as Ansible's argument spec converts them (evrardjp.keepalived writes
// `service: {enabled: "yes", masked: "no"}`); text that is neither still fails at load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlaybook } from '../../../src/load/index.js';
import { defaultRegistry } from '../../../src/modules/registry.js';
import type { ModuleTask } from '../../../src/model.js';

async function firstTaskArgs(task: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'arg-types-'));
  try {
    writeFileSync(join(dir, 'play.yml'), `- hosts: all\n  tasks:\n    - ${task}\n`);
    const book = await loadPlaybook(join(dir, 'play.yml'), { registry: defaultRegistry });
    return (book.plays[0]!.tasks[0] as ModuleTask).args;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('quoted yes/no and digits become the boolean or number the module declares', async () => {
  assert.deepEqual(await firstTaskArgs('service: {name: keepalived, state: started, enabled: "yes"}'), { name: 'keepalived', state: 'started', enabled: true });
  assert.deepEqual(await firstTaskArgs('wait_for: {port: "8080", timeout: "30"}'), { port: 8080, timeout: 30 });
  // A string argument keeps its text (mode is text: "0644" is not the number 644).
  assert.deepEqual(await firstTaskArgs('file: {path: /x, mode: "0644", state: "touch"}'), { path: '/x', mode: '0644', state: 'touch' });
});

test('text that is not a boolean is still refused, with its location', async () => {
  await assert.rejects(firstTaskArgs('service: {name: x, enabled: "perhaps"}'), (error: Error & { location?: { line: number } }) => {
    assert.match(error.message, /'enabled' must be a boolean, got a string \('perhaps'\)/);
    assert.equal(error.location?.line, 3);
    return true;
  });
});

test("the one-letter words are booleans too, as Ansible's boolean() reads them (y, t, n, f)", async () => {
  assert.deepEqual(await firstTaskArgs('systemd: {name: k, enabled: "y", masked: "N", daemon_reload: "t", "daemon-reload": "f"}'), { name: 'k', enabled: true, masked: false, daemon_reload: true, "daemon-reload": false });
});
