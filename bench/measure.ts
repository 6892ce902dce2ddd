// Measure one repetition at one lab size: every step, tsplay then ansible (so repetitions give
// A B A B), plus the ssh2 floor. Appends to RAW_DIR/raw-N<hosts>.json (read by report.ts); run.sh
// calls it once per repetition so the shared lab lock is never held for long.
// Usage: measure.ts --inventory PATH --hosts N (--rep R | --append) --out RAW_DIR [--workloads a,b] [--tools tsplay,ansible] [--lab-env PATH]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabInventory } from './lib/lab-hosts.js';
import { selectSteps, toolCommand, TOOLS, type Tool } from './lib/steps.js';
import { timedRun, type TimedRun } from './lib/timed-run.js';

export interface RunRecord extends TimedRun {
  readonly step: string;
  readonly tool: Tool;
  readonly rep: number;
  readonly problem?: string;
}

export interface FloorRecord {
  readonly hosts: number;
  readonly tasks: number;
  readonly connectMs: number;
  readonly execMs: number;
  readonly perTaskMs: number;
  readonly perTaskPerHostMs: number;
  /** The persistent-shell floor (absent in results from before it was measured). */
  readonly shellPerTaskMs?: number;
  readonly shellPerTaskPerHostMs?: number;
}

export interface RawResults {
  readonly hosts: number;
  reps: number;
  readonly startedAt: string;
  /** /proc/loadavg when each repetition started: the machine is shared, so say how busy it was. */
  loadAverage: string;
  readonly runs: RunRecord[];
  readonly floors: FloorRecord[];
}

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsx = (script: string, ...args: string[]) => ['node', '--import', 'tsx', join(repo, 'bench', script), ...args];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Exit code telling run.sh to bring the lab up again and retry. */
const LAB_REPLACED_EXIT = 3;

/** The lab is shared: make sure the running one is still ours (plain mode, N hosts). */
function labIsOurs(hosts: number): boolean {
  const envFile = option('lab-env') ?? '/var/lib/tsplay-lab/lab.env';
  const text = existsSync(envFile) ? readFileSync(envFile, 'utf8') : '';
  return /^LAB_MODE=plain$/m.test(text) && new RegExp(`^LAB_COUNT=${hosts}$`, 'm').test(text);
}

/** A run that "worked" but did the wrong thing is a problem worth printing next to its time. */
function problemOf(run: TimedRun, kind: string, hosts: number): string | undefined {
  if (run.error) return run.error;
  if (!run.recap) return 'no PLAY RECAP in the log';
  if (run.recap.hosts !== hosts) return `recap lists ${run.recap.hosts} hosts, expected ${hosts}`;
  if (run.recap.failed || run.recap.unreachable) return `failed=${run.recap.failed} unreachable=${run.recap.unreachable}`;
  if (kind === 'noop' && run.recap.changed !== 0) return `no-op run changed ${run.recap.changed}`;
  if (kind === 'first' && run.recap.changed === 0) return 'first run changed nothing (reset did not work?)';
  return undefined;
}

function main(): void {
  const inventory = resolve(option('inventory') ?? join(repo, 'inventory/lab.yml'));
  const hosts = Number(option('hosts'));
  const tools = TOOLS.filter((t) => (option('tools') ?? 'tsplay,ansible').split(',').includes(t));
  const out = resolve(option('out') ?? join(repo, 'bench/results'));
  const steps = selectSteps(option('workloads')?.split(',').filter(Boolean));
  const actual = readLabInventory(inventory).hosts.length;
  if (actual !== hosts || !labIsOurs(hosts)) {
    console.error(`[bench] the running lab is not ${hosts} plain hosts any more (another lab user replaced it)`);
    process.exit(LAB_REPLACED_EXIT);
  }
  const logs = join(out, 'logs', `N${hosts}`);
  mkdirSync(logs, { recursive: true });
  const quote = (argv: string[]) => argv.join(' ');

  // many-tasks is measured as a no-op run: create its files (untimed) before measuring.
  if (steps.some((s) => s.workload === 'many-tasks')) {
    execFileSync('sh', ['-c', `${toolCommand('tsplay', 'many-tasks', inventory, hosts, repo)} > ${join(logs, 'many-tasks-prime.log')} 2>&1`]);
  }
  const rawFile = join(out, `raw-N${hosts}.json`);
  const loadAverage = readFileSync('/proc/loadavg', 'utf8').trim();
  const results: RawResults = existsSync(rawFile)
    ? (JSON.parse(readFileSync(rawFile, 'utf8')) as RawResults)
    : { hosts, reps: 0, startedAt: new Date().toISOString(), loadAverage, runs: [], floors: [] };
  // --append: another repetition after those already in the file (re-measuring after a disturbed run).
  const rep = process.argv.includes('--append') ? results.reps + 1 : Number(option('rep') ?? 1);
  results.reps = Math.max(results.reps, rep);
  if (rep > 1) results.loadAverage += ` | rep ${rep}: ${loadAverage}`;
  const save = () => writeFileSync(rawFile, JSON.stringify(results, null, 2) + '\n');
  {
    for (const step of steps) {
      for (const tool of tools) {
        const base = join(logs, `${step.id.replace('/', '-')}-${tool}-r${rep}`);
        const run = timedRun({
          command: toolCommand(tool, step.workload, inventory, hosts, repo),
          prepare: step.resetDir ? quote(tsx('reset.ts', inventory, step.resetDir)) : undefined,
          logFile: `${base}.log`, jsonFile: `${base}.json`, rssFile: `${base}.rss`,
        });
        const problem = problemOf(run, step.kind, hosts);
        results.runs.push({ ...run, step: step.id, tool, rep, ...(problem ? { problem } : {}) });
        console.error(`[bench N=${hosts} rep ${rep}] ${step.id} ${tool}: ${run.seconds?.toFixed(2) ?? '-'} s${problem ? `  PROBLEM: ${problem}` : ''}`);
        save();
      }
    }
    const floor = JSON.parse(execFileSync(tsx('floor.ts')[0]!, [...tsx('floor.ts', inventory, '100').slice(1)]).toString()) as FloorRecord;
    results.floors.push(floor);
    console.error(`[bench N=${hosts} rep ${rep}] floor: ${floor.perTaskMs.toFixed(2)} ms per task (${floor.perTaskPerHostMs.toFixed(3)} ms per task per host), connect ${floor.connectMs.toFixed(0)} ms; shell floor ${floor.shellPerTaskMs?.toFixed(2)} ms per task`);
    save();
  }
}

main();
