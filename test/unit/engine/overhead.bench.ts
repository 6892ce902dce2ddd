// Engine overhead per task per host: 100 `command: true` tasks x 50 hosts over fake connections whose
// exec resolves at once and a fake `command` module, so what is measured is the engine alone
// (scope building, templating, events, bookkeeping). Run:
//   node --import tsx test/unit/engine/overhead.bench.ts [tasks] [hosts] [rounds]
import { runPlaybook } from '../../../src/engine/index.js';
import { createSources } from '../../../src/load/index.js';
import { createRegistry } from '../../../src/modules/registry.js';
import type { ModuleDefinition } from '../../../src/modules/types.js';
import type { RunEvent } from '../../../src/engine/events.js';
import { baseOptions, FakeConnection, inventory, play, playbook, task } from './builders.js';

const fakeCommand: ModuleDefinition = {
  name: 'command',
  schema: {},
  async run(ctx, args) {
    const out = await ctx.conn.exec(String(args['cmd']), {});
    return { changed: true, rc: out.rc, stdout: '', stderr: '' };
  },
};

export async function measureOverhead(tasks: number, hosts: number, cmd = 'true'): Promise<{ ms: number; usPerTaskHost: number; cpuUsPerTaskHost: number; events: number }> {
  const inv = inventory(Object.fromEntries(Array.from({ length: hosts }, (_, i) => [`h${i}`, { groups: ['nodes'], vars: { ansible_host: `10.0.0.${i}` } }])), { nodes: { vars: { role: 'node' } } });
  const pb = playbook(play({ vars: { greeting: 'hi' }, tasks: Array.from({ length: tasks }, (_, i) => task('command', { cmd }, { name: `t${i}` })) }));
  let events = 0;
  const registry = createRegistry([fakeCommand]);
  const started = process.hrtime.bigint();
  // CPU time too: this machine is often shared, and wall time then measures the neighbours.
  const cpuBefore = process.cpuUsage();
  await runPlaybook(pb, inv, { ...baseOptions, forks: hosts }, {
    registry,
    sources: createSources({ registry, playbookDir: pb.dir }),
    onEvent: (_e: RunEvent) => { events++; },
    connect: async (spec) => new FakeConnection(spec.host),
    services: {
      resolveConnectionSpec: (host) => ({ host, kind: 'local', address: host, port: 22, privateKeyFiles: [], useAgent: false, knownHostsFiles: [], hostKeyChecking: 'off', connectTimeoutMs: 1000 }),
      gatherFacts: async () => ({}),
    },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  return { ms, usPerTaskHost: (ms * 1000) / (tasks * hosts), cpuUsPerTaskHost: (cpu.user + cpu.system) / (tasks * hosts), events };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [tasks = 100, hosts = 50, rounds = 5] = process.argv.slice(2).map(Number);
  // TEMPLATED=1 puts a template in every task's argument, as real playbooks do.
  const cmd = process.env['TEMPLATED'] ? 'echo {{ greeting }} {{ inventory_hostname }} {{ ansible_host }}' : 'true';
  const figures: number[] = [];
  const cpuFigures: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const r = await measureOverhead(tasks, hosts, cmd);
    figures.push(r.usPerTaskHost);
    cpuFigures.push(r.cpuUsPerTaskHost);
    console.log(`round ${i + 1}: ${r.ms.toFixed(0)} ms, ${r.usPerTaskHost.toFixed(1)} µs wall / ${r.cpuUsPerTaskHost.toFixed(1)} µs CPU per task per host, ${r.events} events`);
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!.toFixed(1);
  console.log(`median ${median(figures)} µs wall, ${median(cpuFigures)} µs CPU per task per host (${tasks} tasks x ${hosts} hosts)`);
}
