// apt: Debian packages. Reads every requested package's state in one round trip, then runs at most
// one `apt-get install` and one `apt-get remove`, only for packages whose state differs.
// Holding packages is the job of `dpkg_selections` (selection: hold), not of this module.
import { shellQuote } from '../util/shell-quote.js';
import type { FileDiff, ModuleContext, ModuleResult } from './types.js';
import { requireOneLine, stringOrList, toList } from './lib/sys/args.js';
import { queryAptPackages, updateAptCache, type AptPackageState } from './lib/sys/apt-state.js';
import { ModuleFailure, execStartingDaemons, execTool } from './lib/target.js';
import { isWildcard, packageListDiff, parseAptSpec, versionMatchesGlob, type PackageSpec } from './lib/sys/package-spec.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type AptArgs = ArgsOf<typeof aptSchema>;

export const aptSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: stringOrList("Packages: 'pkg', 'pkg=1.31.2-1.1' (exact) or 'pkg=1.31.*' (wildcard); a list or a comma-separated string."),
    state: { description: 'present (default), absent, or latest (upgrade to the candidate).', enum: ['present', 'absent', 'latest'] },
    update_cache: { description: 'Run apt-get update first (default false).', type: 'boolean' },
    cache_valid_time: { description: 'With update_cache: skip the update when the cache is younger than this many seconds.', type: 'integer', minimum: 0 },
    allow_change_held_packages: { description: 'Pass --allow-change-held-packages so held packages may be changed (default false).', type: 'boolean' },
    allow_downgrade: { description: 'Pass --allow-downgrades so a pinned lower version can be installed (default false).', type: 'boolean' },
    install_recommends: { description: "true/false forces apt's Install-Recommends; unset keeps apt's own default.", type: 'boolean' },
    dpkg_options: { description: "Comma-separated dpkg options (default 'force-confdef,force-confold').", type: 'string' },
    purge: { description: 'With state absent: purge configuration files too (default false).', type: 'boolean' },
    autoremove: { description: 'Also remove dependencies that are no longer needed (default false).', type: 'boolean' },
  },
} as const;

interface AptPlan {
  install: PackageSpec[];
  upgrade: PackageSpec[];
  remove: PackageSpec[];
}

export function planApt(specs: readonly PackageSpec[], states: Map<string, AptPackageState>, state: string, purge: boolean): AptPlan {
  const plan: AptPlan = { install: [], upgrade: [], remove: [] };
  for (const spec of specs) {
    const current = states.get(spec.name);
    const installed = current?.installed ?? false;
    const versionOk = (s: AptPackageState) =>
      spec.version === undefined || (isWildcard(spec.version) ? versionMatchesGlob(s.version, spec.version) : s.pinMatches);
    if (state === 'absent') {
      if ((installed && versionOk(current!)) || (purge && current?.configOnly)) plan.remove.push(spec);
    } else if (!installed) {
      plan.install.push(spec);
    } else if (!versionOk(current!)) {
      plan.upgrade.push(spec);
    } else if (state === 'latest' && current!.upgradable) {
      plan.upgrade.push(spec);
    }
  }
  return plan;
}

export function aptGetCommand(verb: 'install' | 'remove' | 'purge', words: readonly string[], args: AptArgs): string {
  const parts = ['DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true apt-get -y -q'];
  if (verb === 'install') {
    for (const opt of toList(args.dpkg_options ?? 'force-confdef,force-confold')) {
      parts.push('-o', shellQuote(`Dpkg::Options::=--${requireOneLine('dpkg_options', opt)}`));
    }
    if (args.install_recommends === true) parts.push('-o', 'APT::Install-Recommends=yes');
    if (args.install_recommends === false) parts.push('--no-install-recommends');
    if (args.allow_change_held_packages) parts.push('--allow-change-held-packages');
    if (args.allow_downgrade) parts.push('--allow-downgrades');
  } else if (args.allow_change_held_packages) {
    parts.push('--allow-change-held-packages');
  }
  if (args.autoremove) parts.push('--auto-remove');
  parts.push(verb, ...words.map(shellQuote));
  return parts.join(' ');
}

/** Age of the package cache in seconds, by the host's own clock (huge when never updated). */
export const CACHE_AGE_COMMAND =
  'now=$(date +%s); t=$(stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %Y /var/cache/apt/pkgcache.bin 2>/dev/null || echo 0); echo $((now - t))';

async function updateCacheIfNeeded(ctx: ModuleContext, args: AptArgs): Promise<boolean> {
  if (!args.update_cache) return false;
  if (args.cache_valid_time !== undefined && args.cache_valid_time > 0) {
    const age = Number((await execTool(ctx, CACHE_AGE_COMMAND, 'reading the apt cache age')).stdout.trim());
    if (Number.isFinite(age) && age >= 0 && age < args.cache_valid_time) return false;
  }
  if (!ctx.check) await updateAptCache(ctx);
  return true;
}

async function runApt(ctx: ModuleContext, args: AptArgs): Promise<ModuleResult> {
  const state = args.state ?? 'present';
  const specs = toList(args.name).map(parseAptSpec);
  if (state === 'latest' && specs.some((s) => s.version !== undefined)) {
    throw new ModuleFailure("state 'latest' cannot be combined with a pinned version ('pkg=version')");
  }
  const cacheUpdated = await updateCacheIfNeeded(ctx, args);
  if (specs.length === 0) {
    return { changed: cacheUpdated, cache_updated: cacheUpdated, msg: cacheUpdated ? 'cache updated' : args.update_cache ? 'cache is valid' : 'no packages given' };
  }
  const states = await queryAptPackages(ctx, specs, state === 'latest');
  const plan = planApt(specs, states, state, args.purge ?? false);
  const changed = plan.install.length + plan.upgrade.length + plan.remove.length > 0;
  const result: ModuleResult = {
    changed,
    cache_updated: cacheUpdated,
    packages: { install: plan.install.map((s) => s.spec), upgrade: plan.upgrade.map((s) => s.spec), remove: plan.remove.map((s) => s.spec) },
  };
  if (ctx.diff && changed) result.diff = [aptDiff(specs, states, plan)];
  if (!changed) return { ...result, msg: 'all packages are in the requested state' };
  if (ctx.check) return result;
  const toInstall = [...plan.install, ...plan.upgrade].map((s) => (s.version === undefined ? s.name : s.spec));
  if (toInstall.length > 0) {
    const out = await execStartingDaemons(ctx, aptGetCommand('install', toInstall, args), 'apt-get install');
    result.stdout = out.stdout;
  }
  if (plan.remove.length > 0) {
    const out = await execStartingDaemons(ctx, aptGetCommand(args.purge ? 'purge' : 'remove', plan.remove.map((s) => s.name), args), 'apt-get remove');
    result.stdout = `${result.stdout ?? ''}${out.stdout}`;
  }
  return result;
}

function aptDiff(specs: readonly PackageSpec[], states: Map<string, AptPackageState>, plan: AptPlan): FileDiff {
  const before = new Map<string, string>();
  for (const s of specs) {
    const st = states.get(s.name);
    if (st?.installed) before.set(s.name, st.version);
  }
  const after = new Map(before);
  for (const s of [...plan.install, ...plan.upgrade]) {
    const candidate = states.get(s.name)?.candidate;
    after.set(s.name, s.version ?? (candidate || '(candidate)'));
  }
  for (const s of plan.remove) after.delete(s.name);
  return packageListDiff('apt packages', before, after);
}

export const aptModule = defineModule({ name: 'apt', schema: aptSchema, run: runApt });
export { runApt };
