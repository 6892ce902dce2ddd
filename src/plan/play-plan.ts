// What a play will do, decided before any host is contacted: its `hosts` pattern templated (with the
// play's variables, vars_files, its roles' defaults and vars, extra vars and the run-wide magic
// variables, as Ansible does; never inventory variables), the hosts it selects narrowed by --limit,
// in the play's `order`, split into `serial` batches, and the roles it uses. `--list-hosts` and the
// engine both ask planPlay(), so what is listed is what runs.
import { authorScope } from '../template/lazy-vars.js';
import { formatLocation } from '../errors.js';
import type { HostOrder, Inventory, Play, Role, SerialSpec, Vars } from '../model.js';
import type { InventoryView } from './inventory-view.js';
import { collectPlayRoles, type PlayRoleSets } from './play-roles.js';
import { NoHostsMatched } from './patterns.js';
import { runMagic, type RunMagicFacts } from './run-magic.js';
import { serialBatches } from './serial.js';

export interface PlanInputs {
  readonly view: InventoryView;
  readonly extraVars: Vars;
  /** --limit; undefined or '' for none. */
  readonly limit?: string;
  /** runMagic(): groups, playbook_dir, omit, ... */
  readonly magic: Vars;
  /** Hosts a pattern selects, in inventory order; throws when it selects none. */
  selectHosts(inventory: Inventory, pattern: string): string[];
  templateValue(value: unknown, scope: Vars, where: string): unknown;
}

/** Built once per run, by the engine and by the listing alike. */
export function createPlanInputs(view: InventoryView, run: RunMagicFacts & { readonly extraVars: Vars }, services: Pick<PlanInputs, 'selectHosts' | 'templateValue'>): PlanInputs {
  return {
    view,
    extraVars: run.extraVars,
    limit: run.limit,
    magic: runMagic(view, run),
    selectHosts: services.selectHosts,
    templateValue: services.templateValue,
  };
}

/** The play-wide variable layers (the engine's scope builder takes them as they are). */
export interface PlayLayers {
  /** Defaults of the play's public roles, merged in play order. */
  readonly roleDefaults: Vars;
  readonly playVars: Vars;
  readonly varsFiles: readonly Vars[];
  /** Vars of the play's public roles (Ansible exposes them play-wide), merged in play order. */
  readonly roleVars: Vars;
}

export interface PlayPlan {
  readonly play: Play;
  /** The `hosts` pattern after templating. */
  readonly pattern: string;
  /** The play's name; an unnamed play is named after its templated pattern, as Ansible prints it. */
  readonly name: string;
  /** Hosts the play targets (pattern ∩ --limit, minus hosts out of the run), in the order they run. */
  readonly hosts: readonly string[];
  /** `hosts` split by `serial`: one batch with every host without it, none when there is no host. */
  readonly batches: readonly (readonly string[])[];
  readonly roles: PlayRoleSets;
  readonly layers: PlayLayers;
}

/**
 * `outOfRun`: hosts that failed or became unreachable in an earlier play (they run no later play;
 * the listing has none). A pattern that matches no host gives a plan with no hosts, as Ansible
 * skips such a play; a template that cannot be rendered throws.
 */
export function planPlay(play: Play, inputs: PlanInputs, outOfRun: ReadonlySet<string> = new Set()): PlayPlan {
  const roles = collectPlayRoles(play);
  const merged = (pick: (r: Role) => Vars) => Object.assign({}, ...roles.publicRoles.map(pick)) as Vars;
  const layers: PlayLayers = { roleDefaults: merged((r) => r.defaults), playVars: play.vars, varsFiles: play.varsFiles, roleVars: merged((r) => r.vars) };
  // Author layers stay lazy (lazy-vars.ts); the magic variables on top are data.
  const scope: Vars = Object.assign(authorScope(layers.roleDefaults, layers.playVars, ...layers.varsFiles, layers.roleVars, inputs.extraVars), inputs.magic);
  const where = formatLocation(play.loc);
  const pattern = play.hosts.includes('{{') ? String(inputs.templateValue(play.hosts, scope, where)) : play.hosts;
  const inventory = inputs.view.inventory;
  let selected = matching(inputs, inventory, pattern);
  if (inputs.limit !== undefined && inputs.limit !== '') {
    const allowed = new Set(matching(inputs, inventory, inputs.limit));
    selected = selected.filter((h) => allowed.has(h));
  }
  const hosts = orderHosts(selected.filter((h) => !outOfRun.has(h)), play.order);
  return {
    play,
    pattern,
    name: play.name === play.hosts ? pattern : play.name,
    hosts,
    batches: serialBatches(hosts, playSerial(play, inputs, scope, where)),
    roles,
    layers,
  };
}

/** selectHosts, with "matched no hosts" as an empty list (a broken pattern still throws). */
function matching(inputs: PlanInputs, inventory: Inventory, pattern: string): string[] {
  try {
    return inputs.selectHosts(inventory, pattern);
  } catch (error) {
    if (error instanceof NoHostsMatched) return [];
    throw error;
  }
}

/** `serial: "{{ batch }}"` is templated like `hosts`; a template may give one size or a list of sizes. */
function playSerial(play: Play, inputs: PlanInputs, scope: Vars, where: string): SerialSpec {
  return play.serial.flatMap((size) => {
    if (typeof size !== 'string' || !size.includes('{{')) return [size];
    const value = inputs.templateValue(size, scope, where);
    return (Array.isArray(value) ? value : [value]).map((v) => (typeof v === 'number' ? v : String(v)));
  });
}

/** Ansible's `order`: inventory order unless the play asks otherwise (before serial splits it). */
function orderHosts(names: readonly string[], order: HostOrder | undefined): string[] {
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  switch (order) {
    case 'reverse_inventory': return [...names].reverse();
    case 'sorted': return [...names].sort(byName);
    case 'reverse_sorted': return [...names].sort(byName).reverse();
    case 'shuffle': {
      const out = [...names];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(Math.random() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    }
    default: return [...names];
  }
}
