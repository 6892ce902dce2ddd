// Fakes for driving main() without a terminal, signals, a loader or an engine.
import { EventEmitter } from 'node:events';
import type { CliIO } from '../../../src/cli/io.js';
import type { CliDependencies } from '../../../src/cli/wiring.js';
import type { RunDependencies, RunOptions, RunOutcome } from '../../../src/engine/api.js';
import type { Inventory, Playbook } from '../../../src/model.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { FakeStream } from '../report/fake-stream.js';

/** A TTY stdin that types `answer` once the prompt starts reading. */
export class FakeTtyInput extends EventEmitter {
  readonly isTTY = true;
  rawModes: boolean[] = [];
  constructor(private readonly answer: string) {
    super();
  }
  setRawMode(mode: boolean) {
    this.rawModes.push(mode);
  }
  resume() {
    setImmediate(() => this.emit('data', this.answer));
  }
  pause() {}
  setEncoding() {}
}

export interface FakeIO extends CliIO {
  readonly out: FakeStream;
  readonly err: FakeStream;
  interrupt(): void;
  exits: number[];
}

export function fakeIO(cwd: string, options: { stdin?: FakeTtyInput; stdoutTty?: boolean } = {}): FakeIO {
  const out = new FakeStream(options.stdoutTty ?? false);
  const err = new FakeStream(false);
  const handlers: Array<() => void> = [];
  const exits: number[] = [];
  return {
    out,
    err,
    stdout: out,
    stderr: err,
    stdin: options.stdin ?? Object.assign(new EventEmitter(), { isTTY: false, resume() {}, pause() {} }),
    env: {},
    cwd,
    exits,
    onInterrupt(handler) {
      handlers.push(handler);
      return () => handlers.splice(handlers.indexOf(handler), 1);
    },
    interrupt() {
      for (const h of [...handlers]) h();
    },
    exitNow(code) {
      exits.push(code);
    },
  };
}

export function inventoryOf(hosts: string[]): Inventory {
  return {
    hosts: new Map(hosts.map((name) => [name, { name, vars: {}, groups: [] }])),
    groups: new Map([['all', { name: 'all', hosts, children: [], parents: [], vars: {}, depth: 0, priority: 1 }]]),
    sources: ['fake'],
  };
}

export const emptyPlaybook = (dir: string): Playbook => ({ file: `${dir}/site.yml`, dir, plays: [] });

export const okOutcome: RunOutcome = { stats: {}, anyFailed: false, anyUnreachable: false, anyChanged: false, interrupted: false };

export interface RunCall {
  options: RunOptions;
  deps: RunDependencies;
}

/** Dependencies that load nothing from disk: the given inventory and an empty playbook. */
export function fakeDeps(cwd: string, run: (call: RunCall) => Promise<RunOutcome> | RunOutcome, hosts = ['cp1', 'cp2']): Partial<CliDependencies> & { calls: RunCall[] } {
  const calls: RunCall[] = [];
  return {
    calls,
    registry: createRegistry([]),
    loadPlaybook: async () => emptyPlaybook(cwd),
    loadInventory: async () => inventoryOf(hosts),
    parseExtraVars: (values) => Object.fromEntries(values.map((v) => v.split('=') as [string, string])),
    selectHosts: (inventory, pattern) => {
      const found = [...inventory.hosts.keys()].filter((h) => pattern === 'all' || h === pattern || (pattern.endsWith('*') && h.startsWith(pattern.slice(0, -1))));
      if (found.length === 0) throw new Error('no match');
      return found;
    },
    runPlaybook: async (_playbook, _inventory, options, deps) => {
      const call = { options, deps };
      calls.push(call);
      return run(call);
    },
    connect: async (spec, options) => {
      throw new Error(`connect ${spec.host} ${options?.becomePassword ?? ''}`);
    },
  };
}
