// Where a lab instance keeps things, for tests and benchmarks. The names come from the lab's own
// scripts (`test/lab/info`, which prints lib/common.sh's lab_info), so bash and TypeScript never
// disagree. The instance is TSPLAY_LAB's (unset or empty: the default lab on tsplay0).
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const INFO = join(dirname(fileURLToPath(import.meta.url)), 'info');

export interface LabInstance {
  /** '' for the default lab. */
  name: string;
  /** CIDR, or '' for a named lab that is not up (its addresses are then '' too). */
  subnet: string;
  bridge: string;
  bridgeAddress: string;
  vipAddress: string;
  netnsPrefix: string;
  vethPrefix: string;
  stateDir: string;
  envFile: string;
  lockFile: string;
  cacheDir: string;
  cgroup: string;
  key: string;
  knownHosts: string;
  /** The running lab's inventory, else where `up` writes it. */
  inventory: string;
}

const FIELDS: Record<keyof LabInstance, string> = {
  name: 'LAB_NAME', subnet: 'LAB_SUBNET', bridge: 'LAB_BRIDGE', bridgeAddress: 'LAB_BRIDGE_ADDR', vipAddress: 'LAB_VIP',
  netnsPrefix: 'LAB_NETNS_PREFIX', vethPrefix: 'LAB_VETH_PREFIX', stateDir: 'LAB_STATE_DIR', envFile: 'LAB_ENV_FILE',
  lockFile: 'LAB_LOCK_FILE', cacheDir: 'LAB_CACHE_DIR', cgroup: 'LAB_CGROUP', key: 'LAB_KEY', knownHosts: 'LAB_KNOWN_HOSTS',
  inventory: 'LAB_INVENTORY',
};

/** Parse `test/lab/info` output (KEY=VALUE lines); a missing key is an error, not an empty path. */
export function parseLabInfo(text: string): LabInstance {
  const values = new Map(text.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const entries = Object.entries(FIELDS).map(([field, key]) => {
    const value = values.get(key);
    if (value === undefined) throw new Error(`test/lab/info printed no ${key}`);
    return [field, value];
  });
  return Object.fromEntries(entries) as LabInstance;
}

/**
 * The instance named `name` (default: $TSPLAY_LAB, else the default lab). Needs no root. Its subnet is
 * the running lab's, else TSPLAY_LAB_SUBNET when that belongs to this instance (the one TSPLAY_LAB names).
 */
export function labInstance(name = process.env.TSPLAY_LAB ?? ''): LabInstance {
  const subnet = name === (process.env.TSPLAY_LAB ?? '') ? process.env.TSPLAY_LAB_SUBNET ?? '' : '';
  const text = execFileSync('bash', [INFO], { encoding: 'utf8', env: { ...process.env, TSPLAY_LAB: name, TSPLAY_LAB_SUBNET: subnet } });
  return parseLabInfo(text);
}
