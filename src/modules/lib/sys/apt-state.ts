// Reads the state of every requested Debian package in ONE round trip: status and version from
// dpkg-query, and (for `latest` and exact pins) comparisons done by `dpkg --compare-versions` on
// the host, because distro versions (epochs, ~, -1.1) are not semver.
import { shellQuote } from '../../../util/shell-quote.js';
import type { ModuleContext } from '../../types.js';
import { execTool } from '../target.js';
import { isWildcard, type PackageSpec } from './package-spec.js';

export interface AptPackageState {
  readonly name: string;
  readonly installed: boolean;
  /** Only config files remain (status `rc`): purge still has work to do. */
  readonly configOnly: boolean;
  readonly held: boolean;
  readonly version: string;
  /** apt's candidate (only asked for `latest`). */
  readonly candidate: string;
  /** The installed version equals the exact pinned version (dpkg --compare-versions eq). */
  readonly pinMatches: boolean;
  /** The candidate is newer than the installed version. */
  readonly upgradable: boolean;
}

const QUERY_FUNCTION = [
  `q() {`,
  `st=$(dpkg-query -W -f='\${db:Status-Abbrev}' -- "$1" 2>/dev/null); v=$(dpkg-query -W -f='\${Version}' -- "$1" 2>/dev/null)`,
  `c=; if [ "$3" = latest ]; then c=$(LC_ALL=C apt-cache policy -- "$1" 2>/dev/null | sed -n 's/^ *Candidate: //p'); fi`,
  `eq=no; if [ -n "$2" ] && [ -n "$v" ] && dpkg --compare-versions "$v" eq "$2"; then eq=yes; fi`,
  `up=no; if [ -n "$c" ] && [ "$c" != '(none)' ] && [ -n "$v" ] && dpkg --compare-versions "$v" lt "$c"; then up=yes; fi`,
  `printf '%s\\t%s\\t%s\\t%s\\t%s\\t%s\\n' "$1" "$st" "$v" "$c" "$eq" "$up"`,
  `}`,
].join('\n');

export function aptQueryCommand(specs: readonly PackageSpec[], latest: boolean): string {
  const calls = specs.map((s) => {
    const exact = s.version !== undefined && !isWildcard(s.version) ? s.version : '';
    return `q ${shellQuote(s.name)} ${shellQuote(exact)} ${latest ? 'latest' : 'no'}`;
  });
  return [QUERY_FUNCTION, ...calls].join('\n');
}

export function parseAptQuery(stdout: string): Map<string, AptPackageState> {
  const states = new Map<string, AptPackageState>();
  for (const line of stdout.split('\n')) {
    if (line === '') continue;
    const [name = '', abbrev = '', version = '', candidate = '', eq = '', up = ''] = line.split('\t');
    // Status-Abbrev is desired/status/error: `ii ` installed, `hi ` held+installed, `rc ` config files only.
    states.set(name, {
      name,
      installed: abbrev[1] === 'i',
      configOnly: abbrev[1] === 'c',
      held: abbrev[0] === 'h',
      version: abbrev[1] === 'i' ? version : '',
      candidate: candidate === '(none)' ? '' : candidate,
      pinMatches: eq === 'yes',
      upgradable: up === 'yes',
    });
  }
  return states;
}

/** apt-get update, for apt (update_cache) and apt_repository (after a sources file changed). */
export async function updateAptCache(ctx: ModuleContext): Promise<void> {
  await execTool(ctx, 'DEBIAN_FRONTEND=noninteractive apt-get update -q', 'apt-get update');
}

export async function queryAptPackages(ctx: ModuleContext, specs: readonly PackageSpec[], latest: boolean) {
  const result = await execTool(ctx, aptQueryCommand(specs, latest), 'querying packages with dpkg-query');
  return parseAptQuery(result.stdout);
}
