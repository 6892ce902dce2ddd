// What a run writes besides the screen: the --log-file lines and the run record. Neither may fail
// the run: a path that cannot be used is a warning.
import { dirname, join, resolve } from 'node:path';
import { chooseLogPath, openLogFile, type LogFileOutput } from '../report/log-file.js';
import { createRunRecorder, type RunRecorder } from '../report/run-record.js';
import type { RunArgs } from './args.js';
import type { CliIO } from './io.js';
import { readPackageVersion } from './version.js';

/** The --log-file output, or none; a log that cannot be opened is a warning, as in Ansible, not a failed run. */
export function openRunLog(args: RunArgs, io: CliIO): (LogFileOutput & { path: string }) | undefined {
  const path = chooseLogPath(args.logFile, io.env);
  if (path === undefined) return undefined;
  const resolved = resolve(io.cwd, path);
  try {
    return Object.assign(openLogFile(resolved), { path: resolved });
  } catch (error) {
    io.stderr.write(`[WARNING]: log file ${resolved} cannot be written, continuing without it: ${(error as Error).message}\n`);
    return undefined;
  }
}

/** `--runs-dir off` (or TSPLAY_RUNS_DIR=off) turns records off. */
export const RECORDS_OFF = 'off';

/** Where run records go: --runs-dir, else TSPLAY_RUNS_DIR, else .tsplay/runs next to the playbook. */
export function runsDirFor(playbookFile: string, flag: string | undefined, io: Pick<CliIO, 'env' | 'cwd'>): string | undefined {
  const chosen = flag ?? (io.env.TSPLAY_RUNS_DIR || undefined);
  if (chosen === RECORDS_OFF) return undefined;
  return chosen === undefined ? join(dirname(playbookFile), '.tsplay', 'runs') : resolve(io.cwd, chosen);
}

export function openRunRecorder(
  args: RunArgs,
  io: CliIO,
  run: { playbook: string; inventories: readonly string[]; mask: (text: string) => string },
): RunRecorder | undefined {
  const dir = runsDirFor(run.playbook, args.runsDir, io);
  if (dir === undefined) return undefined;
  return createRunRecorder({
    dir,
    argv: args.argv ?? [],
    cwd: io.cwd,
    version: readPackageVersion(),
    playbook: run.playbook,
    inventories: run.inventories,
    mask: run.mask,
    stderr: io.stderr,
  });
}
