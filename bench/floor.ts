// The physical floor: one persistent SSH connection per host, T sequential trivial commands on
// each, all hosts in parallel, measured two ways on the same connections:
// - exec: an exec channel per command (what the issue names: ssh2 or a warm ControlMaster);
// - shell: one /bin/sh per host fed over stdin (the floor of tsplay's persistent-shell transport).
// Prints JSON: connection setup time and, for each way, time per task (one command on every host)
// and per task per host. Usage: floor.ts INVENTORY [TASKS] [COMMAND]
// (COMMAND instead of `true`, e.g. a module's probe script, separates remote work from overhead).
import { performance } from 'node:perf_hooks';
import { readLabInventory } from './lib/lab-hosts.js';
import { connect, exec, openShell, type HostConnection } from './lib/ssh-pool.js';

const [inventory, tasksArg = '100', command = 'true'] = process.argv.slice(2);
if (!inventory) throw new Error('usage: floor.ts INVENTORY [TASKS] [COMMAND]');
const tasks = Number(tasksArg);
const access = readLabInventory(inventory);

/** Milliseconds for `tasks` sequential runs of the command on every host at once. */
async function timeTasks(runners: readonly { name: string; run: (command: string) => Promise<number> }[]): Promise<number> {
  const start = performance.now();
  await Promise.all(
    runners.map(async (r) => {
      for (let i = 0; i < tasks; i++) {
        const rc = await r.run(command);
        if (rc !== 0) throw new Error(`${r.name}: '${command}' exited ${rc}`);
      }
    }),
  );
  return performance.now() - start;
}

const t0 = performance.now();
const conns: HostConnection[] = await Promise.all(access.hosts.map((h) => connect(access, h)));
const connectMs = performance.now() - t0;
const execMs = await timeTasks(conns.map((c) => ({ name: c.host.name, run: (cmd: string) => exec(c, cmd) })));
const t1 = performance.now();
const shells = await Promise.all(conns.map((c) => openShell(c)));
const shellOpenMs = performance.now() - t1;
const shellMs = await timeTasks(shells.map((s, i) => ({ name: conns[i]!.host.name, run: s.run })));
for (const s of shells) s.close();
for (const c of conns) c.client.end();

const hosts = conns.length;
console.log(JSON.stringify({
  hosts,
  tasks,
  connectMs,
  execMs,
  perTaskMs: execMs / tasks,
  perTaskPerHostMs: execMs / tasks / hosts,
  shellOpenMs,
  shellMs,
  shellPerTaskMs: shellMs / tasks,
  shellPerTaskPerHostMs: shellMs / tasks / hosts,
}));
