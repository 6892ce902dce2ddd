// Play-level no_log, ignore_errors, check_mode, ignore_unreachable and throttle: defaults for every
// task of the play (handlers too), which a block or task overrides, as in Ansible.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadPlaybook } from '../../../src/load/index.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { inventory, recordModule, results, runTest } from '../engine/helpers.js';

// For loading only: runTest records calls with its own instance of the module.
const registry = createRegistry([...allModules, recordModule([])]);

async function load(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-play-kw-'));
  writeFileSync(join(dir, 'site.yml'), text);
  return loadPlaybook(join(dir, 'site.yml'), { registry });
}

test('play no_log hides results of tasks and handlers; a task says no_log: false to show its own', async () => {
  const pb = await load(`- hosts: h1
  gather_facts: false
  no_log: true
  tasks:
    - name: hidden
      debug: { msg: "secret-value-1" }
      changed_when: true
      notify: handler
    - name: shown
      debug: { msg: "visible-value" }
      no_log: false
  handlers:
    - name: handler
      debug: { msg: "secret-value-2" }
`);
  const { events } = await runTest(pb, inventory({ h1: {} }));
  const text = JSON.stringify(events);
  assert.ok(!text.includes('secret-value-1') && !text.includes('secret-value-2'), text);
  assert.ok(text.includes('visible-value'));
  assert.equal(results(events, 'handler').length, 1, 'the handler ran');
});

test('play ignore_errors goes on after a failure; play check_mode simulates unless a task says otherwise', async () => {
  const pb = await load(`- hosts: h1
  gather_facts: false
  ignore_errors: true
  check_mode: true
  tasks:
    - name: fails
      fail: { msg: boom }
    - name: simulated
      record: {}
    - name: for real
      record: {}
      check_mode: false
`);
  const { events, outcome, calls } = await runTest(pb, inventory({ h1: {} }));
  assert.equal(results(events, 'fails')[0]?.status, 'ignored');
  assert.equal(outcome.anyFailed, false);
  assert.deepEqual(calls.map((c) => c.check), [true, false]);
});

test('play ignore_unreachable keeps an unreachable host in the play', async () => {
  const pb = await load(`- hosts: all
  gather_facts: false
  ignore_unreachable: true
  tasks:
    - name: first
      command: "true"
    - name: second
      command: "true"
`);
  const { events } = await runTest(pb, inventory({ h1: {}, h2: {} }), {}, { unreachable: ['h2'] });
  assert.deepEqual(results(events, 'second').map((e) => `${e.host}:${e.status}`).sort(), ['h1:changed', 'h2:unreachable']);
});
