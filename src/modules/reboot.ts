// reboot: restart the host and wait until it is back (kernel settings, a new kernel, a rolling
// node restart). The reboot command runs detached so the channel returns; then the connection is
// dialled again until the host answers with a new boot marker and `test_command` succeeds.
// The boot marker is the kernel's boot_id plus PID 1's start time: the first changes on a real
// reboot, the second also when the "host" is a container restarted by its manager (the lab).
import type { Connection } from '../connection/types.js';
import { shellQuote } from '../util/shell-quote.js';
import { execOnTarget, ModuleFailure } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type RebootArgs = ArgsOf<typeof schema>;

const MARKER = `printf '%s:%s' "$(cat /proc/sys/kernel/random/boot_id)" "$(cut -d' ' -f22 /proc/1/stat)"`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function marker(ctx: ModuleContext): Promise<string | undefined> {
  try {
    const r = await execOnTarget(ctx, MARKER);
    return r.rc === 0 && r.stdout.includes(':') ? r.stdout.trim() : undefined;
  } catch {
    return undefined; // the connection went down with the host
  }
}

function rebootCommand(delaySeconds: number, msg: string): string {
  const wall = msg ? `wall ${shellQuote(msg)} 2>/dev/null; ` : '';
  const script = `sleep ${delaySeconds}; ${wall}if [ -d /run/systemd/system ]; then systemctl reboot; else reboot; fi`;
  // Detached in its own session, holding no descriptor of the ssh channel, so the command returns now.
  return `(setsid sh -c ${shellQuote(script)} >/dev/null 2>&1 </dev/null &)`;
}

async function runReboot(ctx: ModuleContext, args: RebootArgs): Promise<ModuleResult> {
  if (ctx.check) return { changed: true, rebooted: false, msg: 'check mode: not rebooted' };
  if (!ctx.reconnect) throw new ModuleFailure('reboot needs a connection it can dial again');
  const timeoutMs = (args.reboot_timeout ?? 600) * 1000;
  const started = Date.now();
  const before = await marker(ctx);
  if (before === undefined) throw new ModuleFailure('cannot read the boot marker (/proc/sys/kernel/random/boot_id, /proc/1/stat)');
  const issued = await execOnTarget(ctx, rebootCommand(Math.max(0, Math.round(args.pre_reboot_delay ?? 0)), args.msg ?? 'Reboot initiated by tsplay'));
  if (issued.rc !== 0) throw new ModuleFailure(`the reboot command failed: ${issued.stderr.trim() || `rc=${issued.rc}`}`);

  let current: ModuleContext | undefined;
  while (Date.now() - started < timeoutMs) {
    await sleep(1000);
    let conn: Connection;
    try {
      conn = await ctx.reconnect();
    } catch {
      continue; // down, or not up yet
    }
    const probe = { ...ctx, conn };
    const now = await marker(probe);
    if (now !== undefined && now !== before) {
      current = probe;
      break;
    }
  }
  if (!current) throw new ModuleFailure(`the host did not come back with a new boot within ${Math.round(timeoutMs / 1000)} s`);
  if (args.post_reboot_delay) await sleep(args.post_reboot_delay * 1000);
  const test = args.test_command ?? 'whoami';
  for (;;) {
    const r = await execOnTarget(current, test).catch(() => undefined);
    if (r?.rc === 0) break;
    if (Date.now() - started >= timeoutMs) throw new ModuleFailure(`test_command '${test}' did not succeed within ${Math.round(timeoutMs / 1000)} s after the reboot`);
    await sleep(1000);
  }
  return { changed: true, rebooted: true, elapsed: Math.round((Date.now() - started) / 1000) };
}

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    reboot_timeout: { type: 'integer', minimum: 1, default: 600, description: 'Seconds to wait for the host to go down, come back and pass test_command.' },
    pre_reboot_delay: { type: 'integer', minimum: 0, default: 0, description: 'Seconds the host waits before rebooting.' },
    post_reboot_delay: { type: 'integer', minimum: 0, default: 0, description: 'Seconds to wait after the host is back, before test_command.' },
    test_command: { type: 'string', description: "Command that must succeed once the host is back (default 'whoami')." },
    msg: { type: 'string', description: 'Message broadcast to logged-in users before the reboot (wall).' },
  },
} as const;

export const rebootModule = defineModule({
  name: 'reboot',
  schema,
  run: runReboot,
});
