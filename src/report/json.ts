// --json: one machine-readable document on stdout at the end, shaped like Ansible's json callback
// ({plays:[{play, tasks:[{task, hosts}]}], stats}) plus `drift`: every task that changed (or would
// change, under --check) on each host, with its diff. Nothing else goes to stdout.
import type { FileDiff } from '../diff/unified.js';
import { unifiedDiffLines } from './diff-format.js';
import { isCensored } from './result-lines.js';
import type { HostStats, RunEvent, TaskRef } from '../engine/events.js';
import type { Reporter, TextOutput } from './reporter.js';
import { nameTable } from '../util/name-table.js';
import { randomUUID } from 'node:crypto';

/** Ansible's json callback times plays and tasks as ISO instants (UTC). */
export interface JsonDuration {
  start: string;
  end: string;
}

export interface JsonTaskEntry {
  task: { name: string; id: string; where: string; handler: boolean; duration: JsonDuration };
  hosts: Record<string, Record<string, unknown>>;
}

export interface JsonPlayEntry {
  play: { name: string; id: string; hosts: string[]; duration: JsonDuration };
  tasks: JsonTaskEntry[];
}

/** When a host's result for a task arrived, measured from the task's start (for run records). */
export interface HostTiming {
  start: string;
  duration_ms: number;
}

export interface JsonDriftEntry {
  host: string;
  task: string;
  where: string;
  /** One entry per changed file: its path and the unified diff text (empty list when the module gave no diff). */
  diff: Array<{ path: string; unified: string }>;
}

export interface JsonStats {
  ok: number;
  changed: number;
  failures: number;
  unreachable: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export interface JsonDocument {
  check: boolean;
  plays: JsonPlayEntry[];
  stats: Record<string, JsonStats>;
  drift: JsonDriftEntry[];
  warnings: string[];
  interrupted?: boolean;
  error?: string;
}

/** Ansible's json callback names the failed counter `failures`. */
export function toJsonStats(stats: HostStats): JsonStats {
  return { ok: stats.ok, changed: stats.changed, failures: stats.failed, unreachable: stats.unreachable, skipped: stats.skipped, rescued: stats.rescued, ignored: stats.ignored };
}

function taskKey(task: TaskRef): string {
  return `${task.isHandler ? 'H' : 'T'}\u0000${task.where}\u0000${task.title}`;
}

/** Collects the events into a JsonDocument; exposed for tests and for callers that want the object. */
export class JsonCollector {
  readonly document: JsonDocument = { check: false, plays: [], stats: nameTable(), drift: [], warnings: [] };
  /** Per task entry, per host: when its result came (not in --json: Ansible's shape has no such field). */
  readonly hostTimings = new Map<JsonTaskEntry, Record<string, HostTiming>>();
  private currentTasks = new Map<string, JsonTaskEntry>();
  private readonly taskStarted = new Map<JsonTaskEntry, number>();

  /** `clock` in ms since the epoch; events are emitted as they happen, so their arrival time is theirs. */
  constructor(private readonly clock: () => number = Date.now) {}

  private stamp(): { ms: number; iso: string } {
    const ms = this.clock();
    return { ms, iso: new Date(ms).toISOString() };
  }
  private itemResults = new Map<string, unknown[]>();
  private itemDiffs = new Map<string, FileDiff[]>();

  private play(): JsonPlayEntry {
    let play = this.document.plays[this.document.plays.length - 1];
    if (!play) {
      const { iso } = this.stamp();
      play = { play: { name: '', id: randomUUID(), hosts: [], duration: { start: iso, end: iso } }, tasks: [] };
      this.document.plays.push(play);
    }
    return play;
  }

  private taskEntry(task: TaskRef): JsonTaskEntry {
    const key = taskKey(task);
    let entry = this.currentTasks.get(key);
    if (!entry) {
      const { ms, iso } = this.stamp();
      entry = { task: { name: task.title, id: randomUUID(), where: task.where, handler: task.isHandler, duration: { start: iso, end: iso } }, hosts: nameTable() };
      this.currentTasks.set(key, entry);
      this.taskStarted.set(entry, ms);
      this.play().tasks.push(entry);
    }
    return entry;
  }

  /** A host finished a task: the task and its play end no earlier than now. */
  private hostDone(entry: JsonTaskEntry, host: string): void {
    const { ms, iso } = this.stamp();
    entry.task.duration.end = iso;
    this.play().play.duration.end = iso;
    const started = this.taskStarted.get(entry) ?? ms;
    let timings = this.hostTimings.get(entry);
    if (!timings) this.hostTimings.set(entry, (timings = nameTable()));
    timings[host] = { start: entry.task.duration.start, duration_ms: ms - started };
  }

  readonly onEvent = (event: RunEvent): void => {
    switch (event.type) {
      case 'playbook_start':
        this.document.check = event.check;
        return;
      case 'play_start': {
        const { iso } = this.stamp();
        this.document.plays.push({ play: { name: event.name, id: randomUUID(), hosts: [...event.hosts], duration: { start: iso, end: iso } }, tasks: [] });
        this.currentTasks.clear();
        return;
      }
      case 'task_start': {
        // A task that starts again (a handler flushed twice, a second serial batch) gets a new entry.
        const key = taskKey(event.task);
        this.currentTasks.delete(key);
        this.taskEntry(event.task);
        return;
      }
      case 'host_result': {
        const entry = this.taskEntry(event.task);
        const pair = `${taskKey(event.task)}\u0000${event.host}`;
        const censored = isCensored(event);
        if (event.item !== undefined) {
          this.itemResults.set(pair, [...(this.itemResults.get(pair) ?? []), { ...event.result, ...(censored ? {} : { item: event.item }), status: event.status }]);
          if (event.status === 'changed' && event.diff && !censored) this.itemDiffs.set(pair, [...(this.itemDiffs.get(pair) ?? []), ...event.diff]);
          return;
        }
        const result: Record<string, unknown> = { ...event.result, status: event.status };
        const items = this.itemResults.get(pair);
        if (items && !Array.isArray(result.results)) result.results = items;
        if (event.delegatedTo !== undefined) result.delegated_to = event.delegatedTo;
        if (event.ignored) result.ignored = true;
        entry.hosts[event.host] = result;
        this.hostDone(entry, event.host);
        const diffs = censored ? [] : event.diff && event.diff.length > 0 ? event.diff : this.itemDiffs.get(pair) ?? [];
        this.itemResults.delete(pair);
        this.itemDiffs.delete(pair);
        if (event.status === 'changed') {
          this.document.drift.push({
            host: event.host,
            task: event.task.title,
            where: event.task.where,
            diff: diffs.map((d) => ({ path: d.path, unified: unifiedDiffLines(d).join('') })),
          });
        }
        return;
      }
      case 'warning':
        this.document.warnings.push(event.message);
        return;
      case 'recap':
        this.document.stats = nameTable();
        for (const [h, s] of Object.entries(event.stats).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) this.document.stats[h] = toJsonStats(s);
        return;
      default:
        return;
    }
  };
}

export interface JsonReporterOptions {
  readonly stdout: TextOutput;
  /** Warnings also go here as they happen, so a human watching stderr sees them. */
  readonly stderr: TextOutput;
  /** ms since the epoch (tests pass a fake one). */
  readonly clock?: () => number;
}

export function createJsonReporter(options: JsonReporterOptions): Reporter & { readonly collector: JsonCollector } {
  const collector = new JsonCollector(options.clock);
  let finished = false;
  return {
    collector,
    onEvent: (event) => {
      collector.onEvent(event);
      if (event.type === 'warning') options.stderr.write(`[WARNING]: ${event.message}\n`);
    },
    finish: async (summary) => {
      if (finished) return;
      finished = true;
      if (summary?.interrupted) collector.document.interrupted = true;
      if (summary?.error !== undefined) collector.document.error = summary.error;
      options.stdout.write(JSON.stringify(collector.document, null, 4) + '\n');
    },
  };
}
