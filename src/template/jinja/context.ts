// The variables a Jinja render receives. The engine copies its context into WASM whole, before it
// starts, so the laziness of tsplay's own evaluator (lazy-vars.ts) is reproduced here by choosing:
// - only the names the template mentions are read (prepare-source.ts finds them);
// - each is read through readVariable: a value the author wrote is resolved once, here, against
//   the task's scope; anything else (registered results, facts, set_fact...) is passed as data.
//   The engine never templates a value it is given, so data stays data;
// - a hostvars entry (a variable holder of its own) contributes only the mentioned names, each
//   read through readVariable too;
// - functions, symbols and class instances are left out: a JS function in the context would
//   become callable from the template.
// A variable whose resolution fails is left out (undefined, as Ansible's lazy templating leaves it
// until used); its reason is kept for the error message if the template then reads it.
import { TsplayError } from '../../errors.js';
import { isVariableHolder, readVariable } from '../lazy-vars.js';
import { ExpressionFailure } from '../python-values.js';

const MAX_DEPTH = 64;

export interface JinjaContext {
  readonly values: Record<string, unknown>;
  /** Mentioned variables that exist but could not be resolved, with the reason. */
  readonly unresolved: ReadonlyMap<string, string>;
}

interface Reader {
  readonly names: ReadonlySet<string>;
  readonly scope: object;
  readonly unresolved: Map<string, string>;
}

function define(target: Record<string, unknown>, key: string, value: unknown): void {
  // Assignment is several times faster; only `__proto__` would not make an own property.
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** `holder[name]` through readVariable, or undefined (with the reason kept) when it cannot be resolved. */
function readMentioned(reader: Reader, holder: object, name: string): unknown {
  if (!Object.hasOwn(holder, name)) return undefined;
  const raw = (holder as Record<string, unknown>)[name];
  if (raw === undefined || typeof raw === 'function') return undefined;
  try {
    return readVariable(holder, name, raw, reader.scope);
  } catch (error) {
    if (!(error instanceof ExpressionFailure) && !(error instanceof TsplayError)) throw error;
    if (!reader.unresolved.has(name)) reader.unresolved.set(name, error.message);
    return undefined;
  }
}

function holderData(reader: Reader, holder: object, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(holder);
  // Walk the shorter of the two lists: a hostvars entry may hold hundreds of facts, a template mentions dozens of names.
  const candidates = keys.length < reader.names.size ? keys.filter((key) => reader.names.has(key)) : reader.names;
  for (const name of candidates) {
    const value = engineData(reader, readMentioned(reader, holder, name), depth + 1);
    if (value !== undefined) define(out, name, value);
  }
  return out;
}

/** A copy of `value` made of plain data only; undefined for what the engine must not see. */
function engineData(reader: Reader, value: unknown, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value !== 'object') return undefined;
  if (depth > MAX_DEPTH) throw new ExpressionFailure(`a variable is nested more than ${MAX_DEPTH} levels deep`);
  if (isVariableHolder(value as unknown)) return holderData(reader, value, depth);
  if (Array.isArray(value)) return value.map((item) => engineData(reader, item, depth + 1) ?? null);
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = engineData(reader, (value as Record<string, unknown>)[key], depth + 1);
    if (item !== undefined) define(out, key, item);
  }
  return out;
}

/** The context for a template that mentions `names`, read from `scope`. */
export function jinjaContext(scope: object, names: ReadonlySet<string>): JinjaContext {
  const reader: Reader = { names, scope, unresolved: new Map() };
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const value = engineData(reader, readMentioned(reader, scope, name), 0);
    if (value !== undefined) define(values, name, value);
  }
  return { values, unresolved: reader.unresolved };
}
