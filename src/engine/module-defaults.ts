// module_defaults: the arguments the play, enclosing blocks/includes and the task itself give a
// module by name (short, ansible.builtin.* or a known collection name), merged outer to inner per
// argument as ansible-playbook 2.14 does; the task's own arguments win over all of them.
import type { ModuleTask } from '../model.js';
import { canonicalModuleName } from '../modules/registry.js';
import type { ModuleDefinition } from '../modules/types.js';
import type { Inherited } from './context.js';

/** The defaults for the task's module, not yet templated; undefined when none apply. */
export function moduleDefaultsFor(task: ModuleTask, inh: Inherited): Record<string, unknown> | undefined {
  const layers = task.moduleDefaults ? [...(inh.moduleDefaults ?? []), task.moduleDefaults] : inh.moduleDefaults ?? [];
  let merged: Record<string, unknown> | undefined;
  for (const layer of layers) {
    for (const [name, args] of Object.entries(layer)) {
      if (canonicalModuleName(name) === task.module) merged = { ...merged, ...args };
    }
  }
  return merged;
}

/** A default the module does not take would be silently dropped: name it instead. */
export function unknownDefault(definition: ModuleDefinition, defaults: Record<string, unknown>): string | undefined {
  const properties = definition.schema['properties'] as Record<string, unknown> | undefined;
  if (definition.schema['additionalProperties'] !== false || !properties) return undefined;
  const unknown = Object.keys(defaults).find((key) => !(key in properties));
  return unknown === undefined ? undefined : `module_defaults for '${definition.name}': unsupported argument '${unknown}'`;
}
