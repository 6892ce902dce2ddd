// Run records: every run written as one JSON document (`<runs dir>/<id>.json`) with what --json holds
// plus who ran what and when: id, argv (secrets masked), tsplay version, playbook and inventory paths,
// start/end, exit code, and per task and host when its result came. The events reaching reporters are
// already masked, so results and diffs are too. Writing a record never fails the run: a problem is a
// warning on stderr. The directory is 0700 and the files 0600: results may hold host data.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonCollector, type HostTiming, type JsonDocument } from './json.js';
import type { FinishSummary, Reporter, TextOutput } from './reporter.js';

export const RECORD_FORMAT = 1;

export interface RunRecord extends JsonDocument {
  format: typeof RECORD_FORMAT;
  id: string;
  tsplay_version: string;
  argv: string[];
  cwd: string;
  playbook: string;
  inventories: string[];
  start: string;
  end: string;
  duration_ms: number;
  exit_code?: number;
  /** Per play index, per task index: host → when its result came. */
  timings: Array<Array<Record<string, HostTiming>>>;
}

export interface RunRecorderOptions {
  readonly dir: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly version: string;
  readonly playbook: string;
  readonly inventories: readonly string[];
  /** Masks secrets in a text (the argv); the CLI's redact with its secrets. */
  readonly mask: (text: string) => string;
  readonly stderr: TextOutput;
  readonly clock?: () => number;
}

export interface RunRecorder extends Reporter {
  readonly id: string;
  /** Where the record is (or would have been) written. */
  readonly file: string;
  finish(summary?: FinishSummary): Promise<void>;
}

/** Sortable by time (to the millisecond), unique enough for one controller: 20261202T104512.123Z-3f9a1c. */
export function newRunId(now: number, random: () => number = Math.random): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '');
  return `${stamp}-${Math.floor(random() * 0x1000000).toString(16).padStart(6, '0')}`;
}

export function createRunRecorder(options: RunRecorderOptions): RunRecorder {
  const clock = options.clock ?? Date.now;
  const started = clock();
  const id = newRunId(started);
  const file = join(options.dir, `${id}.json`);
  const collector = new JsonCollector(clock);
  let finished = false;
  return {
    id,
    file,
    onEvent: collector.onEvent,
    async finish(summary) {
      if (finished) return;
      finished = true;
      const ended = clock();
      const doc = collector.document;
      const record: RunRecord = {
        format: RECORD_FORMAT,
        id,
        tsplay_version: options.version,
        argv: options.argv.map(options.mask),
        cwd: options.cwd,
        playbook: options.playbook,
        inventories: [...options.inventories],
        start: new Date(started).toISOString(),
        end: new Date(ended).toISOString(),
        duration_ms: ended - started,
        ...(summary?.exitCode === undefined ? {} : { exit_code: summary.exitCode }),
        ...doc,
        ...(summary?.interrupted ? { interrupted: true } : {}),
        ...(summary?.error === undefined ? {} : { error: summary.error }),
        timings: doc.plays.map((play) => play.tasks.map((task) => ({ ...collector.hostTimings.get(task) }))),
      };
      try {
        await mkdir(options.dir, { recursive: true, mode: 0o700 });
        await writeFile(file, JSON.stringify(record) + '\n', { mode: 0o600 });
      } catch (error) {
        options.stderr.write(`[WARNING]: the run record ${file} could not be written: ${(error as Error).message}\n`);
      }
    },
  };
}
