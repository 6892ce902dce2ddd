// What a host accumulates during a run: gathered facts, include_vars, and set_fact/registered variables.
// A version number lets the scope builder cache layers until one of them changes.
import type { Vars } from '../model.js';

export class HostState {
  private factsValue: Record<string, unknown> = {};
  private factsLayerValue: Vars | undefined;
  /** include_vars results: one level below set_fact/registered in Ansible. */
  private included: Vars = {};
  /** The include_vars results read from the author's files (lazy); not those of files fetched from a target. */
  private authorIncluded: Vars = {};
  /** set_fact results and registered task results (one precedence level in Ansible). */
  private runtime: Vars = {};
  /** Bumped on every change; caches compare it. */
  version = 0;
  factsVersion = 0;

  constructor(readonly name: string) {}

  get facts(): Readonly<Record<string, unknown>> {
    return this.factsValue;
  }

  get runtimeVars(): Readonly<Vars> {
    return this.runtime;
  }

  get includedVars(): Readonly<Vars> {
    return this.included;
  }

  get authorIncludedVars(): Readonly<Vars> {
    return this.authorIncluded;
  }

  /** `fromTarget`: the file came from a host (fetch), so its values are data, never templated (README "Safety"). */
  includeVars(vars: Vars, fromTarget = false): void {
    this.included = { ...this.included, ...vars };
    if (!fromTarget) this.authorIncluded = { ...this.authorIncluded, ...vars };
    this.version++;
  }

  /** `ansible_facts` plus each fact injected as `ansible_<name>` (both forms Ansible offers). */
  factsLayer(): Vars {
    if (!this.factsLayerValue) {
      const layer: Vars = { ansible_facts: this.factsValue };
      for (const [key, value] of Object.entries(this.factsValue)) {
        layer[key.startsWith('ansible_') ? key : `ansible_${key}`] = value;
      }
      this.factsLayerValue = layer;
    }
    return this.factsLayerValue;
  }

  mergeFacts(facts: Record<string, unknown>): void {
    const plain: Record<string, unknown> = { ...this.factsValue };
    for (const [key, value] of Object.entries(facts)) plain[key.startsWith('ansible_') ? key.slice(8) : key] = value;
    this.factsValue = plain;
    this.factsChanged();
  }

  clearFacts(): void {
    this.factsValue = {};
    this.factsChanged();
  }

  setVars(vars: Vars): void {
    this.runtime = { ...this.runtime, ...vars };
    this.version++;
  }

  private factsChanged(): void {
    this.factsLayerValue = undefined;
    this.factsVersion++;
    this.version++;
  }
}
