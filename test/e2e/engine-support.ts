// Shared helpers for the engine acceptance tests (test/e2e/engine-*.test.ts): a private 5-host
// inventory copy (the lab may run more hosts, and other suites share them), the CLI run as a user
// runs it, and parsers for its PLAY RECAP and --json output.
// Everything the tests create on hosts lives under /srv/tsplay-e2e-engine/<suite>.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import type { HostStats } from '../../src/engine/events.js';
import type { JsonDriftEntry, JsonStats } from '../../src/report/json.js';
import { REPO_ROOT, type CommandResult, type LabHost, ensureLab, hostExec, labInventory, runLocal, sshRun } from './support/lab.js';

export const ENGINE_FIXTURES = resolve(REPO_ROOT, 'test/e2e/fixtures/engine');
export const E2E_ROOT = '/srv/tsplay-e2e-engine';
export const HOST_COUNT = 5;

/**
 * The CLI as users run it: dist/src/bundle/cli.js (run `npm run build` first). TSPLAY_E2E_CLI=src runs the
 * source through tsx instead (no build step, but it sees other engineers' half-saved edits).
 */
export function cliCommand(): string[] {
  if (process.env.TSPLAY_E2E_CLI === 'src') return ['--import', 'tsx', resolve(REPO_ROOT, 'src/cli.ts')];
  return [resolve(REPO_ROOT, 'dist/src/bundle/cli.js')];
}

/** A PLAY RECAP line's counters: the reporters' own type. */
export type RecapStats = HostStats;

export interface JsonDoc {
  check: boolean;
  plays: Array<{ play: { name: string; hosts: string[] }; tasks: Array<{ task: { name: string; handler: boolean }; hosts: Record<string, Record<string, any>> }> }>;
  stats: Record<string, JsonStats>;
  drift: JsonDriftEntry[];
}

export interface TsplayRun extends CommandResult {
  seconds: number;
  /** Parsed --json document, when --json was given. */
  json?: JsonDoc;
}

/** `tsplay run PLAYBOOK -i INVENTORY ARGS...`; PLAYBOOK is relative to the engine fixtures. Never throws on a non-zero exit. */
export async function tsplay(playbook: string, inventory: string, args: string[] = [], options: { input?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<TsplayRun> {
  const started = Date.now();
  const result = await runLocal(process.execPath, [...cliCommand(), 'run', resolve(ENGINE_FIXTURES, playbook), '-i', inventory, ...args],
    { input: options.input, timeoutMs: options.timeoutMs ?? 120_000, env: options.env });
  const run: TsplayRun = { ...result, seconds: (Date.now() - started) / 1000 };
  if (args.includes('--json')) {
    try {
      run.json = JSON.parse(result.stdout) as JsonDoc;
    } catch {
      throw new Error(`tsplay ${playbook} ${args.join(' ')} printed no JSON (rc ${result.rc}):\n${result.stderr}\n${result.stdout.slice(0, 3000)}`);
    }
  }
  return run;
}

/** A readable dump of a run for assertion messages. */
export function explain(run: TsplayRun): string {
  return `rc ${run.rc}\n--- stdout ---\n${run.stdout.slice(-6000)}\n--- stderr ---\n${run.stderr.slice(-3000)}`;
}

/** The PLAY RECAP lines of the plain output: host -> counters. */
export function parseRecap(stdout: string): Record<string, RecapStats> {
  const at = stdout.lastIndexOf('PLAY RECAP');
  assert.ok(at >= 0, `no PLAY RECAP in output:\n${stdout.slice(-3000)}`);
  const stats: Record<string, RecapStats> = {};
  for (const line of stdout.slice(at).split('\n').slice(1)) {
    // eslint-disable-next-line no-control-regex
    const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
    const m = /^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)\s+skipped=(\d+)\s+rescued=(\d+)\s+ignored=(\d+)/.exec(plain);
    if (!m) continue;
    const [, host, ok, changed, unreachable, failed, skipped, rescued, ignored] = m;
    stats[host!] = { ok: +ok!, changed: +changed!, unreachable: +unreachable!, failed: +failed!, skipped: +skipped!, rescued: +rescued!, ignored: +ignored! };
  }
  return stats;
}

/** The result a host got for the task named `name` (last occurrence), from the --json document. */
export function taskResult(doc: JsonDoc, name: string, host: string): Record<string, any> | undefined {
  let found: Record<string, any> | undefined;
  for (const play of doc.plays) for (const task of play.tasks) if (task.task.name === name && task.hosts[host]) found = task.hosts[host];
  return found;
}

export interface InventoryCopyOptions {
  /** Per-host variable overrides (merged into the host's entry). */
  hostVars?: Record<string, Record<string, unknown>>;
  /** all.vars overrides. */
  vars?: Record<string, unknown>;
  /** all.vars of the lab inventory to leave out (e.g. ansible_user, to see a play keyword act); `vars` still apply. */
  dropVars?: string[];
}

const tempDirs: string[] = [];
process.on('exit', () => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh temp dir, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * A private inventory with the lab's first 5 hosts (masters h1-h3, workers h4-h5), the lab's
 * connection vars, and the given overrides; written to a fresh temp dir. Returns its path.
 */
export function inventoryCopy(hosts: LabHost[], options: InventoryCopyOptions = {}): string {
  const lab = parse(readFileSync(labInventory(), 'utf8')) as { all: { vars: Record<string, unknown> } };
  const five = hosts.slice(0, HOST_COUNT);
  const entry = (h: LabHost) => ({ ansible_host: h.address, ...(options.hostVars?.[h.name] ?? {}) });
  const doc = {
    all: {
      vars: { ...Object.fromEntries(Object.entries(lab.all.vars).filter(([name]) => !options.dropVars?.includes(name))), ...(options.vars ?? {}) },
      hosts: Object.fromEntries(five.map((h) => [h.name, entry(h)])),
      children: {
        masters: { hosts: Object.fromEntries(five.slice(0, 3).map((h) => [h.name, {}])) },
        workers: { hosts: Object.fromEntries(five.slice(3).map((h) => [h.name, {}])) },
      },
    },
  };
  const path = join(tempDir('tsplay-e2e-engine-'), 'inventory.yml');
  writeFileSync(path, stringify(doc));
  return path;
}

/** The lab's first 5 hosts (starting the lab if it is not up; a running lab is reused). */
export async function fiveHosts(): Promise<LabHost[]> {
  const hosts = await ensureLab(HOST_COUNT);
  assert.ok(hosts.length >= HOST_COUNT, `the lab has ${hosts.length} hosts, need ${HOST_COUNT}`);
  return hosts.slice(0, HOST_COUNT);
}

/**
 * Run a command on a host and return stdout; fails the test on a non-zero exit. An ssh failure
 * (rc 255) is retried twice: the lab is shared, and other suites briefly stop sshd or links.
 */
export async function must(host: LabHost, command: string): Promise<string> {
  let result = await sshRun(host, command);
  for (let attempt = 0; attempt < 2 && result.rc === 255; attempt++) {
    await new Promise((r) => setTimeout(r, 2000));
    result = await sshRun(host, command);
  }
  assert.equal(result.rc, 0, `${host.name}: ${command}: rc ${result.rc}: ${result.stderr}`);
  return result.stdout;
}

/** stdout of a command on a host, trimmed; '' when it fails (for files only some hosts have). */
export async function textOrEmpty(host: LabHost, command: string): Promise<string> {
  const result = await sshRun(host, command);
  return result.rc === 0 ? result.stdout.trim() : '';
}

/** Remove /srv/tsplay-e2e-engine/<suite> (and any `extra` shell cleanup) on every host, in parallel. */
export async function cleanHosts(hosts: LabHost[], suite: string, extra = ''): Promise<void> {
  const dir = `${E2E_ROOT}/${suite}`;
  await Promise.all(hosts.map((h) => must(h, `rm -rf '${dir}'${extra ? ` && { ${extra}; }` : ''}`)));
}

/** Reloads a lab host's sshd after its config changed (systemd or plain mode). */
export const SSHD_RELOAD = '(systemctl reload ssh 2>/dev/null || kill -HUP "$(cat /run/sshd.pid)")';

/** A shell script run inside a host without ssh (for changes that lock the controller out). */
export async function inHost(host: LabHost, script: string): Promise<void> {
  const result = await hostExec(host, ['sh', '-c', script]);
  assert.equal(result.rc, 0, `${host.name}: ${script}: ${result.stderr}`);
}
