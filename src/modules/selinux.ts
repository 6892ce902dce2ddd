// selinux: the SELinux mode now (setenforce) and at boot (SELINUX= in the config file).
// Moving to or from `disabled` needs a reboot: reported as reboot_required, never done here.
// Hosts without SELinux (Debian) get ok with a message.
import type { FileDiff, ModuleContext, ModuleResult } from './types.js';
import { requireOneLine } from './lib/sys/args.js';
import { ModuleFailure, execTool } from './lib/target.js';
import { applyTextFile, readTextFile } from './lib/sys/text-file.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type SelinuxArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['state'],
  properties: {
    state: { description: 'enforcing, permissive or disabled.', enum: ['enforcing', 'permissive', 'disabled'] },
    policy: { description: "SELINUXTYPE, e.g. 'targeted' (left alone when unset).", type: 'string' },
    configfile: { description: 'Config file (default /etc/selinux/config).', type: 'string' },
  },
} as const;

// An empty /sys/fs/selinux (containers such as systemd-nspawn create the mount point) is not SELinux:
// a host with SELinux has getenforce or a mounted selinuxfs with an `enforce` file.
export const SELINUX_PROBE =
  `if command -v getenforce >/dev/null 2>&1; then getenforce; elif [ -f /sys/fs/selinux/enforce ]; then [ "$(cat /sys/fs/selinux/enforce)" = 1 ] && echo Enforcing || echo Permissive; else echo unavailable; fi`;

/** Set KEY=value in the config (replacing the first active line, or appending). */
export function setConfigKey(text: string, key: string, value: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  const at = lines.findIndex((l) => new RegExp(`^\\s*${key}\\s*=`).test(l));
  if (at >= 0) lines[at] = `${key}=${value}`;
  else lines.push(`${key}=${value}`);
  return `${lines.filter((l, i) => !(i === 0 && l === '' && lines.length > 1)).join('\n')}\n`;
}

async function runSelinux(ctx: ModuleContext, args: SelinuxArgs): Promise<ModuleResult> {
  const live = (await execTool(ctx, SELINUX_PROBE, 'reading the SELinux mode')).stdout.trim().toLowerCase();
  if (live === 'unavailable') return { changed: false, msg: 'SELinux is not available on this host' };
  if (!['enforcing', 'permissive', 'disabled'].includes(live)) throw new ModuleFailure(`unexpected SELinux mode '${live}'`);
  const configfile = args.configfile ?? '/etc/selinux/config';
  const before = await readTextFile(ctx, configfile);
  let after = setConfigKey(before ?? '', 'SELINUX', args.state);
  if (args.policy !== undefined) after = setConfigKey(after, 'SELINUXTYPE', requireOneLine('policy', args.policy));
  const msgs: string[] = [];
  let liveChanged = false;
  let rebootRequired = false;
  if (live === 'disabled') {
    if (args.state !== 'disabled') rebootRequired = true;
  } else {
    if (args.state === 'disabled') rebootRequired = true;
    // Going to disabled drops to permissive now (the reboot finishes the job), as Ansible does.
    const wanted = args.state === 'enforcing' ? 'enforcing' : 'permissive';
    if (wanted !== live) {
      liveChanged = true;
      msgs.push(`live mode ${live} -> ${wanted}`);
      if (!ctx.check) await execTool(ctx, `setenforce ${wanted === 'enforcing' ? 1 : 0}`, 'setenforce');
    }
  }
  const file = await applyTextFile(ctx, configfile, before, after);
  if (file.changed) msgs.push(`config SELINUX=${args.state}`);
  if (rebootRequired) msgs.push('a reboot is required');
  const diff: FileDiff[] = file.diff ? [file.diff] : [];
  const result: ModuleResult = { changed: liveChanged || file.changed, state: args.state, reboot_required: rebootRequired, msg: msgs.join(', ') || 'nothing to change' };
  if (ctx.diff && diff.length) result.diff = diff;
  return result;
}

export const selinuxModule = defineModule({ name: 'selinux', schema, run: runSelinux });
