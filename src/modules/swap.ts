// swap (tsplay's own module; kubelet refuses to run with swap on): `state: absent` turns swap off
// now (`swapoff -a`, only when /proc/swaps lists a device) and for good: swap lines in fstab are
// commented out (atomic write), and on systemd hosts swap.target and any zram swap units are masked.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { factOf } from './lib/sys/facts.js';
import { ModuleFailure, execTool } from './lib/target.js';
import { applyTextFile, readTextFile } from './lib/sys/text-file.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type SwapArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['state'],
  properties: {
    state: { description: "Only 'absent': swap off now and after reboot.", enum: ['absent'] },
    fstab: { description: 'The fstab file to edit (default /etc/fstab).', type: 'string' },
  },
} as const;

export function swapProbeCommand(knownSystemd: boolean | undefined): string {
  const sd = knownSystemd === undefined ? `sd=no; [ -d /run/systemd/system ] && sd=yes` : `sd=${knownSystemd ? 'yes' : 'no'}`;
  return [
    `sw=$(tail -n +2 /proc/swaps 2>/dev/null | grep -c .); ${sd}`,
    `printf 'swaps=%s\\nsystemd=%s\\n' "$sw" "$sd"`,
    `if [ "$sd" = yes ]; then`,
    `  printf 'unit=swap.target %s\\n' "$(systemctl is-enabled swap.target 2>/dev/null)"`,
    `  systemctl list-units --all --no-legend --plain 'dev-zram*.swap' 'systemd-zram-setup@*' 2>/dev/null | while read -r u rest; do printf 'unit=%s %s\\n' "$u" "$(systemctl is-enabled "$u" 2>/dev/null)"; done`,
    `fi`,
  ].join('\n');
}

/** fstab with every active swap entry commented out (fields: spec file type options ...). */
export function commentOutSwap(fstab: string): string {
  return fstab
    .split('\n')
    .map((line) => {
      const fields = line.trim().split(/\s+/);
      return !line.trim().startsWith('#') && fields.length >= 3 && fields[2] === 'swap' ? `# ${line}` : line;
    })
    .join('\n');
}

async function runSwap(ctx: ModuleContext, args: SwapArgs): Promise<ModuleResult> {
  if (args.state !== 'absent') throw new ModuleFailure("swap supports only state: absent");
  const mgr = factOf(ctx, 'service_mgr');
  const probe = (await execTool(ctx, swapProbeCommand(mgr === undefined ? undefined : mgr === 'systemd'), 'reading the swap state')).stdout;
  const activeSwaps = Number(/^swaps=(\d+)/m.exec(probe)?.[1] ?? '0');
  const toMask = [...probe.matchAll(/^unit=(\S+) ?(.*)$/gm)].filter((m) => !m[2]!.startsWith('masked')).map((m) => m[1]!);
  const fstabPath = args.fstab ?? '/etc/fstab';
  const before = await readTextFile(ctx, fstabPath);
  const after = before === undefined ? undefined : commentOutSwap(before);
  if (activeSwaps > 0 && !ctx.check) await execTool(ctx, 'swapoff -a', 'swapoff -a');
  const fstab = await applyTextFile(ctx, fstabPath, before, after);
  if (toMask.length > 0 && !ctx.check) await execTool(ctx, `systemctl mask ${toMask.map(shellQuote).join(' ')}`, 'masking swap units');
  const result: ModuleResult = { changed: activeSwaps > 0 || fstab.changed || toMask.length > 0, swapoff: activeSwaps > 0, fstab_changed: fstab.changed, masked: toMask };
  if (ctx.diff && fstab.diff) result.diff = [fstab.diff];
  return result;
}

export const swapModule = defineModule({ name: 'swap', schema, run: runSwap });
