// Collects hosts and groups from any number of inventory sources, then computes the model:
// implicit all/ungrouped, parents, depth, priority; group cycles are load errors.
import { LoadError, type SourceLocation } from '../../errors.js';
import type { Inventory, InventoryGroup, InventoryHost, Vars } from '../../model.js';

interface DraftGroup {
  hosts: string[];
  children: string[];
  vars: Vars;
  loc?: SourceLocation;
}

export class InventoryBuilder {
  private readonly hosts = new Map<string, Vars>();
  private readonly groups = new Map<string, DraftGroup>();
  readonly sources: string[] = [];

  constructor() {
    this.group('all');
    this.group('ungrouped');
  }

  group(name: string, loc?: SourceLocation): DraftGroup {
    let group = this.groups.get(name);
    if (!group) {
      group = { hosts: [], children: [], vars: {}, loc };
      this.groups.set(name, group);
    } else if (!group.loc && loc) group.loc = loc;
    return group;
  }

  /** The inventory file being read (index.ts sets it): where each host is first declared. */
  currentFile: string | undefined;
  private readonly hostFiles = new Map<string, string>();

  /** Declare a host, optionally in a group, merging its variables (later declarations win). */
  addHost(name: string, groupName: string | undefined, vars: Vars = {}): void {
    if (this.currentFile !== undefined && !this.hosts.has(name)) this.hostFiles.set(name, this.currentFile);
    this.hosts.set(name, { ...(this.hosts.get(name) ?? {}), ...vars });
    if (groupName !== undefined) {
      const group = this.group(groupName);
      if (!group.hosts.includes(name)) group.hosts.push(name);
    }
  }

  addChild(parent: string, child: string, loc?: SourceLocation): void {
    const group = this.group(parent, loc);
    this.group(child, loc);
    if (!group.children.includes(child)) group.children.push(child);
  }

  setGroupVars(name: string, vars: Vars, loc?: SourceLocation): void {
    const group = this.group(name, loc);
    Object.assign(group.vars, vars);
  }

  hasGroup(name: string): boolean {
    return this.groups.has(name);
  }

  hasHost(name: string): boolean {
    return this.hosts.has(name);
  }

  build(extraGroupVars: ReadonlyMap<string, Vars>, extraHostVars: ReadonlyMap<string, Vars>): Inventory {
    const all = this.groups.get('all')!;
    // Top-level groups hang under 'all'.
    const hasParent = new Set([...this.groups.values()].flatMap((g) => g.children));
    for (const name of this.groups.keys()) {
      if (name !== 'all' && !hasParent.has(name) && !all.children.includes(name)) all.children.push(name);
    }
    this.checkCycles();
    // Hosts in no group but all go to 'ungrouped' (Ansible's implicit group).
    const grouped = new Set([...this.groups.entries()].filter(([n]) => n !== 'all' && n !== 'ungrouped').flatMap(([, g]) => g.hosts));
    const ungrouped = this.groups.get('ungrouped')!;
    for (const host of this.hosts.keys()) if (!grouped.has(host) && !ungrouped.hosts.includes(host)) ungrouped.hosts.push(host);
    ungrouped.hosts = ungrouped.hosts.filter((h) => !grouped.has(h));
    all.hosts = all.hosts.filter((h) => !ungrouped.hosts.includes(h) && !grouped.has(h));

    const parents = new Map<string, string[]>();
    for (const [name, group] of this.groups) for (const child of group.children) parents.set(child, [...(parents.get(child) ?? []), name]);
    const depths = new Map<string, number>();
    const depthOf = (name: string): number => {
      const known = depths.get(name);
      if (known !== undefined) return known;
      const depth = name === 'all' ? 0 : Math.max(0, ...(parents.get(name) ?? ['all']).map((p) => depthOf(p) + 1));
      depths.set(name, depth);
      return depth;
    };

    const groups = new Map<string, InventoryGroup>();
    for (const [name, draft] of this.groups) {
      const vars = { ...draft.vars, ...(extraGroupVars.get(name) ?? {}) };
      const priority = Number(vars.ansible_group_priority ?? 1);
      groups.set(name, Object.freeze({
        name,
        hosts: Object.freeze([...draft.hosts]),
        children: Object.freeze([...draft.children]),
        parents: Object.freeze(parents.get(name) ?? []),
        vars,
        depth: depthOf(name),
        priority: Number.isFinite(priority) ? priority : 1,
      }));
    }
    const hosts = new Map<string, InventoryHost>();
    for (const [name, vars] of this.hosts) {
      const memberOf = [...this.groups.entries()].filter(([g, d]) => g !== 'all' && d.hosts.includes(name)).map(([g]) => g);
      const file = this.hostFiles.get(name);
      hosts.set(name, Object.freeze({ name, vars: { ...vars, ...(extraHostVars.get(name) ?? {}) }, groups: Object.freeze(memberOf), ...(file !== undefined ? { file } : {}) }));
    }
    return { hosts, groups, sources: Object.freeze([...this.sources]) };
  }

  private checkCycles(): void {
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (name: string, path: string[]): void => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(name)), name];
        const loc = this.groups.get(cycle[0]!)?.loc;
        throw new LoadError(`group cycle: ${cycle.join(' -> ')}`, loc);
      }
      state.set(name, 'visiting');
      for (const child of this.groups.get(name)?.children ?? []) visit(child, [...path, name]);
      state.set(name, 'done');
    };
    for (const name of this.groups.keys()) visit(name, []);
  }
}
