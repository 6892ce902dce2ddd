// package: the generic package module; dispatches to apt or dnf by the host's `pkg_mgr` fact
// (or the `use` argument). As in Ansible, every other argument passes through to the backend
// module: the loader accepts any argument apt or dnf knows, and the backend chosen on the host
// refuses one it does not know (Ansible: "Unsupported parameters for (apt) module").
import type { ModuleContext, ModuleResult } from './types.js';
import { aptSchema, runApt, type AptArgs } from './apt.js';
import { dnfSchema, runDnf, type DnfArgs } from './dnf.js';
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
    ...aptSchema.properties,
    ...dnfSchema.properties,
    name: stringOrList('Package names (versions in the package manager\'s own syntax).'),
    state: { description: 'present (default), absent or latest; installed/removed for dnf.', enum: ['present', 'installed', 'absent', 'removed', 'latest'] },
    use: { description: "Package manager to use: 'auto' (default: the pkg_mgr fact), 'apt', 'dnf' or 'yum'. Other arguments go to that module unchanged.", type: 'string' },
  },
} as const;

/** The arguments for the backend: all but `use`; one the backend does not know fails the task. */
function backendArgs(args: PackageArgs, backend: string, accepted: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const { use: _use, ...rest } = args;
  const unknown = Object.keys(rest).filter((key) => !(key in accepted));
  if (unknown.length > 0) throw new ModuleFailure(`Unsupported parameters for (${backend}) module: ${unknown.sort().join(', ')} (package passes its arguments to ${backend})`);
  return rest;
}

async function runPackage(ctx: ModuleContext, args: PackageArgs): Promise<ModuleResult> {
  const manager = args.use && args.use !== 'auto' ? args.use : factOf(ctx, 'pkg_mgr');
  if (manager === undefined) throw new ModuleFailure("package needs the 'pkg_mgr' fact: gather facts, or set use: apt|dnf");
  if (manager === 'apt') {
    const aptArgs = backendArgs(args, 'apt', aptSchema.properties);
    // apt has no installed/removed: Ansible's apt refuses them too.
    if (args.state === 'installed' || args.state === 'removed') throw new ModuleFailure(`value of state must be one of: present, absent, latest; got: ${args.state} (apt)`);
    return runApt(ctx, aptArgs as AptArgs);
  }
  if (manager === 'dnf' || manager === 'yum' || manager === 'dnf5') return runDnf(ctx, backendArgs(args, 'dnf', dnfSchema.properties) as DnfArgs);
  throw new ModuleFailure(`package manager '${manager}' is not supported (apt, dnf, yum are)`);
}

export const packageModule = defineModule({ name: 'package', schema, run: runPackage });
