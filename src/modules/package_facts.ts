// package_facts: the installed packages as ansible_facts.packages = {name: [{name, version, ...}]}
// (a list per name: several versions or architectures can be installed at once), read with
// dpkg-query (Ansible's `apt` manager) or rpm in one round trip. Values are data from the host.
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { ModuleFailure, execOnTarget } from './lib/target.js';

const MANAGERS = ['auto', 'apt', 'rpm'] as const;
type Manager = Exclude<(typeof MANAGERS)[number], 'auto'>;

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    manager: { description: 'auto (default: the first of apt, rpm found on the host), apt (read with dpkg-query) or rpm; a list is tried in order.', anyOf: [{ enum: MANAGERS }, { type: 'array', items: { enum: MANAGERS } }] },
    strategy: { description: 'first (default): the first manager found; all: every manager found.', enum: ['first', 'all'] },
  },
} as const;

type Package = Record<string, string | number | null>;

/** The query each manager runs, its tool, and how a line of its output becomes a package. */
const QUERIES: Readonly<Record<Manager, { tool: string; command: string; parse(fields: string[]): Package | undefined }>> = {
  apt: {
    tool: 'dpkg-query',
    command: `dpkg-query -W -f='\${db:Status-Status}\\t\${Package}\\t\${Version}\\t\${Architecture}\\t\${Section}\\t\${Origin}\\n'`,
    parse: ([status, name, version, arch, category, origin]) => status === 'installed' && name
      ? { name, version: version ?? '', arch: arch ?? '', category: category ?? '', origin: origin ?? '', source: 'apt' } : undefined,
  },
  rpm: {
    tool: 'rpm',
    command: `rpm -qa --qf '%{NAME}\\t%{VERSION}\\t%{RELEASE}\\t%{EPOCH}\\t%{ARCH}\\n'`,
    parse: ([name, version, release, epoch, arch]) => name
      ? { name, version: version ?? '', release: release ?? '', epoch: epoch && /^\d+$/.test(epoch) ? Number(epoch) : null, arch: arch ?? '', source: 'rpm' } : undefined,
  },
};

/** Parse a manager's output into the packages dict (merged into `into`). */
export function parsePackages(manager: Manager, stdout: string, into: Record<string, Package[]> = {}): Record<string, Package[]> {
  for (const line of stdout.split('\n')) {
    const pkg = line === '' ? undefined : QUERIES[manager].parse(line.split('\t'));
    if (pkg) (into[String(pkg['name'])] ??= []).push(pkg);
  }
  return into;
}

async function runPackageFacts(ctx: ModuleContext, args: ArgsOf<typeof schema>): Promise<ModuleResult> {
  const asked = args.manager === undefined ? ['auto'] : Array.isArray(args.manager) ? args.manager : [args.manager];
  const candidates = [...new Set(asked.flatMap((m): Manager[] => (m === 'auto' ? ['apt', 'rpm'] : [m as Manager])))];
  const packages: Record<string, Package[]> = {};
  const found: Manager[] = [];
  for (const manager of candidates) {
    const { tool, command } = QUERIES[manager];
    const result = await execOnTarget(ctx, `command -v ${tool} >/dev/null 2>&1 || exit 127; ${command}`);
    if (result.rc === 127) continue;
    if (result.rc !== 0) throw new ModuleFailure(`${tool} failed (rc=${result.rc}): ${result.stderr.trim()}`);
    parsePackages(manager, result.stdout, packages);
    found.push(manager);
    if ((args.strategy ?? 'first') === 'first') break;
  }
  if (found.length === 0) throw new ModuleFailure(`Could not detect a supported package manager from the following list: [${candidates.map((m) => `'${m}'`).join(', ')}]`);
  return { changed: false, ansible_facts: { packages } };
}

export const packageFactsModule = defineModule({ name: 'package_facts', schema, runsInCheckMode: true, run: runPackageFacts });
