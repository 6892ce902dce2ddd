// The one list of modules. A module is one file in src/modules/; add it to `allModules` in ./all.ts.
import type { ModuleDefinition } from './types.js';
import { allModules } from './all.js';

export interface ModuleRegistry {
  get(name: string): ModuleDefinition | undefined;
  names(): string[];
}

/** Ansible spells modules with a collection prefix too (ansible.builtin.copy, ansible.posix.sysctl). */
export function canonicalModuleName(name: string): string {
  const prefixes = ['ansible.builtin.', 'ansible.legacy.', 'ansible.posix.', 'community.general.'];
  for (const p of prefixes) if (name.startsWith(p)) return name.slice(p.length);
  return name;
}

export function createRegistry(modules: readonly ModuleDefinition<any>[]): ModuleRegistry {
  const byName = new Map<string, ModuleDefinition>();
  for (const m of modules) byName.set(m.name, m as ModuleDefinition);
  return {
    get: (name) => byName.get(canonicalModuleName(name)),
    names: () => [...byName.keys()].sort(),
  };
}

export const defaultRegistry: ModuleRegistry = createRegistry(allModules);
