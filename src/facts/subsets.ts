// Ansible's gather_subset and filter over the facts tsplay gathers. Ansible groups its collectors in
// `min` (always gathered unless `!min`), `hardware`, `network` and `virtual`; tsplay's facts fall in
// the first three (every fact not hardware or network is min). A subset tsplay gathers nothing for,
// asked for by name, is refused: a role would otherwise find its facts silently undefined.

import { fnmatchRegExp } from '../util/fnmatch.js';

export type FactGroup = 'min' | 'hardware' | 'network';

const HARDWARE_FACTS = new Set(['memtotal_mb', 'memfree_mb', 'swaptotal_mb', 'swapfree_mb', 'processor_vcpus', 'processor_count', 'processor_cores', 'processor_threads_per_core', 'processor_nproc', 'product_uuid']);
const NETWORK_FACTS = new Set(['default_ipv4', 'all_ipv4_addresses', 'interfaces']);

/** Ansible 2.14's subset names (its "Bad subset" message lists them) and the group of facts each selects here. */
const SUBSET_GROUPS: Readonly<Record<string, FactGroup | 'none'>> = {
  ...Object.fromEntries(['hardware', 'devices', 'mounts', 'processor', 'processor_cores', 'processor_count', 'loadavg'].map((n) => [n, 'hardware'])),
  ...Object.fromEntries(['network', 'interfaces', 'default_ipv4', 'default_ipv6', 'all_ipv4_addresses', 'all_ipv6_addresses', 'fibre_channel_wwn', 'iscsi', 'nvme'].map((n) => [n, 'network'])),
  ...Object.fromEntries(['min', 'architecture', 'distribution', 'distribution_major_version', 'distribution_release', 'distribution_version', 'kernel', 'kernel_version',
    'machine', 'machine_id', 'os_family', 'pkg_mgr', 'platform', 'selinux', 'service_mgr', 'system', 'user', 'user_id'].map((n) => [n, 'min'])),
  ...Object.fromEntries(['apparmor', 'caps', 'chroot', 'cmdline', 'date_time', 'dns', 'effective_group_ids', 'effective_user_id', 'env', 'fips', 'is_chroot', 'local', 'lsb',
    'python', 'python_version', 'real_user_id', 'ssh_host_key_dsa_public', 'ssh_host_key_ecdsa_public', 'ssh_host_key_ed25519_public', 'ssh_host_key_rsa_public',
    'ssh_host_pub_keys', 'ssh_pub_keys', 'system_capabilities', 'system_capabilities_enforced', 'user_dir', 'user_gecos', 'user_gid', 'user_shell', 'user_uid',
    'virtual', 'virtualization_role', 'virtualization_tech_guest', 'virtualization_tech_host', 'virtualization_type'].map((n) => [n, 'none'])),
  // Ansible gathers these only when ohai/facter are installed, and nothing otherwise: so does tsplay.
  ohai: 'none', facter: 'none',
};
const SILENTLY_EMPTY = new Set(['ohai', 'facter']);

export class FactSubsetError extends Error {}

/**
 * The groups a gather_subset list selects, by Ansible 2.14's rules as ansible-playbook shows them:
 * no positive entry means `all`; an explicitly named subset wins over an exclusion (`!all,network`);
 * min is gathered unless `!min`, and hardware/network facts need min's collectors, so `!min` alone
 * gathers nothing while an explicitly named hardware or network subset brings min back.
 */
export function selectedGroups(subsets: readonly string[]): Set<FactGroup> {
  const all: FactGroup[] = ['min', 'hardware', 'network'];
  const chosen = new Set<FactGroup>();
  const explicit = new Set<FactGroup>();
  const excluded = new Set<FactGroup>();
  for (const raw of subsets) {
    const negated = raw.startsWith('!');
    const name = negated ? raw.slice(1) : raw;
    if (name === 'all') {
      // `!all` leaves min alone; `!min` says so separately.
      for (const g of all) if (!negated) chosen.add(g);
      else if (g !== 'min') excluded.add(g);
      continue;
    }
    const group = SUBSET_GROUPS[name];
    if (group === undefined) throw new FactSubsetError(`Bad subset '${name}' given to Ansible. gather_subset options allowed: ${['all', ...Object.keys(SUBSET_GROUPS)].sort().join(', ')}`);
    if (group === 'none') {
      if (!negated && !SILENTLY_EMPTY.has(name)) throw new FactSubsetError(`gather_subset '${name}': tsplay does not gather these facts (it gathers min, hardware and network facts)`);
      continue;
    }
    if (negated) excluded.add(group);
    else {
      chosen.add(group);
      explicit.add(group);
    }
  }
  if (!subsets.some((s) => !s.startsWith('!'))) for (const g of all) chosen.add(g);
  for (const g of excluded) if (!explicit.has(g)) chosen.delete(g);
  const needsMin = explicit.has('hardware') || explicit.has('network');
  if (!excluded.has('min') || needsMin) chosen.add('min');
  else if (!explicit.has('min')) for (const g of ['hardware', 'network'] as const) if (!explicit.has(g)) chosen.delete(g);
  return chosen;
}

/** The group a fact (unprefixed name) belongs to; per-interface facts are named after the interfaces. */
export function factGroup(name: string, interfaces: readonly string[]): FactGroup {
  if (HARDWARE_FACTS.has(name)) return 'hardware';
  if (NETWORK_FACTS.has(name) || interfaces.includes(name)) return 'network';
  return 'min';
}

/**
 * The facts (unprefixed names, as gatherFacts returns them) of the chosen groups whose name matches
 * one of the filter globs, written either `ansible_distribution*` or `distribution*` (Ansible 2.14
 * matches both forms). An empty filter keeps every fact.
 */
export function selectFacts(facts: Readonly<Record<string, unknown>>, groups: ReadonlySet<FactGroup>, filters: readonly string[]): Record<string, unknown> {
  const interfaces = Array.isArray(facts['interfaces']) ? (facts['interfaces'] as unknown[]).map(String) : [];
  const patterns = filters.filter((f) => f !== '').map(fnmatchRegExp);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(facts)) {
    if (!groups.has(factGroup(name, interfaces))) continue;
    if (patterns.length > 0 && !patterns.some((p) => p.test(name) || p.test(`ansible_${name}`))) continue;
    out[name] = value;
  }
  return out;
}
