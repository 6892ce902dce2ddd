// One timed run through hyperfine (--runs 1, JSON export), with the command's output kept in a
// log and its peak RSS taken by GNU time (`%M`, KiB, the largest single process of the run).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { shellQuote } from '../../src/util/shell-quote.js';
import { parseRecap, type RecapTotals } from './recap.js';

export interface TimedRun {
  readonly seconds: number | null;
  readonly peakRssKb: number | null;
  readonly recap: RecapTotals | null;
  readonly error?: string;
}

export interface TimedRunSpec {
  /** Shell command (env assignments allowed) whose wall time is measured. */
  readonly command: string;
  /** Untimed shell command hyperfine runs just before (a reset). */
  readonly prepare?: string;
  readonly logFile: string;
  readonly jsonFile: string;
  readonly rssFile: string;
}

export function timedRun(spec: TimedRunSpec): TimedRun {
  const wrapped = `/usr/bin/time -f %M -o ${shellQuote(spec.rssFile)} ${spec.command} > ${shellQuote(spec.logFile)} 2>&1`;
  const args = ['--runs', '1', '--style', 'none', '--export-json', spec.jsonFile];
  if (spec.prepare) args.push('--prepare', spec.prepare);
  let error: string | undefined;
  try {
    execFileSync('hyperfine', [...args, wrapped], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 24 });
  } catch (err) {
    error = `failed (see ${spec.logFile}): ${String((err as { stderr?: Buffer }).stderr ?? err).trim().split('\n').slice(-2).join(' ')}`;
  }
  const log = existsSync(spec.logFile) ? readFileSync(spec.logFile, 'utf8') : '';
  const rss = existsSync(spec.rssFile) ? Number(readFileSync(spec.rssFile, 'utf8').trim().split('\n').pop()) : NaN;
  let seconds: number | null = null;
  if (!error && existsSync(spec.jsonFile)) {
    const json = JSON.parse(readFileSync(spec.jsonFile, 'utf8')) as { results: { times?: number[]; mean: number }[] };
    seconds = json.results[0]?.times?.[0] ?? json.results[0]?.mean ?? null;
  }
  return { seconds, peakRssKb: Number.isFinite(rss) ? rss : null, recap: parseRecap(log) ?? null, ...(error ? { error } : {}) };
}
