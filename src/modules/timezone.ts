// timezone (community.general.timezone): the system time zone and, optionally, whether the hardware
// clock keeps local time or UTC. With systemd running: timedatectl. Without: /etc/timezone, the
// /etc/localtime symlink into /usr/share/zoneinfo, and the third line of /etc/adjtime. The state is
// read in one round trip; the diff is Ansible's dict diff ({name, hwclock}) as JSON text.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { parseKeyValues } from './lib/sys/service-control.js';
import { ModuleFailure, execTool } from './lib/target.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { description: "Time zone name under /usr/share/zoneinfo ('Europe/Paris', 'Etc/UTC').", type: 'string' },
    hwclock: { description: 'The hardware clock keeps local time or UTC.', enum: ['local', 'UTC'] },
    rtc: { description: 'Alias of hwclock.', enum: ['local', 'UTC'] },
  },
} as const;

const ZONEINFO = '/usr/share/zoneinfo';

/** Prints mode, the current zone, the RTC setting and whether the wanted zone exists. */
function readScript(name: string | undefined): string {
  const zoneCheck = name === undefined ? 'echo zone_ok=yes' : `if [ -f ${shellQuote(`${ZONEINFO}/${name}`)} ]; then echo zone_ok=yes; else echo zone_ok=no; fi`;
  return [
    zoneCheck,
    `if [ -d /run/systemd/system ] && command -v timedatectl >/dev/null 2>&1; then`,
    `  echo mode=systemd; echo "tz=$(timedatectl show -p Timezone --value)"; echo "rtc=$(timedatectl show -p LocalRTC --value)"`,
    `else`,
    `  echo mode=files`,
    `  if [ -s /etc/timezone ]; then echo "tz=$(head -n1 /etc/timezone)"; else echo "tz=$(readlink /etc/localtime 2>/dev/null | sed 's|^.*/zoneinfo/||')"; fi`,
    `  if [ "$(sed -n 3p /etc/adjtime 2>/dev/null)" = LOCAL ]; then echo rtc=yes; else echo rtc=no; fi`,
    `fi`,
  ].join('\n');
}

function writeCommands(mode: string, name: string | undefined, hwclock: string | undefined): string[] {
  const commands: string[] = [];
  if (mode === 'systemd') {
    if (name !== undefined) commands.push(`timedatectl set-timezone ${shellQuote(name)}`);
    if (hwclock !== undefined) commands.push(`timedatectl set-local-rtc ${hwclock === 'local' ? 'yes' : 'no'}`);
    return commands;
  }
  if (name !== undefined) commands.push(`ln -sfn ${shellQuote(`${ZONEINFO}/${name}`)} /etc/localtime && printf '%s\\n' ${shellQuote(name)} > /etc/timezone`);
  if (hwclock !== undefined) {
    const word = hwclock === 'local' ? 'LOCAL' : 'UTC';
    // /etc/adjtime: drift line, last-calibration line, then UTC or LOCAL.
    commands.push(`if [ -f /etc/adjtime ]; then sed -i '3s/.*/${word}/' /etc/adjtime; else printf '0.0 0 0.0\\n0\\n${word}\\n' > /etc/adjtime; fi`);
  }
  return commands;
}

function diffJson(state: { name?: string; hwclock?: string }): string {
  const lines = Object.entries(state).map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

async function runTimezone(ctx: ModuleContext, args: ArgsOf<typeof schema>): Promise<ModuleResult> {
  const name = args.name;
  const hwclock = args.hwclock ?? args.rtc;
  if (name === undefined && hwclock === undefined) throw new ModuleFailure('one of the following is required: name, hwclock');
  if (name !== undefined && (!/^[A-Za-z0-9_+\-/]+$/.test(name) || name.split('/').includes('..'))) throw new ModuleFailure(`given timezone "${name}" is not available`);
  const state = parseKeyValues((await execTool(ctx, readScript(name), 'reading the time zone')).stdout);
  if (state['zone_ok'] !== 'yes') throw new ModuleFailure(`given timezone "${name}" is not available`);
  const current = { name: state['tz'] ?? '', hwclock: state['rtc'] === 'yes' ? 'local' : 'UTC' };
  const nameChanges = name !== undefined && current.name !== name;
  const rtcChanges = hwclock !== undefined && current.hwclock !== hwclock;
  const before = { ...(name !== undefined ? { name: current.name } : {}), ...(hwclock !== undefined ? { hwclock: current.hwclock } : {}) };
  const after = { ...(name !== undefined ? { name } : {}), ...(hwclock !== undefined ? { hwclock } : {}) };
  const changed = nameChanges || rtcChanges;
  if (changed && !ctx.check) {
    for (const command of writeCommands(state['mode'] ?? 'files', nameChanges ? name : undefined, rtcChanges ? hwclock : undefined)) await execTool(ctx, command, command);
  }
  return { changed, ...(ctx.diff ? { diff: [{ path: '', before: diffJson(before), after: diffJson(after) }] } : {}) };
}

export const timezoneModule = defineModule({ name: 'timezone', schema, run: runTimezone });
