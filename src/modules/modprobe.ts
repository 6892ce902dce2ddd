// modprobe: load or unload a kernel module, and optionally make it persistent
// (/etc/modules-load.d/NAME.conf, plus /etc/modprobe.d/NAME.conf for params).
// A module counts as loaded when /proc/modules lists it, /sys/module/NAME exists, or it is
// listed in modules.builtin; built-in modules cannot be loaded or unloaded, so they are ok.
import { shellQuote } from '../util/shell-quote.js';
import type { FileDiff, ModuleContext, ModuleResult } from './types.js';
import { requireName, requireOneLine } from './lib/sys/args.js';
import { execTool } from './lib/target.js';
import { ensureTextFile } from './lib/sys/text-file.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type ModprobeArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { description: "Kernel module name, e.g. 'br_netfilter'.", type: 'string' },
    state: { description: 'present (default: loaded) or absent (unloaded).', enum: ['present', 'absent'] },
    params: { description: "Module parameters, e.g. 'numdummies=2' (used when loading and in modprobe.d).", type: 'string' },
    persistent: { description: "present: write /etc/modules-load.d/NAME.conf; absent: remove it; disabled (default): leave boot config alone.", enum: ['present', 'absent', 'disabled'] },
  },
} as const;

/** Prints builtin, loaded or absent. '-' and '_' are the same in module names. */
export function moduleStateCommand(name: string): string {
  const u = shellQuote(name.replace(/-/g, '_'));
  return [
    `u=${u}; b=/lib/modules/$(uname -r)/modules.builtin`,
    `if [ -f "$b" ] && sed 's#.*/##; s#\\.ko.*##; s#-#_#g' "$b" | grep -qx -e "$u"; then echo builtin`,
    `elif grep -q "^$u " /proc/modules 2>/dev/null || [ -d "/sys/module/$u" ]; then echo loaded`,
    `else echo absent; fi`,
  ].join('\n');
}

async function runModprobe(ctx: ModuleContext, args: ModprobeArgs): Promise<ModuleResult> {
  const name = requireName('kernel module', args.name, /^[A-Za-z0-9_][A-Za-z0-9_-]*$/);
  const params = requireOneLine('params', args.params ?? '').trim();
  const state = args.state ?? 'present';
  const current = (await execTool(ctx, moduleStateCommand(name), `reading the state of module ${name}`)).stdout.trim();
  const result: ModuleResult = { changed: false, name, state, params };
  if (current === 'builtin') {
    result.msg = `${name} is built into the kernel: it cannot be ${state === 'present' ? 'loaded' : 'unloaded'}, nothing to do`;
  } else if (state === 'present' && current !== 'loaded') {
    result.changed = true;
    if (!ctx.check) await execTool(ctx, ['modprobe', shellQuote(name), ...params.split(/\s+/).filter(Boolean).map(shellQuote)].join(' '), `modprobe ${name}`);
  } else if (state === 'absent' && current === 'loaded') {
    result.changed = true;
    if (!ctx.check) await execTool(ctx, `modprobe -r ${shellQuote(name)}`, `modprobe -r ${name}`);
  }
  const diff: FileDiff[] = [];
  const persistent = args.persistent ?? 'disabled';
  if (persistent !== 'disabled') {
    const keep = persistent === 'present';
    const load = await ensureTextFile(ctx, `/etc/modules-load.d/${name}.conf`, keep ? `${name}\n` : undefined);
    // Without params an existing modprobe.d file (the admin's own options) is left alone.
    const opts = keep && !params ? undefined : await ensureTextFile(ctx, `/etc/modprobe.d/${name}.conf`, keep ? `options ${name} ${params}\n` : undefined);
    for (const o of [load, opts]) if (o?.diff) diff.push(o.diff);
    result.changed = result.changed || load.changed || (opts?.changed ?? false);
  }
  if (ctx.diff && diff.length) result.diff = diff;
  return result;
}

export const modprobeModule = defineModule({ name: 'modprobe', schema, run: runModprobe });
