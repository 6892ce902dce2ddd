import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createJsonReporter, type JsonDocument } from '../../../src/report/json.js';
import { FakeStream } from './fake-stream.js';
import { CENSORED, scriptedEvents, tasks } from './events-fixture.js';

async function renderJson() {
  const stdout = new FakeStream();
  const stderr = new FakeStream();
  const reporter = createJsonReporter({ stdout, stderr });
  for (const event of scriptedEvents) reporter.onEvent(event);
  assert.equal(stdout.text, '', 'nothing on stdout before the end');
  await reporter.finish({ interrupted: false });
  return { doc: JSON.parse(stdout.text) as JsonDocument, stdout: stdout.text, stderr: stderr.text };
}

test('the document has Ansible json-callback shape plus drift', async () => {
  const { doc, stderr } = await renderJson();
  assert.equal(doc.plays.length, 1);
  const { id, duration, ...play } = doc.plays[0]!.play;
  assert.deepEqual(play, { name: 'k8s', hosts: ['cp1', 'node02'] });
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.ok(duration.start <= duration.end);
  const names = doc.plays[0]!.tasks.map((t) => t.task.name);
  assert.deepEqual(names, ['lb : write haproxy.cfg', 'install packages', 'set token', 'wait for api', 'show', 'restart haproxy']);
  const copy = doc.plays[0]!.tasks[0]!;
  assert.equal(copy.task.where, tasks.copy.where);
  assert.equal(copy.hosts.cp1!.status, 'changed');
  assert.equal(copy.hosts.cp1!.dest, '/etc/haproxy/haproxy.cfg');
  assert.equal(copy.hosts.node02!.delegated_to, 'cp1');
  // Loop: the aggregate keeps its own results; an aggregate without results gets the items.
  const loop = doc.plays[0]!.tasks[1]!;
  assert.equal((loop.hosts.cp1!.results as unknown[]).length, 2);
  assert.equal(loop.hosts.node02!.status, 'ignored');
  assert.equal(loop.hosts.node02!.ignored, true);
  assert.equal(doc.plays[0]!.tasks[5]!.task.handler, true);
  // Stats use Ansible's `failures` key.
  assert.deepEqual(doc.stats.node02, { ok: 3, changed: 0, failures: 1, unreachable: 0, skipped: 0, rescued: 0, ignored: 0 });
  assert.deepEqual(Object.keys(doc.stats), ['a-very-long-host-name-over-26-chars.example.com', 'cp1', 'node02']);
  assert.deepEqual(doc.warnings, ['something odd']);
  assert.equal(stderr, '[WARNING]: something odd\n');
});

test('plays and tasks carry an id and a duration {start, end} as Ansible\'s json callback does', async () => {
  let now = Date.parse('2026-12-02T10:00:00.000Z');
  const stdout = new FakeStream();
  const reporter = createJsonReporter({ stdout, stderr: new FakeStream(), clock: () => now });
  const task = { title: 't', where: 'site.yml:3:7', isHandler: false };
  reporter.onEvent({ type: 'play_start', name: 'p', hosts: ['a', 'b'] });
  now += 1000;
  reporter.onEvent({ type: 'task_start', task, hosts: ['a', 'b'] });
  now += 250;
  reporter.onEvent({ type: 'host_result', task, host: 'a', status: 'ok', result: {} });
  now += 2000;
  reporter.onEvent({ type: 'host_result', task, host: 'b', status: 'changed', result: {} });
  now += 5;
  await reporter.finish();
  const doc = JSON.parse(stdout.text) as JsonDocument;
  assert.deepEqual(doc.plays[0]!.play.duration, { start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T10:00:03.250Z' });
  assert.deepEqual(doc.plays[0]!.tasks[0]!.task.duration, { start: '2026-12-02T10:00:01.000Z', end: '2026-12-02T10:00:03.250Z' });
  assert.notEqual(doc.plays[0]!.tasks[0]!.task.id, doc.plays[0]!.play.id);
  assert.deepEqual({ ...reporter.collector.hostTimings.get(reporter.collector.document.plays[0]!.tasks[0]!) }, {
    a: { start: '2026-12-02T10:00:01.000Z', duration_ms: 250 },
    b: { start: '2026-12-02T10:00:01.000Z', duration_ms: 2250 },
  });
});

test('drift lists each changed task per host with its unified diff', async () => {
  const { doc } = await renderJson();
  assert.deepEqual(
    doc.drift.map((d) => [d.host, d.task]),
    [
      ['cp1', 'lb : write haproxy.cfg'],
      ['cp1', 'install packages'],
    ],
  );
  const first = doc.drift[0]!;
  assert.equal(first.where, tasks.copy.where);
  assert.equal(first.diff[0]!.path, '/etc/haproxy/haproxy.cfg');
  assert.match(first.diff[0]!.unified, /^--- before: \/etc\/haproxy\/haproxy.cfg\n\+\+\+ after: \/etc\/haproxy\/haproxy.cfg\n@@ -1,2 \+1,2 @@\n a\n-b\n\+c\n$/);
  assert.deepEqual(doc.drift[1]!.diff, []);
});

test('item diffs of a loop are collected into drift when the aggregate has none', async () => {
  const stdout = new FakeStream();
  const reporter = createJsonReporter({ stdout, stderr: new FakeStream() });
  reporter.onEvent({ type: 'play_start', name: 'p', hosts: ['h'] });
  reporter.onEvent({ type: 'task_start', task: tasks.loop, hosts: ['h'] });
  reporter.onEvent({ type: 'host_result', task: tasks.loop, host: 'h', status: 'changed', item: 'a', result: { changed: true }, diff: [{ path: '/a', before: '', after: 'x\n' }] });
  reporter.onEvent({ type: 'host_result', task: tasks.loop, host: 'h', status: 'changed', result: { changed: true } });
  await reporter.finish({ interrupted: true });
  const doc = JSON.parse(stdout.text) as JsonDocument;
  assert.equal(doc.interrupted, true);
  assert.deepEqual(doc.drift[0]!.diff.map((d) => d.path), ['/a']);
  const results = doc.plays[0]!.tasks[0]!.hosts.h!.results as Array<Record<string, unknown>>;
  assert.equal(results[0]!.item, 'a');
});

test('censored results keep the secret out of items and drift', async () => {
  const stdout = new FakeStream();
  const reporter = createJsonReporter({ stdout, stderr: new FakeStream() });
  reporter.onEvent({ type: 'task_start', task: tasks.secret, hosts: ['h'] });
  reporter.onEvent({ type: 'host_result', task: tasks.secret, host: 'h', status: 'changed', item: 's3cr3t', result: { censored: CENSORED, changed: true }, diff: [{ path: '/t', before: '', after: 's3cr3t\n' }] });
  reporter.onEvent({ type: 'host_result', task: tasks.secret, host: 'h', status: 'changed', result: { censored: CENSORED, changed: true }, diff: [{ path: '/t', before: '', after: 's3cr3t\n' }] });
  await reporter.finish();
  assert.doesNotMatch(stdout.text, /s3cr3t/);
  const doc = JSON.parse(stdout.text) as JsonDocument;
  assert.equal(doc.drift.length, 1, 'the changed task is still listed as drift');
});
