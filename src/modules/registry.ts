// The one list of modules. A module is one file in src/modules/; add it to `allModules` in ./all.ts.
import type { ModuleDefinition } from './types.js';
import { allModules } from './all.js';

export interface ModuleRegistry {
  get(name: string): ModuleDefinition | undefined;
  names(): string[];
}

/** The collections whose modules tsplay has (some of): a module may be written with their prefix. */
export const KNOWN_COLLECTION_PREFIXES = ['ansible.builtin.', 'ansible.legacy.', 'ansible.posix.', 'community.general.'] as const;

/** Ansible spells modules with a collection prefix too (ansible.builtin.copy, ansible.posix.sysctl). */
export function canonicalModuleName(name: string): string {
  for (const p of KNOWN_COLLECTION_PREFIXES) if (name.startsWith(p)) return name.slice(p.length);
  return name;
}

/** `community.docker` for `community.docker.docker_container`; undefined for a short name. */
export function collectionOf(name: string): string | undefined {
  const parts = name.split('.');
  return parts.length >= 3 ? parts.slice(0, 2).join('.') : undefined;
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
