// Untimed reset between runs: remove a directory tree under /opt/tsplay-bench on every lab
// host, in parallel, so each first run starts from fresh hosts. Usage: reset.ts INVENTORY SUBDIR
import { readLabInventory } from './lib/lab-hosts.js';
import { shellQuote } from '../src/util/shell-quote.js';
import { connect, exec } from './lib/ssh-pool.js';

const [inventory, subdir] = process.argv.slice(2);
if (!inventory || !subdir || subdir.includes('..')) throw new Error('usage: reset.ts INVENTORY SUBDIR');
const access = readLabInventory(inventory);
await Promise.all(
  access.hosts.map(async (h) => {
    const conn = await connect(access, h);
    const rc = await exec(conn, `rm -rf ${shellQuote(`/opt/tsplay-bench/${subdir}`)}`);
    conn.client.end();
    if (rc !== 0) throw new Error(`${h.name}: reset exited ${rc}`);
  }),
);
