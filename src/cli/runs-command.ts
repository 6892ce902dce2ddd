// `tsplay runs [PLAYBOOK|DIR] [--runs-dir DIR]`: the run records found, oldest first, one line each.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { RunRecord } from '../report/run-record.js';
import { UsageError } from './args.js';
import { EXIT } from './exit-code.js';
import type { CliIO } from './io.js';
import { RECORDS_OFF } from './run-outputs.js';

export const RUNS_USAGE = 'usage: tsplay runs [PLAYBOOK|DIR] [--runs-dir DIR]';


/** The directory holding records: --runs-dir, TSPLAY_RUNS_DIR, or .tsplay/runs next to PLAYBOOK / in DIR / here. */
export async function locateRunsDir(argv: readonly string[], io: Pick<CliIO, 'env' | 'cwd'>): Promise<string> {
  const rest = [...argv];
  let flag: string | undefined;
  const at = rest.indexOf('--runs-dir');
  if (at >= 0) {
    flag = rest[at + 1];
    if (flag === undefined) throw new UsageError(`argument --runs-dir: expected one argument\n${RUNS_USAGE}`);
    rest.splice(at, 2);
  }
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown !== undefined || rest.length > 1) throw new UsageError(`unrecognized arguments: ${unknown ?? rest.slice(1).join(' ')}\n${RUNS_USAGE}`);
  const chosen = flag ?? (io.env.TSPLAY_RUNS_DIR || undefined);
  if (chosen === RECORDS_OFF) throw new UsageError('run records are turned off (TSPLAY_RUNS_DIR=off)');
  if (chosen !== undefined) return resolve(io.cwd, chosen);
  if (rest[0] === undefined) return discoverRunsDir(io.cwd);
  const place = resolve(io.cwd, rest[0]);
  const info = await stat(place).catch(() => undefined);
  if (!info) throw new UsageError(`${rest[0]}: no such playbook or directory`);
  return join(info.isDirectory() ? place : resolve(place, '..'), '.tsplay', 'runs');
}

/** No place given: .tsplay/runs here, else in a folder right below (playbooks/ keeps its records there). */
export async function discoverRunsDir(cwd: string): Promise<string> {
  const here = join(cwd, '.tsplay', 'runs');
  if (await stat(here).catch(() => undefined)) return here;
  for (const entry of (await readdir(cwd, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
    const below = join(cwd, entry, '.tsplay', 'runs');
    if (await stat(below).catch(() => undefined)) return below;
  }
  return here;
}

export async function readRecords(dir: string, io: Pick<CliIO, 'stderr'>): Promise<RunRecord[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.json')).sort();
  const records: RunRecord[] = [];
  for (const name of names) {
    try {
      const record = JSON.parse(await readFile(join(dir, name), 'utf8')) as RunRecord;
      if (typeof record.id !== 'string' || !Array.isArray(record.plays)) throw new Error('not a tsplay run record');
      records.push(record);
    } catch (error) {
      io.stderr.write(`[WARNING]: skipping ${join(dir, name)}: ${(error as Error).message}\n`);
    }
  }
  return records;
}

function totals(record: RunRecord): { ok: number; changed: number; failed: number; unreachable: number } {
  const sum = { ok: 0, changed: 0, failed: 0, unreachable: 0 };
  for (const s of Object.values(record.stats)) {
    sum.ok += s.ok;
    sum.changed += s.changed;
    sum.failed += s.failures;
    sum.unreachable += s.unreachable;
  }
  return sum;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}

export async function runsCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const dir = await locateRunsDir(argv, io);
  const records = await readRecords(dir, io);
  if (records.length === 0) {
    io.stdout.write(`no run records in ${dir}\n`);
    return EXIT.OK;
  }
  const rows = [['ID', 'START', 'DURATION', 'EXIT', 'MODE', 'OK', 'CHANGED', 'FAILED', 'UNREACHABLE', 'PLAYBOOK']];
  for (const record of records) {
    const t = totals(record);
    rows.push([
      record.id,
      record.start.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      `${(record.duration_ms / 1000).toFixed(1)} s`,
      record.exit_code === undefined ? '-' : String(record.exit_code),
      record.check ? 'check' : 'run',
      String(t.ok), String(t.changed), String(t.failed), String(t.unreachable),
      relative(io.cwd, record.playbook) || record.playbook,
    ]);
  }
  io.stdout.write(table(rows));
  return EXIT.OK;
}
