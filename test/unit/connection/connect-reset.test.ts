// A peer that resets the TCP connection before the SSH handshake: ssh2 can emit 'error' twice
// (ECONNRESET, then "Connection lost before handshake" when the socket closes). The second one must
// not crash the controller as an unhandled 'error' event (seen once in CI: the run exited 1 with
// node's "Unhandled 'error' event" instead of reporting the host unreachable, exit 4).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { Client } from 'ssh2';
import { openSshClient } from '../../../src/connection/ssh-connect.js';
import { UnreachableError, type ConnectionSpec } from '../../../src/connection/types.js';

it('a second error event during a failed handshake is absorbed; the host is unreachable', async () => {
  const spec: ConnectionSpec = {
    host: 'h1', kind: 'ssh', address: '127.0.0.1', port: 9, user: 'root', privateKeyFiles: [],
    useAgent: false, knownHostsFiles: [], hostKeyChecking: 'strict', connectTimeoutMs: 3000, password: 'not-used',
  };
  const realConnect = Client.prototype.connect;
  // ssh2's order of events for a peer that resets: the socket error, then the lost handshake.
  Client.prototype.connect = function (this: Client) {
    setImmediate(() => {
      this.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
      setImmediate(() => this.emit('error', Object.assign(new Error('Connection lost before handshake'), { level: 'protocol' })));
    });
    return this;
  } as typeof realConnect;
  const unhandled: unknown[] = [];
  const onUncaught = (error: unknown) => unhandled.push(error);
  process.on('uncaughtException', onUncaught);
  try {
    const error = await openSshClient(spec).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof UnreachableError, String(error));
    assert.match((error as Error).message, /reset/);
    await new Promise((resolve) => setTimeout(resolve, 50)); // the late second event
  } finally {
    Client.prototype.connect = realConnect;
    process.off('uncaughtException', onUncaught);
  }
  assert.deepEqual(unhandled.map(String), []);
});
