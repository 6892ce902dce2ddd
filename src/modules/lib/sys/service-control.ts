// The service state machine shared by `service` and `systemd`: read the state in one round trip,
// then mask/unmask, enable/disable and start/stop/restart/reload only where it differs.
// systemd hosts use systemctl; others use init scripts (`service`, update-rc.d or chkconfig).
import { shellQuote } from '../../../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from '../../types.js';
import { factOf } from './facts.js';
import type { ArgsOf } from '../define-module.js';
import { ModuleFailure, execOnTarget, execStartingDaemons, execTool } from '../target.js';

export const serviceSchemaProperties = {
  name: { description: "Unit or service name ('haproxy' or 'haproxy.service').", type: 'string' },
  state: { description: 'started/stopped act only on a real transition; restarted/reloaded always act (and report changed).', enum: ['started', 'stopped', 'restarted', 'reloaded'] },
  enabled: { description: 'Start at boot (systemctl is-enabled; update-rc.d/chkconfig without systemd).', type: 'boolean' },
  daemon_reload: { description: 'Run systemctl daemon-reload first (systemd only; never reported as a change, like Ansible).', type: 'boolean' },
  masked: { description: 'Mask (true) or unmask (false) the unit (systemd only).', type: 'boolean' },
} as const;

/** What the service state machine reads: the shared properties, with a name. */
export type ServiceArgs = ArgsOf<{ type: 'object'; additionalProperties: false; required: ['name']; properties: typeof serviceSchemaProperties }>;

const UNIT_NAME = /^[A-Za-z0-9_][A-Za-z0-9@:._\\-]*$/;

export interface SystemdState {
  active: string;
  enabled: string;
  load: string;
}

export function systemdQueryCommand(unit: string): string {
  const q = shellQuote(unit);
  return `a=$(systemctl is-active ${q} 2>/dev/null); e=$(systemctl is-enabled ${q} 2>/dev/null); l=$(systemctl show -p LoadState --value ${q} 2>/dev/null); printf 'active=%s\\nenabled=%s\\nload=%s\\n' "$a" "$e" "$l"`;
}

export function parseKeyValues(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1).trim();
  }
  return out;
}

const RUNNING = new Set(['active', 'activating', 'reloading', 'deactivating']);
const ENABLED = new Set(['enabled', 'enabled-runtime', 'alias', 'linked', 'linked-runtime']);
/** Units that cannot be enabled or disabled (no [Install] section or generated): never a change. */
const NOT_TOGGLEABLE = new Set(['static', 'indirect', 'generated', 'transient']);

async function runSystemd(ctx: ModuleContext, args: ServiceArgs): Promise<ModuleResult> {
  const unit = args.name;
  const actions: string[] = [];
  if (args.daemon_reload && !ctx.check) await execTool(ctx, 'systemctl daemon-reload', 'systemctl daemon-reload');
  if (args.state === undefined && args.enabled === undefined && args.masked === undefined) return { changed: false, name: unit };
  const s = parseKeyValues((await execTool(ctx, systemdQueryCommand(unit), `reading the state of ${unit}`)).stdout) as unknown as SystemdState;
  const onlyMasking = args.state === undefined && args.enabled === undefined;
  if (s.load === 'not-found' && !(onlyMasking && args.masked !== undefined)) throw new ModuleFailure(`Could not find the requested service ${unit}`);
  const q = shellQuote(unit);
  const isMasked = s.enabled.startsWith('masked');
  if (args.masked === true && !isMasked) actions.push(`systemctl mask ${q}`);
  if (args.masked === false && isMasked) actions.push(`systemctl unmask ${q}`);
  if (args.enabled !== undefined && !NOT_TOGGLEABLE.has(s.enabled)) {
    const on = ENABLED.has(s.enabled);
    if (args.enabled && !on) actions.push(`systemctl enable ${q}`);
    if (!args.enabled && on) actions.push(`systemctl disable ${q}`);
  }
  const running = RUNNING.has(s.active);
  if (args.state === 'started' && !running) actions.push(`systemctl start ${q}`);
  if (args.state === 'stopped' && running) actions.push(`systemctl stop ${q}`);
  if (args.state === 'restarted') actions.push(`systemctl restart ${q}`);
  if (args.state === 'reloaded') actions.push(running ? `systemctl reload ${q}` : `systemctl start ${q}`);
  if (!ctx.check) for (const a of actions) await execStartingDaemons(ctx, a, a);
  return { changed: actions.length > 0, name: unit, status: { ActiveState: s.active, UnitFileState: s.enabled, LoadState: s.load }, commands: actions };
}

export function sysvQueryCommand(name: string): string {
  const q = shellQuote(name);
  return [
    `st=$( [ -x /etc/init.d/${q} ] && echo yes || echo no ); service ${q} status >/dev/null 2>&1; r=$?`,
    `if command -v update-rc.d >/dev/null 2>&1; then t=update-rc.d; if ls /etc/rc[2345].d/S[0-9][0-9]${q} >/dev/null 2>&1; then e=yes; else e=no; fi`,
    `elif command -v chkconfig >/dev/null 2>&1; then t=chkconfig; if chkconfig --list ${q} 2>/dev/null | grep -q ':on'; then e=yes; else e=no; fi`,
    `else t=none; e=unknown; fi`,
    `printf 'script=%s\\nstatus=%s\\ntool=%s\\nenabled=%s\\n' "$st" "$r" "$t" "$e"`,
  ].join('\n');
}

async function runSysv(ctx: ModuleContext, args: ServiceArgs): Promise<ModuleResult> {
  if (args.masked !== undefined) throw new ModuleFailure('masked needs systemd (service_mgr is not systemd on this host)');
  const name = args.name.replace(/\.service$/, '');
  const s = parseKeyValues((await execTool(ctx, sysvQueryCommand(name), `reading the state of ${name}`)).stdout);
  if (s['script'] !== 'yes') throw new ModuleFailure(`Could not find the requested service ${name}`);
  const q = shellQuote(name);
  const actions: string[] = [];
  if (args.enabled !== undefined && (args.enabled ? 'yes' : 'no') !== s['enabled']) {
    if (s['tool'] === 'update-rc.d') actions.push(args.enabled ? `update-rc.d ${q} defaults >/dev/null && update-rc.d ${q} enable` : `update-rc.d ${q} disable`);
    else if (s['tool'] === 'chkconfig') actions.push(`chkconfig ${q} ${args.enabled ? 'on' : 'off'}`);
    else throw new ModuleFailure('cannot change boot-time state: neither update-rc.d nor chkconfig is installed');
  }
  const running = s['status'] === '0';
  if (args.state === 'started' && !running) actions.push(`service ${q} start`);
  if (args.state === 'stopped' && running) actions.push(`service ${q} stop`);
  if (args.state === 'restarted') actions.push(`service ${q} restart`);
  if (args.state === 'reloaded') actions.push(running ? `service ${q} reload` : `service ${q} start`);
  if (!ctx.check) for (const a of actions) await execStartingDaemons(ctx, a, a);
  return { changed: actions.length > 0, name, commands: actions };
}

/** Which service manager runs the host: the fact when gathered, else a look at /run/systemd/system. */
async function usesSystemd(ctx: ModuleContext): Promise<boolean> {
  const fact = factOf(ctx, 'service_mgr');
  if (fact !== undefined) return fact === 'systemd';
  return (await execOnTarget(ctx, 'test -d /run/systemd/system')).rc === 0;
}

/** The `run` of service (or of systemd, forceSystemd); defineModule turns its ModuleFailure into a failed result. */
export function serviceRunner(forceSystemd: boolean) {
  return async (ctx: ModuleContext, args: ServiceArgs): Promise<ModuleResult> => {
    if (!UNIT_NAME.test(args.name)) throw new ModuleFailure(`invalid service name '${args.name}'`);
    if (args.state === undefined && args.enabled === undefined && args.masked === undefined && !args.daemon_reload) {
      throw new ModuleFailure('one of state, enabled, masked or daemon_reload is required');
    }
    if (forceSystemd || (await usesSystemd(ctx))) return runSystemd(ctx, args);
    return runSysv(ctx, args);
  };
}
