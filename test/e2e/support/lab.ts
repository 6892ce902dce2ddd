// Helpers for e2e tests against the lab hosts made by test/lab/up.
// Tests reach hosts as a user reaches servers: the system `ssh` client, the
// lab key and the lab's known_hosts (BatchMode, strict host-key checking).
// Network and sshd faults are injected from the controller (needs root).
import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { labInstance } from '../../lab/instance.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const LAB_DIR = resolve(REPO_ROOT, 'test/lab');
/** The lab these tests use: TSPLAY_LAB names an instance (test/lab/up --name); unset, the default lab. */
export const LAB = labInstance();
export const LAB_KEY = LAB.key;
export const LAB_KNOWN_HOSTS = LAB.knownHosts;
export const LAB_BRIDGE = LAB.bridge;
export const LAB_BRIDGE_ADDRESS = LAB.bridgeAddress;
export const LAB_VIP_ADDRESS = LAB.vipAddress;
export const DEPLOY_USER = 'deploy';
export const DEPLOY_SUDO_PASSWORD = 'deploy-sudo-pass';

export interface LabHost {
  name: string;
  address: string;
}

export type LabMode = 'systemd' | 'plain';

export interface CommandResult {
  rc: number;
  stdout: string;
  stderr: string;
}

export interface SshRunOptions {
  /** Login user (default root). */
  user?: string;
  /** Written to the remote command's stdin. */
  input?: string;
  /** Kill ssh after this long (default 60 s); rc is then 124. */
  timeoutMs?: number;
  /** known_hosts to check the host key against (default the lab's). */
  knownHostsFile?: string;
  /** Extra `-o` style arguments, e.g. ['-o', 'ConnectTimeout=1']. */
  sshArgs?: string[];
}

/** Path of the lab inventory (TSPLAY_LAB_INVENTORY, else this checkout's inventory/lab.yml, or lab-NAME.yml for a named lab); throws if the lab is not up. */
export function labInventory(): string {
  const path = process.env.TSPLAY_LAB_INVENTORY ?? resolve(REPO_ROOT, LAB.name === '' ? 'inventory/lab.yml' : `inventory/lab-${LAB.name}.yml`);
  const missing = [path, LAB_KEY, LAB_KNOWN_HOSTS, `/sys/class/net/${LAB_BRIDGE}`].filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(`the test lab is not up (missing ${missing.join(', ')}): run 'sudo test/lab/up' first`);
  }
  return path;
}

interface InventoryShape {
  all?: { vars?: Record<string, unknown>; hosts?: Record<string, { ansible_host?: string } | null> };
}

function readInventory(): InventoryShape {
  return (parse(readFileSync(labInventory(), 'utf8')) ?? {}) as InventoryShape;
}

/** The lab's hosts in order h1..hN, with the addresses the inventory connects to. */
export function labHosts(): LabHost[] {
  const hosts = readInventory().all?.hosts ?? {};
  return Object.entries(hosts)
    .map(([name, vars]) => {
      const address = vars?.ansible_host;
      if (typeof address !== 'string') throw new Error(`lab inventory: host ${name} has no ansible_host`);
      return { name, address };
    })
    .sort((a, b) => hostIndex(a.name) - hostIndex(b.name));
}

/** 'systemd' (real systemd as PID 1) or 'plain' (tini + sshd, no service manager). */
export function labMode(): LabMode {
  const mode = readInventory().all?.vars?.lab_mode;
  if (mode !== 'systemd' && mode !== 'plain') throw new Error(`lab inventory: lab_mode is ${String(mode)}, expected systemd or plain`);
  return mode;
}

function hostIndex(name: string): number {
  const match = /^h(\d+)$/.exec(name);
  return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
}

function findHost(host: string | LabHost): LabHost {
  if (typeof host !== 'string') return host;
  const found = labHosts().find((h) => h.name === host || h.address === host);
  if (!found) throw new Error(`no lab host named ${host} (lab hosts: ${labHosts().map((h) => h.name).join(', ')})`);
  return found;
}

/** Run a program on the controller; never rejects, the result carries rc. */
export function runLocal(file: string, args: string[], options: { input?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<CommandResult> {
  return new Promise((resolveResult) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: { ...process.env, ...options.env } } : {}) });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolveResult({ rc: 127, stdout, stderr: stderr + String(error) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveResult({ rc: timedOut ? 124 : (code ?? 128), stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the program may exit without reading stdin
    child.stdin.end(options.input ?? '');
  });
}

/** The ssh arguments that reach a lab host exactly as the inventory says (key, known_hosts, strict checking). */
export function sshArgsFor(host: string | LabHost, options: SshRunOptions = {}): string[] {
  const target = findHost(host);
  return [
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    '-o', `UserKnownHostsFile=${options.knownHostsFile ?? LAB_KNOWN_HOSTS}`,
    '-o', 'GlobalKnownHostsFile=/dev/null',
    '-o', 'ConnectTimeout=5',
    '-o', 'LogLevel=ERROR',
    '-i', LAB_KEY,
    '-o', 'IdentitiesOnly=yes',
    '-l', options.user ?? 'root',
    ...(options.sshArgs ?? []),
    target.address,
  ];
}

/** Run a shell command on a lab host over ssh; rc 255 means ssh itself failed. */
export function sshRun(host: string | LabHost, command: string, options: SshRunOptions = {}): Promise<CommandResult> {
  return runLocal('ssh', [...sshArgsFor(host, options), '--', command], { input: options.input, timeoutMs: options.timeoutMs });
}

async function mustRun(file: string, args: string[]): Promise<CommandResult> {
  const result = await runLocal(file, args);
  if (result.rc !== 0) throw new Error(`${file} ${args.join(' ')} failed (rc ${result.rc}): ${result.stderr.trim()}`);
  return result;
}

/** Take a host's link down: it vanishes from the network as if it died (its processes keep running). */
export async function linkDown(host: string | LabHost): Promise<void> {
  await mustRun('ip', ['link', 'set', `${LAB.vethPrefix}${findHost(host).name}`, 'down']);
}

export async function linkUp(host: string | LabHost): Promise<void> {
  await mustRun('ip', ['link', 'set', `${LAB.vethPrefix}${findHost(host).name}`, 'up']);
}

/** Run a command inside a host without ssh (test/lab/host-exec, needs root; it reads TSPLAY_LAB too). */
export function hostExec(host: string | LabHost, argv: string[]): Promise<CommandResult> {
  return runLocal(resolve(LAB_DIR, 'host-exec'), [findHost(host).name, ...argv]);
}

/** Stop the host's sshd listener (new connections are refused; open sessions survive, as with systemd's KillMode=process). */
export async function stopSshd(host: string | LabHost): Promise<void> {
  const script = labMode() === 'systemd'
    ? 'systemctl stop ssh.service'
    : 'touch /run/tsplay-lab-sshd.stopped && if [ -s /run/sshd.pid ]; then kill "$(cat /run/sshd.pid)"; fi';
  const result = await hostExec(host, ['sh', '-c', script]);
  if (result.rc !== 0) throw new Error(`stopping sshd on ${findHost(host).name} failed: ${result.stderr.trim()}`);
  await waitForPort(findHost(host).address, 22, false);
}

export async function startSshd(host: string | LabHost): Promise<void> {
  const script = labMode() === 'systemd' ? 'systemctl start ssh.service' : 'rm -f /run/tsplay-lab-sshd.stopped';
  const result = await hostExec(host, ['sh', '-c', script]);
  if (result.rc !== 0) throw new Error(`starting sshd on ${findHost(host).name} failed: ${result.stderr.trim()}`);
  await waitForPort(findHost(host).address, 22, true);
}

async function waitForPort(address: string, port: number, open: boolean, timeoutMs = 10_000): Promise<void> {
  const { connect } = await import('node:net');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const isOpen = await new Promise<boolean>((done) => {
      const socket = connect({ host: address, port, timeout: 1000 });
      socket.once('connect', () => { socket.destroy(); done(true); });
      socket.once('timeout', () => { socket.destroy(); done(false); });
      socket.once('error', () => done(false));
    });
    if (isOpen === open) return;
    if (Date.now() > deadline) throw new Error(`${address}:${port} did not become ${open ? 'open' : 'closed'} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** True if the lab is up with at least n hosts (and the given mode, if any). */
export function labIsUp(n: number, mode?: LabMode): boolean {
  try {
    return labHosts().length >= n && (mode === undefined || labMode() === mode);
  } catch {
    return false;
  }
}

/** Make sure the lab runs with at least n hosts (starting it with test/lab/up if not); returns its hosts. */
export async function ensureLab(n: number, options: { mode?: LabMode } = {}): Promise<LabHost[]> {
  if (!labIsUp(n, options.mode)) {
    // --reuse: under the lab lock, `up` leaves a lab another suite just started alone.
    const args = [String(n), '--mode', options.mode ?? 'systemd', '--reuse'];
    if (process.env.TSPLAY_LAB_INVENTORY) args.push('--inventory', process.env.TSPLAY_LAB_INVENTORY);
    const result = await new Promise<CommandResult>((done) => {
      execFile(resolve(LAB_DIR, 'up'), args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        done({ rc: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
    });
    if (result.rc !== 0) throw new Error(`test/lab/up ${args.join(' ')} failed (rc ${result.rc}):\n${result.stderr.trim()}`);
  }
  return labHosts();
}
