// The transfer figures' section of bench/RESULTS.md: judged against issue #16's targets, replaced in
// place by a new transfers run, and kept when report.ts rewrites the rest of the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existingTransfersSection, transfersSection, withTransfersSection, type TransferFigures } from '../../../bench/lib/transfers-section.js';

const run = (seconds: number, peakRssKb: number, changed: number) => ({ seconds, peakRssKb, recap: { hosts: 20, ok: 20, changed, unreachable: 0, failed: 0 } });
const figures = (oneHostRatio: number): TransferFigures => ({
  hosts: 20, startedAt: '2026-12-02T00:00:00Z', loadAverage: '1.00',
  gib_to_all: run(300, 180_000, 20),
  one_host: { tsplay: run(4, 100_000, 1), scp: run(3.6, 8000, 0), throughputRatio: oneHostRatio },
  all_hosts: { tsplay: run(60, 170_000, 20), scp: run(45, 8000, 0), timeRatio: 60 / 45 },
  second_run: { ...run(5, 110_000, 0), bridgeTxBytes: 100_000 },
});

test('each target is judged from the figures', () => {
  const met = transfersSection(figures(0.9));
  assert.match(met, /controller peak RSS < 300 MB \| 176 MB .*\| met \|/);
  assert.match(met, /≥ 80% of scp's throughput \| 90% .*\| met \|/);
  assert.match(met, /≤ 1\.5× .*\| 1\.33× .*\| met \|/);
  assert.match(met, /0 bytes of the file \| 98 KiB .*\| met \|/);
  assert.match(transfersSection(figures(0.5)), /≥ 80% of scp's throughput \| 50% .*\| not met \|/);
});

test('a new run replaces the section in place; report.ts finds it to keep', () => {
  const doc = '# Results\n\n## Medians\n\nrows\n';
  const once = withTransfersSection(doc, transfersSection(figures(0.5)));
  assert.ok(once.startsWith(doc.trimEnd()));
  const twice = withTransfersSection(once, transfersSection(figures(0.9)));
  assert.equal(twice.split('## File transfers').length, 2, 'one section');
  assert.match(twice, /\| 90% /);
  assert.doesNotMatch(twice, /\| 50% /);
  assert.equal(existingTransfersSection(twice), transfersSection(figures(0.9)));
  assert.equal(existingTransfersSection(doc), undefined);
});
