// Small builders for in-memory inventories/playbooks, a recording fake module and fake connections.
import type { Connection, ConnectionSpec, ExecOptions } from '../../../src/connection/types.js';
import { UnreachableError } from '../../../src/connection/types.js';
import type { RunOptions, RunOutcome } from '../../../src/engine/api.js';
import { runPlaybook } from '../../../src/engine/index.js';
import type { Block, Handler, Inventory, InventoryGroup, InventoryHost, ModuleTask, Play, Playbook, Role, TaskNode, Vars } from '../../../src/model.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import type { ModuleDefinition, ModuleResult } from '../../../src/modules/types.js';
import type { RunEvent } from '../../../src/report/events.js';

const loc = { file: '/pb/site.yml', line: 1, col: 1 };

export function inventory(hosts: Record<string, { groups?: string[]; vars?: Vars }>, groups: Record<string, { vars?: Vars; children?: string[]; priority?: number }> = {}): Inventory {
  const hostMap = new Map<string, InventoryHost>();
  for (const [name, h] of Object.entries(hosts)) hostMap.set(name, { name, vars: h.vars ?? {}, groups: h.groups ?? [] });
  const names = new Set(['all', 'ungrouped', ...Object.keys(groups), ...Object.values(hosts).flatMap((h) => h.groups ?? [])]);
  const parentsOf = (g: string) => [...Object.entries(groups)].filter(([, v]) => v.children?.includes(g)).map(([k]) => k);
  const depthOf = (g: string): number => (g === 'all' ? 0 : 1 + Math.max(0, ...parentsOf(g).map(depthOf)));
  const groupMap = new Map<string, InventoryGroup>();
  for (const g of names) {
    const parents = g === 'all' ? [] : parentsOf(g).length ? parentsOf(g) : ['all'];
    groupMap.set(g, {
      name: g,
      hosts: Object.entries(hosts).filter(([, h]) => (h.groups ?? []).includes(g)).map(([n]) => n),
      children: groups[g]?.children ?? [],
      parents,
      vars: groups[g]?.vars ?? {},
      depth: depthOf(g),
      priority: groups[g]?.priority ?? 1,
    });
  }
  return { hosts: hostMap, groups: groupMap, sources: ['test'] };
}

export function task(module: string, args: Record<string, unknown> = {}, extra: Partial<ModuleTask> = {}): ModuleTask {
  return { kind: 'task', module, args, loc, when: [], tags: [], vars: {}, loopVar: 'item', notify: [], ...extra } as ModuleTask;
}

export function handler(name: string, module: string, args: Record<string, unknown> = {}, extra: Partial<Handler> = {}): Handler {
  return { ...task(module, args, { name, ...extra }), listen: extra.listen ?? [] } as Handler;
}

export function block(body: TaskNode[], rescue: TaskNode[] = [], always: TaskNode[] = [], extra: Partial<Block> = {}): Block {
  return { kind: 'block', block: body, rescue, always, loc, when: [], tags: [], vars: {}, ...extra } as Block;
}

export function role(name: string, parts: Partial<Role> = {}): Role {
  return { ref: { name, dir: `/roles/${name}` }, defaults: {}, vars: {}, tasks: [], handlers: [], dependencies: [], ...parts };
}

export function play(parts: Partial<Play>): Play {
  return {
    name: 'test play', loc, hosts: 'all', gatherFacts: false, vars: {}, varsFiles: [], roles: [], preTasks: [], tasks: [], postTasks: [],
    handlers: [], serial: [], strategy: 'linear', anyErrorsFatal: false, tags: [], ...parts,
  };
}

export function playbook(...plays: Play[]): Playbook {
  return { file: '/pb/site.yml', dir: '/pb', plays };
}

export const baseOptions: RunOptions = { check: false, diff: false, forks: 5, tags: [], skipTags: [], extraVars: {}, forceHandlers: false, verbosity: 0 };

/** `record`: logs {host, args, check, become} and returns args.result (or ok); `args.fail_on` lists hosts that fail. */
export interface Call { host: string; args: Record<string, unknown>; check: boolean; conn: string; become?: string; env?: Record<string, string> }

export function recordModule(calls: Call[]): ModuleDefinition {
  return {
    name: 'record',
    schema: {},
    async run(ctx, args) {
      // The fake connection echoes the environment it was given, as the command would see it.
      const probe = await ctx.conn.exec('env', {});
      calls.push({ host: ctx.host, args, check: ctx.check, conn: ctx.conn.host, become: ctx.become?.user, env: JSON.parse(probe.stdout) as Record<string, string> });
      const failOn = (args['fail_on'] as string[] | undefined) ?? [];
      if (failOn.includes(ctx.host)) return { changed: false, failed: true, msg: `failed on ${ctx.host}` };
      return { changed: args['changed'] === true, ...((args['result'] as ModuleResult | undefined) ?? {}) };
    },
  };
}

export class FakeConnection implements Connection {
  constructor(readonly host: string) {}
  async exec(_command: string, options: ExecOptions = {}) {
    return { rc: 0, stdout: JSON.stringify(options.env ?? {}), stderr: '' };
  }
  async put() {}
  async get() { return Buffer.from(''); }
  async close() {}
}

export interface Harness {
  events: RunEvent[];
  calls: Call[];
  connects: string[];
  outcome: RunOutcome;
}

export async function runTest(pb: Playbook, inv: Inventory, options: Partial<RunOptions> = {}, extra: { unreachable?: string[]; modules?: ModuleDefinition[]; signal?: AbortSignal; onEvent?: (e: RunEvent) => void } = {}): Promise<Harness> {
  const events: RunEvent[] = [];
  const calls: Call[] = [];
  const connects: string[] = [];
  const registry = createRegistry([...allModules, recordModule(calls), ...(extra.modules ?? [])]);
  const outcome = await runPlaybook(pb, inv, { ...baseOptions, ...options }, {
    registry,
    onEvent: (e) => { events.push(e); extra.onEvent?.(e); },
    signal: extra.signal,
    connect: async (spec: ConnectionSpec) => {
      connects.push(spec.host);
      if (extra.unreachable?.includes(spec.host)) throw new UnreachableError(spec.host, `Failed to connect to ${spec.host}: connection refused`);
      return new FakeConnection(spec.host);
    },
    services: {
      resolveConnectionSpec: (host) => ({ host, kind: 'local', address: host, port: 22, privateKeyFiles: [], useAgent: false, knownHostsFiles: [], hostKeyChecking: 'off', connectTimeoutMs: 1000 }),
      gatherFacts: async (conn) => ({ hostname: conn.host, os_family: 'Debian' }),
    },
  });
  return { events, calls, connects, outcome };
}

export type HostResultEvent = Extract<RunEvent, { type: 'host_result' }>;

export function results(events: RunEvent[], title?: string): HostResultEvent[] {
  return events.filter((e): e is HostResultEvent => e.type === 'host_result' && (title === undefined || e.task.title === title));
}

export function taskTitles(events: RunEvent[]): string[] {
  return events.filter((e): e is Extract<RunEvent, { type: 'task_start' }> => e.type === 'task_start').map((e) => e.task.title);
}
