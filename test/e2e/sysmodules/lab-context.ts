// What the system-module e2e files share: a module context on a lab host's connection, and a
// command that must succeed.
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { Connection } from '../../../src/connection/types.js';
import { createSources } from '../../../src/load/index.js';
import { createRegistry } from '../../../src/modules/registry.js';
import type { ModuleContext } from '../../../src/modules/types.js';
import { LAB_BRIDGE_ADDRESS } from '../support/lab.js';

export function labContext(conn: Connection, host: string, options: { check?: boolean; diff?: boolean } = {}): ModuleContext {
  return {
    conn, host, check: options.check ?? false, diff: options.diff ?? false, vars: {}, playbookDir: '/nonexistent',
    sources: createSources({ registry: createRegistry([]), playbookDir: '/nonexistent' }),
    evaluate: () => undefined, renderTemplate: (t) => t,
  };
}

/** Run a command on the host; it must exit 0. Returns its trimmed stdout. */
export async function shOn(conn: Connection, command: string): Promise<string> {
  const r = await conn.exec(command);
  assert.equal(r.rc, 0, `${command}: ${r.stderr}`);
  return r.stdout.trim();
}

/** Listen on the lab bridge address only (the hosts reach the controller there, nothing else does); the base URL. */
export async function listenOnLabBridge(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, LAB_BRIDGE_ADDRESS, resolve));
  const address = server.address();
  return `http://${LAB_BRIDGE_ADDRESS}:${typeof address === 'object' && address ? address.port : 0}`;
}
