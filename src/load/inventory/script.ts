// Dynamic inventory: an executable inventory file (mode +x and a `#!` line, as Ansible's script
// plugin decides) is run with `--list` and must print Ansible's script-inventory JSON:
//   { "group": { "hosts": [...], "vars": {...}, "children": [...] } | [host, ...],
//     "_meta": { "hostvars": { host: {...} } } }
// Without `_meta`, the script is asked `--host NAME` for each host, as Ansible does. Every call
// has a timeout; output that is not that shape is a load error naming the script.
import { execFile } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { LoadError } from '../../errors.js';
import type { Vars } from '../../model.js';
import type { InventoryBuilder } from './builder.js';

/** Seconds a script may take per call; TSPLAY_INVENTORY_TIMEOUT overrides. */
const DEFAULT_TIMEOUT_SECONDS = 60;
/** More output than this is not an inventory (and would only fill memory). */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export async function isInventoryScript(file: string): Promise<boolean> {
  const info = await stat(file);
  if ((info.mode & 0o111) === 0) return false;
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    await handle.read(head, 0, 2, 0);
    return head.toString('latin1') === '#!';
  } finally {
    await handle.close();
  }
}

function timeoutSeconds(): number {
  const configured = Number(process.env.TSPLAY_INVENTORY_TIMEOUT);
  return Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_TIMEOUT_SECONDS;
}

function runScript(file: string, args: readonly string[]): Promise<string> {
  const seconds = timeoutSeconds();
  return new Promise((resolvePromise, reject) => {
    execFile(file, args, { timeout: seconds * 1000, maxBuffer: MAX_OUTPUT_BYTES, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout);
      const how = error.killed ? `did not finish within ${seconds} s (TSPLAY_INVENTORY_TIMEOUT)` : `failed (${error.code ?? error.signal ?? error.message})`;
      const detail = stderr.trim() ? `: ${stderr.trim().split('\n').slice(-3).join(' / ')}` : '';
      reject(new LoadError(`inventory script '${file} ${args.join(' ')}' ${how}${detail}`));
    });
  });
}

function parseJson(text: string, file: string, args: readonly string[]): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new LoadError(`inventory script '${file} ${args.join(' ')}' did not print JSON (${(err as Error).message})`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function expectObject(value: unknown, what: string, file: string): Record<string, unknown> {
  if (!isObject(value)) throw new LoadError(`inventory script '${file}': ${what} must be a JSON object, got ${Array.isArray(value) ? 'a list' : typeof value}`);
  return value;
}

function expectNames(value: unknown, what: string, file: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' && typeof v !== 'number')) {
    throw new LoadError(`inventory script '${file}': ${what} must be a list of names`);
  }
  return value.map(String);
}

export async function readInventoryScript(file: string, into: InventoryBuilder): Promise<void> {
  const listing = expectObject(parseJson(await runScript(file, ['--list']), file, ['--list']), 'the --list output', file);
  into.sources.push(file);
  const meta = listing._meta === undefined ? undefined : expectObject(listing._meta, '_meta', file);
  const hostvars = meta?.hostvars === undefined ? undefined : expectObject(meta.hostvars, '_meta.hostvars', file);
  const listed = new Set<string>();
  const addHost = (host: string, group: string): void => {
    listed.add(host);
    into.addHost(host, group);
  };
  for (const [group, body] of Object.entries(listing)) {
    if (group === '_meta') continue;
    if (Array.isArray(body)) {
      for (const host of expectNames(body, `group '${group}'`, file)) addHost(host, group);
      continue;
    }
    const spec = expectObject(body, `group '${group}'`, file);
    into.group(group);
    for (const host of expectNames(spec.hosts ?? [], `hosts of group '${group}'`, file)) addHost(host, group);
    if (spec.vars !== undefined) into.setGroupVars(group, expectObject(spec.vars, `vars of group '${group}'`, file) as Vars);
    for (const child of expectNames(spec.children ?? [], `children of group '${group}'`, file)) into.addChild(group, child);
  }
  // As Ansible: _meta.hostvars feeds the hosts the groups listed; without it each host is asked
  // for separately with --host.
  for (const host of listed) {
    const args = ['--host', host];
    const vars = hostvars ? hostvars[host] ?? {} : parseJson(await runScript(file, args), file, args);
    into.addHost(host, undefined, expectObject(vars, hostvars ? `_meta.hostvars of '${host}'` : `the --host ${host} output`, file) as Vars);
  }
}
