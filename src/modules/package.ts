// package: the generic package module; dispatches to apt or dnf by the host's `pkg_mgr` fact
// (or the `use` argument), with only the arguments both understand.
import type { ModuleContext, ModuleResult } from './types.js';
import { runApt } from './apt.js';
import { runDnf } from './dnf.js';
import { stringOrList } from './lib/sys/args.js';
import { factOf } from './lib/sys/facts.js';
import { ModuleFailure } from './lib/target.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type PackageArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: stringOrList('Package names (versions in the package manager\'s own syntax).'),
    state: { description: 'present (default), absent or latest.', enum: ['present', 'absent', 'latest'] },
    use: { description: "Package manager to use: 'auto' (default: the pkg_mgr fact), 'apt', 'dnf' or 'yum'.", type: 'string' },
  },
} as const;

async function runPackage(ctx: ModuleContext, args: PackageArgs): Promise<ModuleResult> {
  const manager = args.use && args.use !== 'auto' ? args.use : factOf(ctx, 'pkg_mgr');
  if (manager === undefined) throw new ModuleFailure("package needs the 'pkg_mgr' fact: gather facts, or set use: apt|dnf");
  if (manager === 'apt') return runApt(ctx, { name: args.name, state: args.state });
  if (manager === 'dnf' || manager === 'yum' || manager === 'dnf5') return runDnf(ctx, { name: args.name, state: args.state });
  throw new ModuleFailure(`package manager '${manager}' is not supported (apt, dnf, yum are)`);
}

export const packageModule = defineModule({ name: 'package', schema, run: runPackage });
