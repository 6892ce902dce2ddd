// Variables whose values are templates themselves (`api: "{{ vip }}:{{ port }}"` in role
// defaults) are resolved when they are read, against the same scope, as Ansible's lazy templating
// does. A value that keeps referring to itself is stopped after a fixed depth. Which values may be
// resolved at all (only what the author wrote) is lazy-vars.ts's decision: these functions are
// called for those alone.
import { TsplayError } from '../errors.js';
import { ExpressionFailure } from './python-values.js';
import { templateString } from './template-value.js';
import { isTemplateText } from './template-syntax.js';

const MAX_DEPTH = 32;
let depth = 0;

/** A looked-up value: strings with `{{` are templated against `scope`; anything else is returned as is. */
export function resolveNested(value: unknown, scope: object): unknown {
  if (typeof value !== 'string' || !isTemplateText(value)) return value;
  if (depth >= MAX_DEPTH) throw new ExpressionFailure('recursive loop detected in a variable that refers to itself');
  depth++;
  try {
    return templateString(value, scope, '');
  } catch (error) {
    // The outer expression adds the location; keep the inner problem as the reason.
    if (error instanceof TsplayError) throw new ExpressionFailure(`in a variable's value ${error.message}`);
    throw error;
  } finally {
    depth--;
  }
}

/**
 * Containers found to hold no template string, so reading a large dict again costs nothing.
 * Author containers come from loaded files and are never changed in place.
 */
const templateFree = new WeakSet<object>();

/**
 * A whole container returned by `{{ x }}` (a dict of settings, a list of hosts) may hold template
 * strings deep inside; resolve those too. Containers without any are returned unchanged (no copy).
 */
export function resolveNestedDeep(value: unknown, scope: object): unknown {
  if (typeof value === 'string') return resolveNested(value, scope);
  if (value === null || typeof value !== 'object' || templateFree.has(value)) return value;
  const resolved = resolveContainer(value, scope);
  if (resolved === value) templateFree.add(value);
  return resolved;
}

function resolveContainer(value: object, scope: object): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const resolved = resolveNestedDeep(item, scope);
      if (resolved !== item) (copy ??= [...value])[index] = resolved;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveNestedDeep(item, scope);
      if (resolved !== item) {
        copy ??= { ...(value as Record<string, unknown>) };
        Object.defineProperty(copy, key, { value: resolved, enumerable: true, writable: true, configurable: true });
      }
    }
    return copy ?? value;
  }
  return value;
}
