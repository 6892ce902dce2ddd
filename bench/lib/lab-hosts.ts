// The lab hosts as the benchmark's own ssh2 helpers see them: names and addresses from the
// lab's Ansible YAML inventory, plus the key and known_hosts that inventory names.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export interface LabHost {
  readonly name: string;
  readonly address: string;
}

export interface LabAccess {
  readonly hosts: readonly LabHost[];
  readonly user: string;
  readonly privateKeyFile: string;
  readonly knownHostsFile: string;
}

type Vars = Record<string, unknown>;

/** Read all.hosts and all.vars of the lab inventory (the shape test/lab/up writes). */
export function readLabInventory(path: string): LabAccess {
  const doc = parse(readFileSync(path, 'utf8')) as { all?: { vars?: Vars; hosts?: Record<string, Vars | null> } };
  const vars = doc.all?.vars ?? {};
  const hosts = Object.entries(doc.all?.hosts ?? {}).map(([name, hv]) => ({ name, address: String(hv?.ansible_host ?? name) }));
  const commonArgs = String(vars.ansible_ssh_common_args ?? '');
  const knownHosts = /UserKnownHostsFile=(\S+)/.exec(commonArgs)?.[1];
  if (hosts.length === 0) throw new Error(`${path}: no hosts under all.hosts`);
  if (!knownHosts) throw new Error(`${path}: ansible_ssh_common_args names no UserKnownHostsFile`);
  return {
    hosts,
    user: String(vars.ansible_user ?? 'root'),
    privateKeyFile: String(vars.ansible_ssh_private_key_file),
    knownHostsFile: knownHosts,
  };
}

/** Base64 host keys known for an address (plain entries only: the lab writes no hashed ones). */
export function knownKeysFor(knownHostsText: string, address: string): Set<string> {
  const keys = new Set<string>();
  for (const line of knownHostsText.split('\n')) {
    const [hostsField, , key] = line.trim().split(/\s+/);
    if (hostsField && key && hostsField.split(',').includes(address)) keys.add(key);
  }
  return keys;
}
