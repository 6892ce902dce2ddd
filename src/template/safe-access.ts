// Own-property reads only. Templates and expressions come from playbooks, so nothing on a
// prototype (constructor, __proto__, toString...) may ever be reached from them: that is how
// template engines end up handing out `Function`.
import { ExpressionFailure } from './python-values.js';

/** Names that lead to prototypes or engine internals: refused even when an object owns them. */
export function isForbiddenName(name: string): boolean {
  // Char codes rather than a regex: this runs on every attribute read.
  if (name.charCodeAt(0) === 95 && name.charCodeAt(1) === 95 && name.length >= 4 && name.endsWith('__')) return true;
  return name === 'constructor' || name === 'prototype' || name === '__proto__';
}

export function assertAllowedName(name: string): void {
  if (isForbiddenName(name)) throw new ExpressionFailure(`access to '${name}' is not allowed`);
}

/**
 * Read `key` of `container` the way Jinja's subscript does, with own properties only:
 * dict keys, list/string integer indexes (negative counts from the end). Functions are never
 * returned: a scope holds data, and a function reached from a template could only be misused.
 * Returns undefined when there is no such key (YAML data has null, never undefined).
 */
export function readOwn(container: unknown, key: unknown): unknown {
  if (container === null || container === undefined) return undefined;
  if (typeof key === 'string') assertAllowedName(key);
  if (Array.isArray(container) || typeof container === 'string') {
    const index = typeof key === 'number' ? key : typeof key === 'string' && /^-?\d+$/.test(key) && Array.isArray(container) ? Number(key) : NaN;
    if (!Number.isInteger(index)) return undefined;
    const position = index < 0 ? container.length + index : index;
    if (position < 0 || position >= container.length) return undefined;
    return container[position];
  }
  if (typeof container !== 'object') return undefined;
  if (typeof key !== 'string' && typeof key !== 'number') return undefined;
  const name = String(key);
  if (!Object.hasOwn(container, name)) return undefined;
  const value = (container as Record<string, unknown>)[name];
  if (typeof value === 'function') return undefined;
  return value;
}
