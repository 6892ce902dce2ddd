// wait_for_connection: wait until the host can be logged in to and runs a command (a machine
// still booting or being provisioned, after a network change). The engine opens no connection
// before it runs (dialsItself), so a host that is not up yet is not marked unreachable; the
// module dials again every `sleep` seconds until `timeout`.
import type { Connection } from '../connection/types.js';
import { execOnTarget, ModuleFailure } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type WaitForConnectionArgs = ArgsOf<typeof schema>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runWaitForConnection(ctx: ModuleContext, args: WaitForConnectionArgs): Promise<ModuleResult> {
  if (!ctx.reconnect) throw new ModuleFailure('wait_for_connection needs a connection it can dial');
  const timeoutMs = (args.timeout ?? 600) * 1000;
  const started = Date.now();
  if (args.delay) await pause(args.delay * 1000);
  let lastError = 'no attempt';
  for (;;) {
    let conn: Connection | undefined;
    try {
      conn = await ctx.reconnect();
      const r = await execOnTarget({ ...ctx, conn }, 'true');
      if (r.rc === 0) return { changed: false, elapsed: Math.round((Date.now() - started) / 1000) };
      lastError = `the test command exited ${r.rc}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() - started + (args.sleep ?? 1) * 1000 > timeoutMs) {
      throw new ModuleFailure(`timed out waiting for connection after ${Math.round((Date.now() - started) / 1000)} s: ${lastError}`);
    }
    await pause((args.sleep ?? 1) * 1000);
  }
}

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    timeout: { type: 'integer', minimum: 1, default: 600, description: 'Seconds to keep trying.' },
    delay: { type: 'integer', minimum: 0, default: 0, description: 'Seconds to wait before the first attempt.' },
    sleep: { type: 'integer', minimum: 1, default: 1, description: 'Seconds between attempts.' },
  },
} as const;

export const waitForConnectionModule = defineModule({
  name: 'wait_for_connection',
  schema,
  runsInCheckMode: true,
  dialsItself: true,
  run: runWaitForConnection,
});
