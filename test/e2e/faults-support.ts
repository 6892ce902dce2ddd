// Helpers shared by the fault, secret and host-key e2e tests: run the real CLI as a user would
// (a separate process, so exit codes, signals and the process list are real) and write small
// playbook directories.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { LAB_KEY, LAB_KNOWN_HOSTS, REPO_ROOT, type CommandResult } from './support/lab.js';

export const CLI = resolve(REPO_ROOT, 'src/cli.ts');

export interface CliRun extends CommandResult {
  readonly ms: number;
}

/** Start `tsplay ARGS`; the caller may signal the child; `done` resolves with its output and exit code. */
export function spawnCli(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {}): { child: ChildProcess; done: Promise<CliRun>; output: () => string } {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  child.stdin!.on('error', () => undefined);
  child.stdin!.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
  const done = new Promise<CliRun>((resolveRun) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({ rc: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started });
    });
  });
  return { child, done, output: () => stdout + stderr };
}

export function runCli(args: readonly string[], options: Parameters<typeof spawnCli>[1] = {}): Promise<CliRun> {
  return spawnCli(args, options).done;
}

/** Write files (path -> text) under a fresh temporary directory; returns the directory. */
export function writeTree(files: Record<string, string>, prefix = 'tsplay-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const [path, text] of Object.entries(files)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
  return dir;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A YAML inventory for some lab hosts (key and known_hosts of the lab; '' = none), with extra vars for all. */
export function labInventoryYaml(hosts: readonly { name: string; address: string }[], vars: Record<string, string> = {}, knownHosts = LAB_KNOWN_HOSTS): string {
  const all: Record<string, string> = {
    ansible_user: 'root',
    ansible_ssh_private_key_file: LAB_KEY,
    ...(knownHosts === '' ? {} : { ansible_ssh_common_args: `-o UserKnownHostsFile=${knownHosts} -o StrictHostKeyChecking=yes` }),
    ...vars,
  };
  const lines = [
    'all:',
    '  vars:',
    ...Object.entries(all).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
    '  hosts:',
    ...hosts.flatMap((h) => [`    ${h.name}:`, `      ansible_host: ${h.address}`]),
  ];
  return lines.join('\n') + '\n';
}
