import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createListrReporter, rowTitle } from '../../../src/report/listr.js';
import { createPalette } from '../../../src/report/color.js';
import type { RunEvent } from '../../../src/engine/events.js';
import { FakeStream } from './fake-stream.js';
import { CENSORED, scriptedEvents, tasks } from './events-fixture.js';

test('row titles count hosts by state', () => {
  const states = new Map([['a', 'ok'], ['b', 'ok'], ['c', 'changed'], ['d', 'failed']] as const);
  const title = rowTitle({ task: tasks.copy, hosts: ['a', 'b', 'c', 'd', 'e'], states: new Map(states), retrying: new Map([['e', 2]]), closed: false }, createPalette(false));
  assert.equal(title, 'TASK [lb : write haproxy.cfg]  ✔ 2 ok  ● 1 changed  ✖ 1 failed  … 1 running: e  ↻ e (2 retries left)');
  // Many hosts still running are counted, not named; the row's clock shows how long it has run.
  const many = rowTitle({ task: tasks.copy, hosts: ['a', 'b', 'c', 'd', 'e'], states: new Map(), retrying: new Map(), closed: false, startedAt: 1_000 }, createPalette(false), 13_345);
  assert.equal(many, 'TASK [lb : write haproxy.cfg]  … 5 running  12.3s');
  const ended = rowTitle({ task: tasks.copy, hosts: ['a'], states: new Map([['a', 'ok']] as const), retrying: new Map(), closed: true, startedAt: 0, endedAt: 125_000 }, createPalette(false), 999_999);
  assert.equal(ended, 'TASK [lb : write haproxy.cfg]  ✔ 1 ok  2m05s');
  const closed = rowTitle({ task: tasks.handler, hosts: ['a', 'e'], states: new Map([['a', 'skipped']] as const), retrying: new Map(), closed: true }, createPalette(false));
  assert.equal(closed, 'RUNNING HANDLER [restart haproxy]  ○ 1 skipped');
});

test('on a non-TTY stream the live reporter does not crash and renders each row final state, details and the recap', async () => {
  const stdout = new FakeStream(false);
  const stderr = new FakeStream(false);
  const reporter = createListrReporter({ stdout, stderr, verbosity: 0, diff: true, color: false });
  for (const event of scriptedEvents) reporter.onEvent(event);
  await reporter.finish();
  const text = stdout.text;
  assert.match(text, /PLAY \[k8s\] \*+/);
  assert.match(text, /TASK \[lb : write haproxy.cfg\]  ✔ 1 ok  ● 1 changed/);
  assert.match(text, /TASK \[install packages\]  ● 1 changed  ✖ 1 ignored/);
  assert.match(text, /TASK \[wait for api\]  ⚠ 1 unreachable/);
  assert.match(text, /RUNNING HANDLER \[restart haproxy\]  ○ 1 skipped/);
  // Failures and diffs are printed in full below their row.
  assert.match(text, /\+\+\+ after: \/etc\/haproxy\/haproxy.cfg\n@@ -1,2 \+1,2 @@\n a\n-b\n\+c\n/);
  assert.match(text, /failed: \[node02\] \(item=curl\) => \{"changed": false, "failed": true, "msg": "no such package"\}\n\.\.\.ignoring/);
  assert.match(text, /fatal: \[node02\]: UNREACHABLE!/);
  assert.match(text, /ok: \[cp1\] => \{\n {4}"msg": "hello"\n\}/, 'debug output is shown');
  assert.match(text, /\nPLAY RECAP \*+\n/);
  assert.match(text, /^cp1 {24}: ok=7 /m);
  assert.ok(text.indexOf('lb : write haproxy.cfg') < text.indexOf('install packages'), 'rows keep their order');
  assert.ok(text.indexOf('NO MORE HOSTS LEFT') < text.indexOf('PLAY RECAP'));
  assert.match(text + stderr.text, /\[WARNING\]: something odd/);
  assert.doesNotMatch(text, /\u001b\[/, 'no colour when disabled');
});

test('a row whose results arrive over time ends with its final counts, and censored data stays hidden', async () => {
  const stdout = new FakeStream(false);
  const reporter = createListrReporter({ stdout, stderr: new FakeStream(false), verbosity: 1, diff: true, color: false });
  const events: RunEvent[] = [
    { type: 'task_start', task: tasks.secret, hosts: ['a', 'b'] },
    { type: 'host_result', task: tasks.secret, host: 'a', status: 'changed', item: 's3cr3t', result: { censored: CENSORED, changed: true }, diff: [{ path: '/t', before: '', after: 's3cr3t\n' }] },
  ];
  for (const event of events) reporter.onEvent(event);
  await new Promise((resolve) => setTimeout(resolve, 150));
  reporter.onEvent({ type: 'host_result', task: tasks.secret, host: 'a', status: 'changed', result: { censored: CENSORED, changed: true }, diff: [{ path: '/t', before: '', after: 's3cr3t\n' }] });
  reporter.onEvent({ type: 'host_result', task: tasks.secret, host: 'b', status: 'failed', result: { censored: CENSORED, changed: false } });
  await reporter.finish();
  assert.match(stdout.text, /TASK \[set token\]  ● 1 changed  ✖ 1 failed/);
  assert.doesNotMatch(stdout.text, /s3cr3t/);
  assert.match(stdout.text, /changed: \[a\] => \(item=None\)/);
});
