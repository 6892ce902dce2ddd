// hostname: the host's name, live and across reboots. On systemd hosts `hostnamectl set-hostname`
// (the `systemd` strategy); elsewhere, or with `use: debian|redhat|generic`, /etc/hostname is
// rewritten (atomically) and `hostname NAME` sets the live name. The host's facts follow, so later
// tasks see ansible_hostname / ansible_nodename as set.
import { shellQuote } from '../util/shell-quote.js';
import { requireName } from './lib/sys/args.js';
import { applyTextFile } from './lib/sys/text-file.js';
import { execTool } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type HostnameArgs = ArgsOf<typeof schema>;

/** RFC 1123 host names (labels of letters, digits and inner hyphens, dot-separated). */
const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

const PROBE = [
  `sd=no; [ -d /run/systemd/system ] && command -v hostnamectl >/dev/null 2>&1 && sd=yes`,
  `printf 'live=%s\\nsystemd=%s\\n' "$(hostname)" "$sd"`,
  `if [ -e /etc/hostname ]; then printf 'static=%s\\n' "$(head -n 1 /etc/hostname)"; fi`,
].join('\n');

async function runHostname(ctx: ModuleContext, args: HostnameArgs): Promise<ModuleResult> {
  const name = requireName('host', args.name, HOST_NAME);
  const probe = (await execTool(ctx, PROBE, 'reading the host name')).stdout;
  const field = (key: string) => new RegExp(`^${key}=(.*)$`, 'm').exec(probe)?.[1];
  const live = field('live') ?? '';
  const staticName = field('static');
  const systemd = (args.use ?? (field('systemd') === 'yes' ? 'systemd' : 'generic')) === 'systemd';
  const facts = { ansible_facts: { hostname: name.split('.')[0], nodename: name } };
  if (live === name && staticName === name) return { changed: false, name, ...facts };
  if (systemd) {
    if (!ctx.check) await execTool(ctx, `hostnamectl set-hostname ${shellQuote(name)}`, 'hostnamectl set-hostname');
    const diff = { path: '/etc/hostname', before: staticName === undefined ? '' : `${staticName}\n`, after: `${name}\n` };
    return { changed: true, name, ...facts, ...(ctx.diff ? { diff: [diff] } : {}) };
  }
  const file = await applyTextFile(ctx, '/etc/hostname', staticName === undefined ? undefined : `${staticName}\n`, `${name}\n`);
  if (live !== name && !ctx.check) await execTool(ctx, `hostname ${shellQuote(name)}`, 'hostname');
  return { changed: true, name, ...facts, ...(ctx.diff && file.diff ? { diff: [file.diff] } : {}) };
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { description: 'The host name (RFC 1123: letters, digits, hyphens, dots).', type: 'string' },
    use: { description: 'How to set it: systemd (hostnamectl; the default on systemd hosts) or debian/redhat/generic (/etc/hostname + hostname).', enum: ['systemd', 'debian', 'redhat', 'generic'] },
  },
} as const;

export const hostnameModule = defineModule({
  name: 'hostname',
  schema,
  run: runHostname,
});
