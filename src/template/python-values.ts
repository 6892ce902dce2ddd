// Python/Jinja value semantics over plain JSON-like data: truthiness, equality, ordering,
// type names and the text form of a value. One place, so `==`, `in`, `unique`, `sort` agree.

/** Raised by operators, filters and tests; `evaluate` wraps it with the expression and where. */
export class ExpressionFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpressionFailure';
  }
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Python truthiness: none, false, 0, '', [] and {} are false; everything else is true. */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** Python's type names, because users read them in Ansible docs and error messages. */
export function typeName(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (isMapping(value)) return 'dict';
  return typeof value;
}

/**
 * The text of a value in a rendered template or `~`: strings as they are, none as the empty
 * string (we are not Python: "None" in a config file is never what anyone wanted), numbers and
 * booleans as JavaScript prints them (`true`), lists and dicts as compact JSON.
 */
export function toText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function numeric(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0; // Python: True == 1
  return undefined;
}

/** Python `==`: no coercion between strings and numbers; deep for lists and dicts. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => pyEquals(item, b[i]));
  }
  if (isMapping(a) && isMapping(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => Object.hasOwn(b, key) && pyEquals(a[key], b[key]));
  }
  if ((a === undefined || a === null) && (b === undefined || b === null)) return true;
  return false;
}

/** Python ordering (<0, 0, >0): numbers with numbers, strings with strings, lists element-wise. */
export function pyCompare(a: unknown, b: unknown, op = '<'): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pyCompare(a[i], b[i], op);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new ExpressionFailure(`'${op}' is not supported between ${typeName(a)} and ${typeName(b)}`);
}

/** Python `in`: substring, list membership (by ==), or dict key. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new ExpressionFailure(`'in <str>' needs a string on the left, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((element) => pyEquals(element, item));
  if (isMapping(container)) return typeof item === 'string' || typeof item === 'number' ? Object.hasOwn(container, String(item)) : false;
  throw new ExpressionFailure(`'in' needs a string, list or dict on the right, not ${typeName(container)}`);
}

export function expectString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new ExpressionFailure(`${what} expects a string, got ${typeName(value)}`);
  return value;
}

export function expectList(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ExpressionFailure(`${what} expects a list, got ${typeName(value)}`);
  return value;
}

export function expectMapping(value: unknown, what: string): Record<string, unknown> {
  if (!isMapping(value)) throw new ExpressionFailure(`${what} expects a dict, got ${typeName(value)}`);
  return value;
}

export function expectNumber(value: unknown, what: string): number {
  const n = numeric(value);
  if (n === undefined) throw new ExpressionFailure(`${what} expects a number, got ${typeName(value)}`);
  return n;
}

/** A list from anything Python would iterate: lists, strings (characters), dicts (keys). */
export function iterate(value: unknown, what: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isMapping(value)) return Object.keys(value);
  throw new ExpressionFailure(`${what} expects a list, got ${typeName(value)}`);
}
