// Small builders for in-memory inventories/playbooks (builders.ts), a recording fake module and fake connections.
export * from './builders.js';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { UnreachableError } from '../../../src/connection/types.js';
import type { RunOptions, RunOutcome } from '../../../src/engine/api.js';
import { runPlaybook } from '../../../src/engine/index.js';
import { createSources } from '../../../src/load/index.js';
import type { Inventory, Playbook, Vars } from '../../../src/model.js';
import { resolveConnectionSpec, type ConnectionCliOptions } from '../../../src/connection/spec.js';
import { baseOptions, FakeConnection } from './builders.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import type { ModuleDefinition, ModuleResult } from '../../../src/modules/types.js';
import type { RunEvent } from '../../../src/engine/events.js';

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

export interface Harness {
  events: RunEvent[];
  calls: Call[];
  connects: string[];
  outcome: RunOutcome;
}

export interface HarnessExtras {
  unreachable?: string[];
  modules?: ModuleDefinition[];
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /** Replaces the fake spec resolver, e.g. with the real one, to see what reaches a connection. */
  resolveSpec?: (host: string, vars: Vars, cli: ConnectionCliOptions) => ConnectionSpec;
}

/** The real spec resolver (no ssh config, no key needed), recording every spec it resolves. */
export function recordingResolver(specs: ConnectionSpec[]): HarnessExtras['resolveSpec'] {
  return (host, vars, cli) => {
    const spec = resolveConnectionSpec(host, vars, { ...cli, privateKeyFile: '/nonexistent/key' }, '');
    specs.push(spec);
    return spec;
  };
}

export async function runTest(pb: Playbook, inv: Inventory, options: Partial<RunOptions> = {}, extra: HarnessExtras = {}): Promise<Harness> {
  const events: RunEvent[] = [];
  const calls: Call[] = [];
  const connects: string[] = [];
  const registry = createRegistry([...allModules, recordModule(calls), ...(extra.modules ?? [])]);
  const outcome = await runPlaybook(pb, inv, { ...baseOptions, ...options }, {
    registry,
    sources: createSources({ registry, playbookDir: pb.dir }),
    onEvent: (e) => { events.push(e); extra.onEvent?.(e); },
    signal: extra.signal,
    connect: async (spec: ConnectionSpec) => {
      connects.push(spec.host);
      if (extra.unreachable?.includes(spec.host)) throw new UnreachableError(spec.host, `Failed to connect to ${spec.host}: connection refused`);
      return new FakeConnection(spec.host);
    },
    services: {
      resolveConnectionSpec: extra.resolveSpec ?? ((host) => ({ host, kind: 'local', address: host, port: 22, privateKeyFiles: [], useAgent: false, knownHostsFiles: [], hostKeyChecking: 'off', connectTimeoutMs: 1000 })),
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
