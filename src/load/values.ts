// Small normalisers from what a user may write (scalar or list) to the model's shapes.
import { LoadError, type SourceLocation } from '../errors.js';
import type { Vars } from '../model.js';

/** `when`, `changed_when`, `until`: a string, a boolean or a list of them (a list means AND). */
export function toConditions(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'boolean' ? String(item) : String(item).trim()));
}

/** `tags`, `notify`: a string (comma-separated for tags, as Ansible does), or a list. */
export function toStringList(value: unknown, splitCommas = false): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((item) => String(item));
  const text = String(value);
  return splitCommas ? text.split(',').map((s) => s.trim()).filter(Boolean) : [text];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A `vars:`-style mapping; null (an empty YAML key) is an empty mapping. */
export function toVars(value: unknown, loc: SourceLocation, what = 'vars'): Vars {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) throw new LoadError(`${what} must be a mapping`, loc);
  return value;
}

/** Deep-freeze a loaded structure: the model is immutable once loading is done. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as object)) deepFreeze(child);
  }
  return value;
}
