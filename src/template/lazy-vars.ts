// Which variables are templates to resolve when they are read (Ansible's lazy templating) and
// which are data, never templated again.
//
// Only what the playbook author wrote is resolved lazily: role defaults and vars, inventory, play
// and block and task vars, vars_files, role params, include_vars of the author's files, extra vars.
// Everything else is data: registered results, gathered facts, set_fact values (templated once,
// when they were set), loop items, magic variables, include_vars of files fetched from a target.
// Ansible reaches the same end by marking module results "unsafe"; here a scope carries the list
// of its author layers and a value is lazy only while it is the very value one of those layers
// holds under that name. A host that prints `{{ lookup('file', '/etc/shadow') }}` therefore
// gets that text back, never the file (README "Safety").
//
// A scope without the mark (built by hand in a test, or a future code path that forgot it) has
// no author layers: nothing in it is templated again. Forgetting the mark loses laziness, visibly;
// it can never turn data into code.
import { resolveNested, resolveNestedDeep } from './nested.js';
import { isTemplateText } from './template-syntax.js';

/** The author layers of a scope or of a hostvars entry. Enumerable, so `{ ...scope, item }` keeps it. */
const AUTHOR_LAYERS: unique symbol = Symbol('tsplay.authorLayers');

export type VarLayer = Readonly<Record<string, unknown>>;

interface VariableHolder {
  [AUTHOR_LAYERS]?: readonly VarLayer[];
}

/** Record on `holder` (a merged scope) which of the layers merged into it the author wrote. */
export function markAuthorLayers<T extends object>(holder: T, layers: readonly (VarLayer | undefined)[]): T {
  const present = layers.filter((layer): layer is VarLayer => layer !== undefined);
  Object.defineProperty(holder, AUTHOR_LAYERS, { value: present, enumerable: true, writable: true, configurable: true });
  return holder;
}

/** A scope made only of author-written layers (play vars and extra vars, before any host is reached). */
export function authorScope(...layers: (VarLayer | undefined)[]): Record<string, unknown> {
  const scope: Record<string, unknown> = Object.assign({}, ...layers);
  return markAuthorLayers(scope, layers);
}

function authorLayersOf(holder: object): readonly VarLayer[] | undefined {
  return (holder as VariableHolder)[AUTHOR_LAYERS];
}

/** Whether `holder` is a merged variable scope (a task scope or a hostvars entry), not plain data. */
export function isVariableHolder(value: unknown): value is object {
  return value !== null && typeof value === 'object' && Object.hasOwn(value, AUTHOR_LAYERS);
}

function isAuthorValue(holder: object, name: string, value: unknown): boolean {
  const layers = authorLayersOf(holder);
  if (!layers) return false;
  for (const layer of layers) {
    if (Object.hasOwn(layer, name) && layer[name] === value) return true;
  }
  return false;
}

/**
 * The value of variable `name` read from `holder`: an author-written value has its templates
 * resolved (deeply, against `scope`); any other value is returned exactly as it is.
 */
export function readVariable(holder: object, name: string, value: unknown, scope: object): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value !== 'string' || !isTemplateText(value)) return value;
    return isAuthorValue(holder, name, value) ? resolveNested(value, scope) : value;
  }
  return isAuthorValue(holder, name, value) ? resolveNestedDeep(value, scope) : value;
}
