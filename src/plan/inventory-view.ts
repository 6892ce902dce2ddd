// What the engine needs from an inventory, computed once per run: each group's full host list
// (children included, as `groups` shows it), and each host's inventory variables merged by
// Ansible's group order (all < parents < children; siblings by ansible_group_priority, then name).
import { dirname } from 'node:path';
import type { Inventory, InventoryGroup, Vars } from '../model.js';

export interface InventoryView {
  readonly inventory: Inventory;
  /** groups[name] = hosts of the group and its descendants (Ansible's `groups`), incl. all/ungrouped. */
  readonly groups: Readonly<Record<string, readonly string[]>>;
  /** Groups the host belongs to, directly or through a child group, excluding 'all', sorted. */
  groupNames(host: string): readonly string[];
  /** Group vars then host vars, merged by precedence (cached per host). */
  inventoryVars(host: string): Vars;
}

function groupOrder(a: InventoryGroup, b: InventoryGroup): number {
  return a.depth - b.depth || a.priority - b.priority || a.name.localeCompare(b.name);
}

export function createInventoryView(inventory: Inventory): InventoryView {
  const allHosts = [...inventory.hosts.keys()];
  const groups: Record<string, readonly string[]> = Object.create(null);
  const hostsOf = (name: string, seen: Set<string>): string[] => {
    if (seen.has(name)) return [];
    seen.add(name);
    const group = inventory.groups.get(name);
    if (!group) return [];
    const out = [...group.hosts];
    for (const child of group.children) out.push(...hostsOf(child, seen));
    return out;
  };
  for (const name of inventory.groups.keys()) groups[name] = [...new Set(hostsOf(name, new Set()))];
  groups['all'] = allHosts;
  if (!groups['ungrouped'] || groups['ungrouped'].length === 0) {
    groups['ungrouped'] = allHosts.filter((h) => (inventory.hosts.get(h)?.groups ?? []).every((g) => g === 'ungrouped' || g === 'all'));
  }

  const memberships = new Map<string, InventoryGroup[]>();
  const membershipOf = (host: string): InventoryGroup[] => {
    let found = memberships.get(host);
    if (found) return found;
    const names = new Set<string>();
    const climb = (name: string) => {
      if (names.has(name)) return;
      names.add(name);
      for (const parent of inventory.groups.get(name)?.parents ?? []) climb(parent);
    };
    for (const g of inventory.hosts.get(host)?.groups ?? []) climb(g);
    if (groups['ungrouped']!.includes(host)) names.add('ungrouped');
    names.add('all');
    found = [...names].map((n) => inventory.groups.get(n)).filter((g): g is InventoryGroup => g !== undefined).sort(groupOrder);
    memberships.set(host, found);
    return found;
  };

  const varsCache = new Map<string, Vars>();
  const namesCache = new Map<string, readonly string[]>();
  return {
    inventory,
    groups,
    groupNames(host) {
      let names = namesCache.get(host);
      if (!names) {
        names = membershipOf(host).map((g) => g.name).filter((n) => n !== 'all').sort();
        if (names.length === 0 && groups['ungrouped']!.includes(host)) names = ['ungrouped'];
        namesCache.set(host, names);
      }
      return names;
    },
    inventoryVars(host) {
      let merged = varsCache.get(host);
      if (!merged) {
        // Ansible gives each host the inventory file it came from as host variables, below all others.
        const file = inventory.hosts.get(host)?.file;
        merged = file !== undefined ? { inventory_file: file, inventory_dir: dirname(file) } : {};
        for (const group of membershipOf(host)) Object.assign(merged, group.vars);
        Object.assign(merged, inventory.hosts.get(host)?.vars ?? {});
        varsCache.set(host, merged);
      }
      return merged;
    },
  };
}
