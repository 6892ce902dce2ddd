// What the HTML report shows, computed from a run record: recap, per-host timeline, slowest tasks,
// failures with their output, drift per host; and, against an older record, what changed since.
import type { RunRecord } from '../run-record.js';

export interface TimelineBar {
  readonly task: string;
  readonly where: string;
  readonly status: string;
  /** ms from the start of the run. */
  readonly offsetMs: number;
  readonly durationMs: number;
}

export interface SlowTask {
  readonly play: string;
  readonly task: string;
  readonly where: string;
  readonly durationMs: number;
  /** The host whose result came last. */
  readonly slowestHost: string;
}

export interface Failure {
  readonly host: string;
  readonly task: string;
  readonly where: string;
  readonly status: string;
  /** msg, stdout, stderr, rc... as the module returned them (already masked). */
  readonly output: Readonly<Record<string, unknown>>;
}

export interface DriftEntry {
  readonly task: string;
  readonly where: string;
  readonly diffs: ReadonlyArray<{ path: string; unified: string }>;
}

export interface StatusChange {
  readonly host: string;
  readonly task: string;
  readonly where: string;
  readonly before: string;
  readonly after: string;
}

export interface ReportModel {
  readonly record: RunRecord;
  readonly hosts: readonly string[];
  readonly timeline: ReadonlyMap<string, readonly TimelineBar[]>;
  readonly slowest: readonly SlowTask[];
  readonly failures: readonly Failure[];
  readonly drift: ReadonlyMap<string, readonly DriftEntry[]>;
  readonly since?: { readonly record: RunRecord; readonly changes: readonly StatusChange[] };
}

const SLOWEST_SHOWN = 10;
const OUTPUT_KEYS = ['msg', 'rc', 'stdout', 'stderr', 'exception', 'results'];

function hostResults(record: RunRecord) {
  return record.plays.flatMap((play, p) => play.tasks.flatMap((entry, t) =>
    Object.entries(entry.hosts).map(([host, result]) => ({ play, entry, host, result, timing: record.timings[p]?.[t]?.[host] }))));
}

export function buildReportModel(record: RunRecord, older?: RunRecord): ReportModel {
  const runStart = Date.parse(record.start);
  const results = hostResults(record);
  const hosts = Object.keys(record.stats).length > 0 ? Object.keys(record.stats) : [...new Set(results.map((r) => r.host))].sort();

  const timeline = new Map<string, TimelineBar[]>(hosts.map((h) => [h, []]));
  for (const { entry, host, result, timing } of results) {
    if (!timing) continue;
    const bars = timeline.get(host) ?? [];
    bars.push({
      task: entry.task.name,
      where: entry.task.where,
      status: String(result.status ?? 'ok'),
      offsetMs: Date.parse(timing.start) - runStart,
      durationMs: timing.duration_ms,
    });
    timeline.set(host, bars);
  }

  const slowest = record.plays.flatMap((play, p) => play.tasks.map((entry, t) => {
    const timings = Object.entries(record.timings[p]?.[t] ?? {});
    const last = timings.reduce<[string, number]>((best, [h, x]) => (x.duration_ms > best[1] ? [h, x.duration_ms] : best), ['', -1]);
    return { play: play.play.name, task: entry.task.name, where: entry.task.where, durationMs: Date.parse(entry.task.duration.end) - Date.parse(entry.task.duration.start), slowestHost: last[0] };
  })).sort((a, b) => b.durationMs - a.durationMs).slice(0, SLOWEST_SHOWN);

  const failures = results
    .filter(({ result }) => result.status === 'failed' || result.status === 'unreachable')
    .map(({ entry, host, result }) => ({
      host,
      task: entry.task.name,
      where: entry.task.where,
      status: String(result.status),
      output: Object.fromEntries(OUTPUT_KEYS.filter((k) => result[k] !== undefined && result[k] !== '').map((k) => [k, result[k]])),
    }));

  const drift = new Map<string, DriftEntry[]>();
  for (const d of record.drift) drift.set(d.host, [...(drift.get(d.host) ?? []), { task: d.task, where: d.where, diffs: d.diff }]);

  return { record, hosts, timeline, slowest, failures, drift, ...(older ? { since: { record: older, changes: statusChanges(older, record) } } : {}) };
}

/** Host × task (by location and name) whose status differs between two runs; 'absent' when not run. */
export function statusChanges(older: RunRecord, newer: RunRecord): StatusChange[] {
  const key = (where: string, task: string, host: string) => `${where}\u0000${task}\u0000${host}`;
  const statuses = (record: RunRecord) => {
    const map = new Map<string, { host: string; task: string; where: string; status: string }>();
    for (const { entry, host, result } of hostResults(record)) {
      map.set(key(entry.task.where, entry.task.name, host), { host, task: entry.task.name, where: entry.task.where, status: String(result.status ?? 'ok') });
    }
    return map;
  };
  const before = statuses(older);
  const after = statuses(newer);
  const changes: StatusChange[] = [];
  for (const [k, now] of after) {
    const then = before.get(k)?.status ?? 'absent';
    if (then !== now.status) changes.push({ ...now, before: then, after: now.status });
  }
  for (const [k, then] of before) if (!after.has(k)) changes.push({ ...then, before: then.status, after: 'absent' });
  return changes;
}
