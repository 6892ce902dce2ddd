// dnf: RPM packages on RHEL-family hosts. Same shape as apt: one round trip reads the state of all
// requested packages (rpm -q, dnf check-update), then at most one install/upgrade/remove each.
// Holds (versionlock) are not implemented: pin with `name-version` and `disable_excludes` instead.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { stringOrList, toList } from './lib/sys/args.js';
import { execStartingDaemons, execTool } from './lib/target.js';
import { packageListDiff, parseRpmSpec, type PackageSpec } from './lib/sys/package-spec.js';
import { queryRpmPackages } from './lib/sys/rpm-state.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type DnfArgs = ArgsOf<typeof dnfSchema>;

export const dnfSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: stringOrList("Packages: 'pkg' or 'pkg-1.31.2' (rpm matches name-version itself); a list or a comma-separated string."),
    state: { description: 'present/installed (default), absent/removed, or latest.', enum: ['present', 'installed', 'absent', 'removed', 'latest'] },
    update_cache: { description: 'Refresh repository metadata first (dnf makecache, default false).', type: 'boolean' },
    disable_excludes: { description: "Passed as --disableexcludes (e.g. 'kubernetes' for repos that exclude kubelet).", type: 'string' },
    enablerepo: stringOrList('Repositories to enable for this run (--enablerepo).'),
    disablerepo: stringOrList('Repositories to disable for this run (--disablerepo).'),
    install_weak_deps: { description: 'false passes --setopt=install_weak_deps=False (default: dnf default).', type: 'boolean' },
    disable_gpg_check: { description: 'Pass --nogpgcheck (default false).', type: 'boolean' },
  },
} as const;

function dnfFlags(args: DnfArgs): string[] {
  const flags: string[] = [];
  if (args.disable_excludes) flags.push(`--disableexcludes=${shellQuote(args.disable_excludes)}`);
  for (const r of toList(args.enablerepo)) flags.push(`--enablerepo=${shellQuote(r)}`);
  for (const r of toList(args.disablerepo)) flags.push(`--disablerepo=${shellQuote(r)}`);
  return flags;
}

export function dnfCommand(verb: 'install' | 'upgrade' | 'remove', specs: readonly string[], args: DnfArgs): string {
  const parts = ['dnf', '-y', ...dnfFlags(args)];
  if (args.install_weak_deps === false && verb !== 'remove') parts.push('--setopt=install_weak_deps=False');
  if (args.disable_gpg_check && verb !== 'remove') parts.push('--nogpgcheck');
  parts.push(verb, '--', ...specs.map(shellQuote));
  return parts.join(' ');
}

async function runDnf(ctx: ModuleContext, args: DnfArgs): Promise<ModuleResult> {
  const state = args.state === 'installed' ? 'present' : args.state === 'removed' ? 'absent' : args.state ?? 'present';
  const specs: PackageSpec[] = toList(args.name).map(parseRpmSpec);
  if (args.update_cache && !ctx.check) await execTool(ctx, `dnf -y -q ${dnfFlags(args).join(' ')} makecache`.replace(/ +/g, ' '), 'dnf makecache');
  if (specs.length === 0) return { changed: false, msg: 'no packages given' };
  const { states, updates } = await queryRpmPackages(ctx, specs, state === 'latest', dnfFlags(args));
  const install: string[] = [];
  const upgrade: string[] = [];
  const remove: string[] = [];
  for (const s of specs) {
    const st = states.get(s.spec);
    if (state === 'absent') {
      if (st?.installed) remove.push(s.spec);
    } else if (!st?.installed) install.push(s.spec);
    else if (state === 'latest' && updates.has(st.name)) upgrade.push(st.name);
  }
  const changed = install.length + upgrade.length + remove.length > 0;
  const result: ModuleResult = { changed, packages: { install, upgrade, remove } };
  if (ctx.diff && changed) {
    const before = new Map([...states.values()].filter((s) => s.installed).map((s) => [s.name, s.version] as [string, string]));
    const after = new Map(before);
    for (const n of install) after.set(n, '(to install)');
    for (const n of upgrade) after.set(n, '(newest)');
    for (const n of remove) after.delete(states.get(n)?.name ?? n);
    result.diff = [packageListDiff('dnf packages', before, after)];
  }
  if (!changed) return { ...result, msg: 'all packages are in the requested state' };
  if (ctx.check) return result;
  if (install.length) await execStartingDaemons(ctx, dnfCommand('install', install, args), 'dnf install');
  if (upgrade.length) await execStartingDaemons(ctx, dnfCommand('upgrade', upgrade, args), 'dnf upgrade');
  if (remove.length) await execStartingDaemons(ctx, dnfCommand('remove', remove, args), 'dnf remove');
  return result;
}

export const dnfModule = defineModule({ name: 'dnf', schema: dnfSchema, run: runDnf });
export { runDnf };
