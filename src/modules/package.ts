// package: the generic package module; dispatches to apt or dnf by the host's `pkg_mgr` fact
// (or the `use` argument). Like Ansible's package action, it passes every other argument through
// to the backend: the loader accepts any argument apt or dnf knows (so `update_cache`,
// `allow_downgrade` or `enablerepo` load, and a typo does not), and the backend chosen on the host
// refuses, at run time, an argument it does not take (Ansible: "Unsupported parameters for (apt)").
import type { ModuleContext, ModuleResult } from './types.js';
import { aptSchema, runApt, type AptArgs } from './apt.js';
import { dnfSchema, runDnf, type DnfArgs } from './dnf.js';
import { factOf } from './lib/sys/facts.js';
import { ModuleFailure } from './lib/target.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    ...aptSchema.properties,
    ...dnfSchema.properties,
    update_cache: { description: 'Refresh the package index first (apt-get update, dnf makecache; default false).', type: 'boolean' },
    state: { description: 'present (default), absent or latest; installed/removed for dnf.', enum: ['present', 'installed', 'absent', 'removed', 'latest'] },
    use: { description: "Package manager to use: 'auto' (default: the pkg_mgr fact), 'apt', 'dnf' or 'yum'. Other arguments go to it.", type: 'string' },
  },
} as const;

export type PackageArgs = ArgsOf<typeof schema>;

/** The backend's own schema decides which passed-through arguments (and states) it takes. */
function forBackend(backend: string, properties: Record<string, unknown>, args: Record<string, unknown>): Record<string, unknown> {
  const unsupported = Object.keys(args).filter((key) => !(key in properties));
  if (unsupported.length > 0) {
    throw new ModuleFailure(`Unsupported parameters for (${backend}) module: ${unsupported.sort().join(', ')}. Supported parameters include: ${Object.keys(properties).sort().join(', ')}.`);
  }
  const states = (properties['state'] as { enum?: readonly string[] } | undefined)?.enum;
  if (typeof args['state'] === 'string' && states && !states.includes(args['state'])) {
    throw new ModuleFailure(`value of state must be one of: ${states.join(', ')}, got: ${args['state']}`);
  }
  return args;
}

async function runPackage(ctx: ModuleContext, args: PackageArgs): Promise<ModuleResult> {
  const { use, ...rest } = args;
  const manager = use && use !== 'auto' ? use : factOf(ctx, 'pkg_mgr');
  if (manager === undefined) throw new ModuleFailure("package needs the 'pkg_mgr' fact: gather facts, or set use: apt|dnf");
  if (manager === 'apt') return runApt(ctx, forBackend('apt', aptSchema.properties, rest) as AptArgs);
  if (manager === 'dnf' || manager === 'yum' || manager === 'dnf5') return runDnf(ctx, forBackend(manager, dnfSchema.properties, rest) as DnfArgs);
  throw new ModuleFailure(`package manager '${manager}' is not supported (apt, dnf, yum are)`);
}

export const packageModule = defineModule({ name: 'package', schema, run: runPackage });
