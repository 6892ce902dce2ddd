// Each host's variable scope for one task, by Ansible's precedence (lowest first):
//   role defaults < inventory group vars < host vars < facts < play vars < vars_files < role vars
//   < the task's role vars+params < block vars (outer to inner) < task vars < include_vars
//   < set_fact/registered < extra vars,   plus the magic variables.
// Dicts replace, never merge. The layers that do not change between tasks are cached per host
// (keyed by the host's facts version) so a task costs one shallow merge per host, never work
// proportional to the inventory size.
import type { Vars } from '../model.js';
import type { HostState } from './host-state.js';
import type { InventoryView } from '../plan/inventory-view.js';
import type { PlayLayers } from '../plan/play-plan.js';
import { createGroupHostsView, createHostvarsView } from './hostvars.js';
import { runMagic, type RunMagicFacts } from '../plan/run-magic.js';
import { markAuthorLayers, type VarLayer } from '../template/lazy-vars.js';

/** What differs per task. */
export interface TaskLayers {
  /** Defaults of a role not listed in the play (include_role): below everything else. */
  readonly extraRoleDefaults?: Vars;
  /** The task's own role vars and params (they win over other roles' vars). */
  readonly roleVars?: Vars;
  readonly roleParams?: Vars;
  readonly blockVars: readonly Vars[];
  readonly taskVars?: Vars;
  /** Magic variables shared by every host of the task (play hosts, role_name, ...). */
  readonly magic: Vars;
  /** Loop variables and other per-host extras (ansible_failed_result); highest. */
  readonly local?: Vars;
}

export interface RunFacts extends RunMagicFacts {
  readonly extraVars: Vars;
}

export class ScopeBuilder {
  readonly hostvars: Vars;
  readonly groupHosts: Vars;
  private play: PlayLayers = { roleDefaults: {}, playVars: {}, varsFiles: [], roleVars: {} };
  private readonly playLevelCache = new Map<string, { factsVersion: number; vars: Vars }>();
  private readonly hostMagicCache = new Map<string, Vars>();

  constructor(
    readonly view: InventoryView,
    private readonly hostState: (host: string) => HostState,
    readonly run: RunFacts,
  ) {
    this.hostvars = createHostvarsView(view, hostState, run.extraVars);
    this.groupHosts = createGroupHostsView(view, this.hostvars);
  }

  /** The play-wide layers, fixed for the whole play (planPlay() merges them). */
  startPlay(layers: PlayLayers): void {
    this.play = layers;
    this.playLevelCache.clear();
  }

  /** Defaults, inventory, facts, play vars, vars_files and role vars: cached until facts change. */
  private playLevel(host: string): Vars {
    const state = this.hostState(host);
    const cached = this.playLevelCache.get(host);
    if (cached && cached.factsVersion === state.factsVersion) return cached.vars;
    const vars: Vars = Object.assign({}, this.play.roleDefaults, this.view.inventoryVars(host), state.factsLayer(), this.play.playVars);
    for (const file of this.play.varsFiles) Object.assign(vars, file);
    Object.assign(vars, this.play.roleVars);
    this.playLevelCache.set(host, { factsVersion: state.factsVersion, vars });
    return vars;
  }

  private hostMagic(host: string): Vars {
    let magic = this.hostMagicCache.get(host);
    if (!magic) {
      magic = {
        inventory_hostname: host,
        inventory_hostname_short: host.split('.')[0],
        group_names: this.view.groupNames(host),
        hostvars: this.hostvars,
        group_hosts: this.groupHosts,
        ...runMagic(this.view, this.run),
      };
      this.hostMagicCache.set(host, magic);
    }
    return magic;
  }

  /** The full scope of one task on one host (a fresh object the caller may extend). */
  forTask(host: string, layers: TaskLayers): Vars {
    const state = this.hostState(host);
    const scope: Vars = layers.extraRoleDefaults ? Object.assign({}, layers.extraRoleDefaults, this.playLevel(host)) : Object.assign({}, this.playLevel(host));
    if (layers.roleVars) Object.assign(scope, layers.roleVars);
    if (layers.roleParams) Object.assign(scope, layers.roleParams);
    for (const block of layers.blockVars) Object.assign(scope, block);
    if (layers.taskVars) Object.assign(scope, layers.taskVars);
    Object.assign(scope, state.includedVars, state.runtimeVars, this.run.extraVars, this.hostMagic(host), layers.magic);
    if (layers.local) Object.assign(scope, layers.local);
    return markAuthorLayers(scope, [
      layers.extraRoleDefaults, ...this.playAuthorLayers(host), layers.roleVars, layers.roleParams, ...layers.blockVars, layers.taskVars,
      state.authorIncludedVars, this.run.extraVars,
    ]);
  }

  /** What the author wrote among the play-wide layers (facts are not theirs). */
  private playAuthorLayers(host: string): VarLayer[] {
    return [this.play.roleDefaults, this.view.inventoryVars(host), this.play.playVars, ...this.play.varsFiles, this.play.roleVars];
  }

  /** The scope without facts or runtime vars: what role argument specs are validated against. */
  beforeContact(host: string, layers: Omit<TaskLayers, 'magic'>): Vars {
    const scope: Vars = Object.assign({}, this.play.roleDefaults, layers.extraRoleDefaults, this.view.inventoryVars(host), this.play.playVars);
    for (const file of this.play.varsFiles) Object.assign(scope, file);
    Object.assign(scope, this.play.roleVars, layers.roleVars, layers.roleParams);
    for (const block of layers.blockVars) Object.assign(scope, block);
    Object.assign(scope, layers.taskVars, this.run.extraVars, this.hostMagic(host));
    return markAuthorLayers(scope, [layers.extraRoleDefaults, ...this.playAuthorLayers(host), layers.roleVars, layers.roleParams, ...layers.blockVars, layers.taskVars, this.run.extraVars]);
  }
}
