// Reads the state of every requested RPM package in ONE round trip: `rpm -q` per spec (rpm itself
// matches `name-version` specs and compares versions), and `dnf check-update` for `latest`.
import { shellQuote } from '../../../util/shell-quote.js';
import type { ModuleContext } from '../../types.js';
import { execTool } from '../target.js';
import type { PackageSpec } from './package-spec.js';

export interface RpmPackageState {
  readonly spec: string;
  readonly installed: boolean;
  readonly name: string;
  readonly version: string;
}

export interface RpmQuery {
  readonly states: Map<string, RpmPackageState>;
  /** Package names with an update available (only filled for `latest`). */
  readonly updates: Set<string>;
}

const UPDATES_MARKER = '--tsplay-updates--';

export function rpmQueryCommand(specs: readonly PackageSpec[], latest: boolean, dnfFlags: readonly string[]): string {
  const lines = [
    `r() { if o=$(rpm -q${'$'}2 --qf '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\n' -- "$1" 2>/dev/null) && [ -n "$o" ]; then printf 'I\\t%s\\t%s\\n' "$1" "$(printf '%s\\n' "$o" | head -n 1)"; else printf 'N\\t%s\\n' "$1"; fi; }`,
    ...specs.map((s) => `r ${shellQuote(s.spec)} ${s.spec.includes('*') ? 'a' : "''"}`),
  ];
  if (latest) {
    lines.push(`echo ${UPDATES_MARKER}`, `dnf -q ${dnfFlags.join(' ')}${dnfFlags.length ? ' ' : ''}check-update -- ${specs.map((s) => shellQuote(s.name)).join(' ')}; rc=$?; [ $rc -eq 100 ] && rc=0; exit $rc`);
  }
  return lines.join('\n');
}

export function parseRpmQuery(stdout: string): RpmQuery {
  const states = new Map<string, RpmPackageState>();
  const updates = new Set<string>();
  const [head = '', tail = ''] = stdout.split(`${UPDATES_MARKER}\n`);
  for (const line of head.split('\n')) {
    const [flag, spec = '', name = '', version = ''] = line.split('\t');
    if (flag === 'I') states.set(spec, { spec, installed: true, name, version });
    else if (flag === 'N') states.set(spec, { spec, installed: false, name: spec, version: '' });
  }
  // check-update lines: "kubelet.x86_64   1.31.3-150500.1.1   kubernetes"
  for (const line of tail.split('\n')) {
    const m = /^(\S+)\.[A-Za-z0-9_]+\s+\S+\s+\S+/.exec(line);
    if (m && !line.startsWith('Obsoleting')) updates.add(m[1]!);
  }
  return { states, updates };
}

export async function queryRpmPackages(ctx: ModuleContext, specs: readonly PackageSpec[], latest: boolean, dnfFlags: readonly string[]) {
  const result = await execTool(ctx, rpmQueryCommand(specs, latest, dnfFlags), 'querying packages');
  return parseRpmQuery(result.stdout);
}
