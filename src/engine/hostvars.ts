// Lazy views over every host's variables: `hostvars` (hostvars[x] reaches x's inventory vars, facts,
// set_fact and registered results, with extra vars on top, as in Ansible) and `group_hosts`, a list
// of host-variable objects per group so logic-less mustache templates can iterate a group's hosts.
// Both are plain objects with one getter per host/group, built once per run: nothing is merged
// until a template or expression actually reads it, and results are cached per host version.
import type { Vars } from '../model.js';
import type { HostState } from './host-state.js';
import type { InventoryView } from '../plan/inventory-view.js';
import { markAuthorLayers } from '../template/lazy-vars.js';

export function createHostvarsView(view: InventoryView, hostState: (host: string) => HostState, extraVars: Vars): Vars {
  const cache = new Map<string, { version: number; vars: Vars }>();
  const merged = (host: string): Vars => {
    const state = hostState(host);
    const hit = cache.get(host);
    if (hit && hit.version === state.version) return hit.vars;
    const vars: Vars = Object.assign({}, view.inventoryVars(host), state.factsLayer(), state.includedVars, state.runtimeVars, extraVars, {
      inventory_hostname: host,
      inventory_hostname_short: host.split('.')[0],
      group_names: view.groupNames(host),
    });
    // A hostvars entry is a scope of its own: its inventory, include_vars and extra vars are lazy,
    // its facts and registered results are data (lazy-vars.ts).
    markAuthorLayers(vars, [view.inventoryVars(host), state.authorIncludedVars, extraVars]);
    cache.set(host, { version: state.version, vars });
    return vars;
  };
  const hostvars: Vars = {};
  for (const host of view.inventory.hosts.keys()) {
    Object.defineProperty(hostvars, host, { enumerable: true, configurable: false, get: () => merged(host) });
  }
  return Object.freeze(hostvars);
}

export function createGroupHostsView(view: InventoryView, hostvars: Vars): Vars {
  const groupHosts: Vars = {};
  for (const [group, hosts] of Object.entries(view.groups)) {
    Object.defineProperty(groupHosts, group, {
      enumerable: true,
      configurable: false,
      get: () => hosts.map((h) => hostvars[h]),
    });
  }
  return Object.freeze(groupHosts);
}
