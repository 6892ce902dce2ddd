// The report page from a run record: host data stays text, drift renders as a diff, the slowest
// tasks and the status changes since an older run are computed from the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReportModel, statusChanges } from '../../../src/report/html/report-model.js';
import { renderReport } from '../../../src/report/html/render-report.js';
import type { RunRecord } from '../../../src/report/run-record.js';

function record(id: string, statuses: Record<string, string>, extra: Partial<RunRecord> = {}): RunRecord {
  const stats = { ok: 1, changed: 0, failures: 0, unreachable: 0, skipped: 0, rescued: 0, ignored: 0 };
  return {
    format: 1, id, tsplay_version: '0.1.0', argv: ['run', 'site.yml'], cwd: '/w', playbook: '/w/site.yml', inventories: [],
    start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T10:00:10.000Z', duration_ms: 10_000, exit_code: 0, check: false, warnings: [],
    plays: [{
      play: { name: 'p', id: 'p1', hosts: Object.keys(statuses), duration: { start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T10:00:10.000Z' } },
      tasks: [
        { task: { name: 'fast', id: 't1', where: 'site.yml:3:7', handler: false, duration: { start: '2026-12-02T10:00:00.000Z', end: '2026-12-02T10:00:01.000Z' } },
          hosts: Object.fromEntries(Object.keys(statuses).map((h) => [h, { status: 'ok' }])) },
        { task: { name: 'slow <script>', id: 't2', where: 'site.yml:5:7', handler: false, duration: { start: '2026-12-02T10:00:01.000Z', end: '2026-12-02T10:00:09.000Z' } },
          hosts: Object.fromEntries(Object.entries(statuses).map(([h, s]) => [h, { status: s, ...(s === 'failed' ? { msg: '<img src=x onerror=alert(1)>', rc: 3 } : {}) }])) },
      ],
    }],
    stats: Object.fromEntries(Object.entries(statuses).map(([h, s]) => [h, { ...stats, failures: s === 'failed' ? 1 : 0 }])),
    drift: [{ host: 'a', task: 'slow <script>', where: 'site.yml:5:7', diff: [{ path: '/etc/x.conf', unified: '--- before: /etc/x.conf\n+++ after: /etc/x.conf\n@@ -1 +1 @@\n-old <i>\n+new <i>\n' }] }],
    timings: [[{ a: { start: '2026-12-02T10:00:00.000Z', duration_ms: 900 } }, { a: { start: '2026-12-02T10:00:01.000Z', duration_ms: 8000 }, b: { start: '2026-12-02T10:00:01.000Z', duration_ms: 7000 } }]],
    ...extra,
  };
}

test('host data on the page is text: names, failure output and diff lines are escaped; no script, a CSP forbids fetching', () => {
  const html = renderReport(buildReportModel(record('r2', { a: 'changed', b: 'failed' })));
  assert.ok(!html.includes('<img src=x'), 'failure output escaped');
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(!html.includes('slow <script>') && html.includes('slow &lt;script&gt;'));
  assert.ok(!/<script\b/i.test(html), 'the page has no script at all');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /d2h-file-wrapper/);
  assert.ok(!html.includes('<i>') && html.includes('&lt;i&gt;'), 'diff lines escaped');
  assert.ok(!/(?:src|href)="https?:/.test(html), 'no external resource');
});

test('the slowest tasks come first with the host that finished last; the timeline places each bar', () => {
  const model = buildReportModel(record('r2', { a: 'changed', b: 'failed' }));
  assert.deepEqual(model.slowest.map((t) => [t.task, t.durationMs, t.slowestHost]), [['slow <script>', 8000, 'a'], ['fast', 1000, 'a']]);
  assert.deepEqual(model.timeline.get('a')!.map((b) => [b.offsetMs, b.durationMs]), [[0, 900], [1000, 8000]]);
  assert.deepEqual(model.failures.map((f) => [f.host, f.output.rc]), [['b', 3]]);
});

test('since an older run: the host × task pairs whose status differs, and tasks that did not run', () => {
  const older = record('r1', { a: 'changed', b: 'ok', c: 'ok' });
  const newer = record('r2', { a: 'changed', b: 'failed' });
  assert.deepEqual(statusChanges(older, newer).map((c) => [c.host, c.task, c.before, c.after]), [
    ['b', 'slow <script>', 'ok', 'failed'],
    ['c', 'fast', 'ok', 'absent'],
    ['c', 'slow <script>', 'ok', 'absent'],
  ]);
  assert.match(renderReport(buildReportModel(newer, older)), /Since run r1/);
});
