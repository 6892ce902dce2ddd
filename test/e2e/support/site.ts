// Helpers for the Kubernetes e2e suites that run playbooks/*.yml against the lab and check the
// hosts over ssh: a JSON-parsed tsplay run, per-host sums, and the stand-in's invocation log.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { REPO_ROOT, type LabHost, labInventory, runLocal, sshRun } from './lab.js';

export const LAB_VARS = resolve(REPO_ROOT, 'test/e2e/lab-vars.yml');

export interface JsonRun {
  rc: number;
  stderr: string;
  stats: Record<string, { ok: number; changed: number; failures: number; unreachable: number }>;
  /** What --check --diff reported as drift, per host and task. */
  drift: Array<{ host: string; task: string; diff: Array<{ path: string; unified: string }> }>;
  /** Every failure message, as "host: msg". */
  failures: string[];
  /** Wall-clock seconds of the whole run. */
  seconds: number;
}

/** tsplay run playbooks/PLAYBOOK -i INVENTORY -e @lab-vars [args] --json, parsed (later -e wins). */
export async function tsplayJson(playbook: string, args: string[] = [], inventory = labInventory()): Promise<JsonRun> {
  const started = Date.now();
  const result = await runLocal(process.execPath, ['--import', 'tsx', resolve(REPO_ROOT, 'src/cli.ts'), 'run',
    resolve(REPO_ROOT, 'playbooks', playbook), '-i', inventory, '-e', `@${LAB_VARS}`, '--json', ...args], { timeoutMs: 900_000 });
  const seconds = (Date.now() - started) / 1000;
  let doc: any;
  try {
    doc = JSON.parse(result.stdout);
  } catch {
    throw new Error(`tsplay ${playbook} ${args.join(' ')} printed no JSON (rc ${result.rc}):\n${result.stderr}\n${result.stdout.slice(0, 4000)}`);
  }
  const failures: string[] = [];
  for (const play of doc.plays ?? []) {
    for (const task of play.tasks ?? []) {
      for (const [host, res] of Object.entries<any>(task.hosts ?? {})) {
        if (res.status === 'failed' || res.failed === true) failures.push(`${host}: ${String(res.msg ?? JSON.stringify(res))}`);
      }
    }
  }
  return { rc: result.rc, stderr: result.stderr, stats: doc.stats ?? {}, drift: doc.drift ?? [], failures, seconds };
}

/** Hosts with changes, as "host=N" (empty when the run changed nothing). */
export function changedHosts(run: JsonRun): string[] {
  return Object.entries(run.stats).filter(([, s]) => s.changed > 0).map(([host, s]) => `${host}=${s.changed}`);
}

/** Run a command on a host over ssh; its stdout, or an assertion error naming the host. */
export async function must(host: LabHost, command: string): Promise<string> {
  const result = await sshRun(host, command);
  assert.equal(result.rc, 0, `${host.name}: ${command}: ${result.stderr}`);
  return result.stdout;
}

/** One line of the stand-in's /var/log/kubernetes-standin/invocations.jsonl (kubeadm and kubectl runs). */
export interface Invocation {
  host: string;
  start: number;
  end: number;
  program: string;
  argv: string[];
  rc: number;
}

export const INVOCATION_LOG = '/var/log/kubernetes-standin/invocations.jsonl';

/** The invocations logged on a host, from line `from` (0-based) on. */
export async function invocations(host: LabHost, from = 0): Promise<Invocation[]> {
  const text = await must(host, `tail -n +${from + 1} ${INVOCATION_LOG} 2>/dev/null || true`);
  return text.split('\n').filter((l) => l.trim()).map((l) => ({ host: host.name, ...(JSON.parse(l) as Omit<Invocation, 'host'>) }));
}

/** How many invocations a host has logged so far (to read only the later ones). */
export async function invocationCount(host: LabHost): Promise<number> {
  return Number((await must(host, `cat ${INVOCATION_LOG} 2>/dev/null | wc -l`)).trim());
}
