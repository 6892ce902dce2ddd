// The physical floor: one persistent SSH connection per host, T sequential `true` commands on
// each, all hosts in parallel. Prints JSON: connection setup time and time per task (one
// command on every host) and per task per host. Usage: floor.ts INVENTORY [TASKS] [COMMAND]
// (COMMAND instead of `true`, e.g. a module's probe script, separates remote work from overhead).
import { performance } from 'node:perf_hooks';
import { readLabInventory } from './lib/lab-hosts.js';
import { connect, exec } from './lib/ssh-pool.js';

const [inventory, tasksArg = '100', command = 'true'] = process.argv.slice(2);
if (!inventory) throw new Error('usage: floor.ts INVENTORY [TASKS] [COMMAND]');
const tasks = Number(tasksArg);
const access = readLabInventory(inventory);

const t0 = performance.now();
const conns = await Promise.all(access.hosts.map((h) => connect(access, h)));
const t1 = performance.now();
await Promise.all(
  conns.map(async (c) => {
    for (let i = 0; i < tasks; i++) {
      const rc = await exec(c, command);
      if (rc !== 0) throw new Error(`${c.host.name}: '${command}' exited ${rc}`);
    }
  }),
);
const t2 = performance.now();
for (const c of conns) c.client.end();

const hosts = conns.length;
const execMs = t2 - t1;
console.log(JSON.stringify({
  hosts,
  tasks,
  connectMs: t1 - t0,
  execMs,
  totalMs: t2 - t0,
  perTaskMs: execMs / tasks,
  perTaskPerHostMs: execMs / tasks / hosts,
}));
