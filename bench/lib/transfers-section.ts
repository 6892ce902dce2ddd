// The "File transfers" section of bench/RESULTS.md (issue #16), from bench/transfers.ts's figures.
// It lives between markers so that report.ts, which rewrites the rest of RESULTS.md from the
// Ansible comparison, keeps the last transfer figures (the two benchmarks run separately).
import type { TimedRun } from './timed-run.js';

export const TRANSFERS_BEGIN = '<!-- transfers: written by bench/transfers.sh -->';
export const TRANSFERS_END = '<!-- /transfers -->';

export interface TransferFigures {
  hosts: number;
  startedAt: string;
  loadAverage: string;
  gib_to_all: TimedRun;
  one_host: { tsplay: TimedRun; scp: TimedRun; throughputRatio: number | null };
  all_hosts: { tsplay: TimedRun; scp: TimedRun; timeRatio: number | null };
  second_run: TimedRun & { bridgeTxBytes: number };
  /** Load average when the figures were taken, at the end. */
  loadAverageAfter?: string;
}

const secs = (run: TimedRun) => (run.seconds === null ? 'failed' : `${run.seconds.toFixed(2)} s`);
const mb = (kb: number | null) => (kb === null ? '?' : `${(kb / 1024).toFixed(0)} MB`);
const status = (ok: boolean | null) => (ok === null ? 'not measured' : ok ? 'met' : 'not met');

export function transfersSection(f: TransferFigures): string {
  const rss = f.gib_to_all.peakRssKb;
  const rows = [
    [`1 GiB to ${f.hosts} hosts: controller peak RSS < 300 MB`, `${mb(rss)} (${secs(f.gib_to_all)}, ${f.gib_to_all.recap?.changed ?? '?'} changed)`, status(rss === null ? null : rss < 300 * 1024)],
    ['100 MiB to one host: ≥ 80% of scp\'s throughput', `${f.one_host.throughputRatio === null ? '?' : `${(f.one_host.throughputRatio * 100).toFixed(0)}%`} (tsplay ${secs(f.one_host.tsplay)}, scp ${secs(f.one_host.scp)})`, status(f.one_host.throughputRatio === null ? null : f.one_host.throughputRatio >= 0.8)],
    [`100 MiB to ${f.hosts} hosts: ≤ 1.5× the time of ${f.hosts} parallel scp`, `${f.all_hosts.timeRatio === null ? '?' : `${f.all_hosts.timeRatio.toFixed(2)}×`} (tsplay ${secs(f.all_hosts.tsplay)}, scp ${secs(f.all_hosts.scp)})`, status(f.all_hosts.timeRatio === null ? null : f.all_hosts.timeRatio <= 1.5)],
    ['second run transfers 0 bytes of the file', `${(f.second_run.bridgeTxBytes / 1024).toFixed(0)} KiB crossed the lab bridge in all (commands and their answers; the file is 100 MiB), ${f.second_run.recap?.changed ?? '?'} changed, ${secs(f.second_run)}`, status(f.second_run.bridgeTxBytes < 1024 * 1024 && f.second_run.recap?.changed === 0)],
  ];
  return [
    TRANSFERS_BEGIN,
    '## File transfers (issue #16)',
    '',
    `Measured by \`bash bench/transfers.sh --hosts ${f.hosts}\` from ${f.startedAt}: \`copy\` of one controller file (random bytes) to plain lab hosts over SFTP on the pooled connection, against OpenSSH's \`scp\` (one per host, all in parallel) on the same hosts; every run a first run (destination removed untimed before). Peak RSS is GNU time's largest process. Load average at the start: ${f.loadAverage}${f.loadAverageAfter ? `; at the end: ${f.loadAverageAfter}` : ''} (the lab hosts, both tools and whatever else runs share the machine's 2 cores; tsplay's SSH runs in JavaScript, scp in C, so a loaded machine costs tsplay more).`,
    '',
    '| target | measured | status |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    TRANSFERS_END,
  ].join('\n');
}

/** `doc` with its transfers section replaced by `section` (appended when it has none). */
export function withTransfersSection(doc: string, section: string): string {
  const begin = doc.indexOf(TRANSFERS_BEGIN);
  const end = doc.indexOf(TRANSFERS_END);
  if (begin < 0 || end < begin) return `${doc.replace(/\n*$/, '')}\n\n${section}\n`;
  return doc.slice(0, begin) + section + doc.slice(end + TRANSFERS_END.length);
}

/** The transfers section of `doc`, if it has one (report.ts keeps it). */
export function existingTransfersSection(doc: string): string | undefined {
  const begin = doc.indexOf(TRANSFERS_BEGIN);
  const end = doc.indexOf(TRANSFERS_END);
  return begin >= 0 && end > begin ? doc.slice(begin, end + TRANSFERS_END.length) : undefined;
}
