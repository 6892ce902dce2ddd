// Acceptance: --syntax-check loads and validates everything without contacting a single host, and a
// playbook with a misspelt keyword exits 4 naming file:line:col before anything runs. "No contact" is
// measured with a TCP listener on 127.0.0.1 that every inventory host points at; a control run
// proves the listener does see a real run's connection attempt.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LabHost } from './support/lab.js';
import { E2E_ROOT, ENGINE_FIXTURES, cleanHosts, explain, fiveHosts, inventoryCopy, must, tsplay } from './engine-support.js';

let server: Server;
let port = 0;
let connections = 0;
let hosts: LabHost[] = [];
let trapInventory = '';

describe('engine: syntax check and load errors touch no host', { timeout: 180_000 }, () => {
  before(async () => {
    server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as { port: number }).port;
    hosts = await fiveHosts();
    const trap = Object.fromEntries(hosts.map((h) => [h.name, { ansible_host: '127.0.0.1', ansible_port: port }]));
    trapInventory = inventoryCopy(hosts, { hostVars: trap });
    await cleanHosts(hosts, 'syntax');
  });

  after(() => new Promise<void>((done) => server.close(() => done())));

  it('--syntax-check exits 0 and makes no connection', async () => {
    connections = 0;
    for (const playbook of ['converge.yml', 'handler.yml', 'marker.yml']) {
      const run = await tsplay(playbook, trapInventory, ['--syntax-check']);
      assert.equal(run.rc, 0, explain(run));
      assert.match(run.stdout, new RegExp(`playbook: .*${playbook}`));
    }
    assert.equal(connections, 0, 'syntax check contacted a host');
  });

  it('control: a real run does connect to the listener', async () => {
    connections = 0;
    const run = await tsplay('marker.yml', trapInventory, ['-T', '2', '-l', 'h1', '--connect-retries', '0']);
    assert.equal(run.rc, 4, explain(run));
    assert.ok(connections > 0, 'the listener saw no connection: the zero-connection checks prove nothing');
  });

  it('a bad keyword exits 4 naming file:line:col, and nothing runs', async () => {
    connections = 0;
    const file = `${ENGINE_FIXTURES}/bad-key.yml`;
    for (const inventory of [trapInventory, inventoryCopy(hosts)]) {
      const run = await tsplay('bad-key.yml', inventory);
      assert.equal(run.rc, 4, explain(run));
      const output = run.stdout + run.stderr;
      assert.match(output, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:11:7`), explain(run));
      assert.match(output, /whenn/);
      assert.match(output, /when/, 'suggests the right keyword');
      assert.doesNotMatch(output, /PLAY RECAP/);
    }
    assert.equal(connections, 0);
    for (const h of hosts) assert.equal((await must(h, `test -e ${E2E_ROOT}/syntax/must-not-exist && echo yes || echo no`)).trim(), 'no', h.name);
  });
});
