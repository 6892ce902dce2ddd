// dpkg_selections: set a package's dpkg selection. `selection: hold` is how tsplay holds
// kubelet/kubeadm/kubectl (same effect as `apt-mark hold`); apt itself has no hold argument.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { requireName } from './lib/sys/args.js';
import { execOnTarget, execTool } from './lib/target.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type DpkgSelectionsArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'selection'],
  properties: {
    name: { description: 'Package name.', type: 'string' },
    selection: { description: 'The dpkg selection to set.', enum: ['install', 'hold', 'deinstall', 'purge'] },
  },
} as const;

async function runDpkgSelections(ctx: ModuleContext, args: DpkgSelectionsArgs): Promise<ModuleResult> {
  const name = requireName('package', args.name, /^[A-Za-z0-9][A-Za-z0-9+._:-]*$/);
  const current = await execOnTarget(ctx, `dpkg --get-selections ${shellQuote(name)} 2>/dev/null`);
  // "kubelet\t\t\t\t\thold"; nothing (or a warning) when dpkg does not know the package.
  const line = current.stdout.split('\n').find((l) => l.split(/\s+/)[0]?.replace(/:.*$/, '') === name.replace(/:.*$/, ''));
  const before = line ? line.trim().split(/\s+/).pop()! : 'not present';
  const changed = before !== args.selection;
  const result: ModuleResult = { changed, before, after: args.selection };
  if (ctx.diff && changed) result.diff = [{ path: `dpkg selection of ${name}`, before: `${before}\n`, after: `${args.selection}\n` }];
  if (changed && !ctx.check) await execTool(ctx, 'dpkg --set-selections', 'dpkg --set-selections', `${name} ${args.selection}\n`);
  return result;
}

export const dpkgSelectionsModule = defineModule({ name: 'dpkg_selections', schema, run: runDpkgSelections });
