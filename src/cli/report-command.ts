// `tsplay report [RUN|last] [-o FILE] [--since RUN] [--runs-dir DIR]`: one self-contained HTML page for
// a recorded run (RUN: an id, a unique id prefix, `last`, or a record file), optionally compared with
// an older run. Written next to the record unless -o says where.
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildReportModel } from '../report/html/report-model.js';
import { renderReport } from '../report/html/render-report.js';
import type { RunRecord } from '../report/run-record.js';
import { UsageError } from './args.js';
import { EXIT } from './exit-code.js';
import type { CliIO } from './io.js';
import { RECORDS_OFF } from './run-outputs.js';
import { discoverRunsDir, readRecords } from './runs-command.js';

const USAGE = 'usage: tsplay report [RUN|last] [-o FILE] [--since RUN] [--runs-dir DIR]';

interface ReportArgs {
  run: string;
  output?: string;
  since?: string;
  runsDir?: string;
}

function parseReportArgs(argv: readonly string[]): ReportArgs {
  const args: ReportArgs = { run: 'last' };
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`argument ${arg}: expected one argument\n${USAGE}`);
      return v;
    };
    if (arg === '-o' || arg === '--output') args.output = value();
    else if (arg === '--since') args.since = value();
    else if (arg === '--runs-dir') args.runsDir = value();
    else if (arg.startsWith('-')) throw new UsageError(`unrecognized arguments: ${arg}\n${USAGE}`);
    else positionals.push(arg);
  }
  if (positionals.length > 1) throw new UsageError(`unrecognized arguments: ${positionals.slice(1).join(' ')}\n${USAGE}`);
  if (positionals[0] !== undefined) args.run = positionals[0];
  return args;
}

async function pick(which: string, records: readonly RunRecord[], dir: string, io: CliIO): Promise<RunRecord> {
  if (which.endsWith('.json')) {
    const record = await readFile(resolve(io.cwd, which), 'utf8').then((text) => JSON.parse(text) as RunRecord).catch(() => undefined);
    if (record && typeof record.id === 'string' && Array.isArray(record.plays)) return record;
    throw new UsageError(`${which}: not a tsplay run record`);
  }
  if (records.length === 0) throw new UsageError(`no run records in ${dir}`);
  if (which === 'last') return records[records.length - 1]!;
  const matching = records.filter((r) => r.id.startsWith(which));
  if (matching.length === 1) return matching[0]!;
  throw new UsageError(matching.length === 0 ? `no run '${which}' in ${dir} (see tsplay runs)` : `'${which}' matches ${matching.length} runs; give more of the id`);
}

export async function reportCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseReportArgs(argv);
  const chosen = args.runsDir ?? (io.env.TSPLAY_RUNS_DIR || undefined);
  if (chosen === RECORDS_OFF) throw new UsageError('run records are turned off (TSPLAY_RUNS_DIR=off)');
  const dir = chosen !== undefined ? resolve(io.cwd, chosen) : args.run.endsWith('.json') ? resolve(io.cwd, args.run, '..') : await discoverRunsDir(io.cwd);
  const records = await readRecords(dir, io);
  const record = await pick(args.run, records, dir, io);
  const older = args.since === undefined ? undefined : await pick(args.since, records, dir, io);
  const file = args.output !== undefined ? resolve(io.cwd, args.output) : join(dir, `${record.id}.html`);
  await writeFile(file, renderReport(buildReportModel(record, older)), { mode: 0o600 });
  io.stdout.write(`report: ${file}\n`);
  return EXIT.OK;
}
