// The functions an expression may call by name, as Jinja's globals in Ansible: range(),
// lookup()/query()/q(). Nothing else is callable without a value in front.
import { onlyKeywords, type CallArgs } from './call-args.js';
import { runLookup } from './lookups.js';
import { ExpressionFailure, expectList, expectString, isMapping, isTruthy, typeName } from './python-values.js';

// Jinja's sandbox limit: a range is a list here, and a typo must not fill the controller's memory.
const MAX_RANGE = 100_000;

function integer(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new ExpressionFailure(`range() ${what} must be an integer, not ${typeName(value)}`);
}

/** Python's range(stop) / range(start, stop[, step]), as a list. */
function range(args: CallArgs): number[] {
  onlyKeywords(args, [], 'range()');
  const p = args.positional;
  if (p.length < 1 || p.length > 3) throw new ExpressionFailure(`range() takes 1 to 3 arguments, not ${p.length}`);
  const [start, stop] = p.length === 1 ? [0, integer(p[0], 'stop')] : [integer(p[0], 'start'), integer(p[1], 'stop')];
  const step = p.length === 3 ? integer(p[2], 'step') : 1;
  if (step === 0) throw new ExpressionFailure('range() step cannot be zero');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_RANGE) throw new ExpressionFailure(`range() of ${count} items is more than the ${MAX_RANGE} allowed`);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** lookup() joins several results with commas unless wantlist=true (or none came); query()/q() always give a list. */
function lookup(args: CallArgs, scope: object, alwaysList: boolean): unknown {
  const name = expectString(args.positional[0], 'lookup() plugin name');
  const { wantlist, errors, ...options } = args.keywords;
  let results: unknown[];
  try {
    results = runLookup(name, args.positional.slice(1), options, scope);
  } catch (error) {
    // errors='ignore' (or 'warn': tsplay has no warning channel here) is Ansible's templar option for
    // every lookup: a failing lookup gives none, or [] when a list was asked for.
    if ((errors === 'ignore' || errors === 'warn') && error instanceof ExpressionFailure) return alwaysList || isTruthy(wantlist ?? false) ? [] : null;
    throw error;
  }
  // Ansible joins only a non-empty result: a lookup that found nothing gives [] either way.
  if (alwaysList || isTruthy(wantlist ?? false) || results.length === 0) return results;
  return results.length === 1 ? results[0] : results.map(String).join(',');
}

/** Python's dict(): from key/value pairs and keyword arguments (`dict(keys | zip(values))`). */
function dict(args: CallArgs): Record<string, unknown> {
  if (args.positional.length > 1) throw new ExpressionFailure(`dict() takes at most 1 positional argument, not ${args.positional.length}`);
  const out: Record<string, unknown> = {};
  const source = args.positional[0];
  const pairs = source === undefined ? [] : isMapping(source) ? Object.entries(source) : expectList(source, 'dict()');
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new ExpressionFailure('dict(): each item must be a key and a value');
    Object.defineProperty(out, String(pair[0]), { value: pair[1], enumerable: true, writable: true, configurable: true });
  }
  for (const [key, value] of Object.entries(args.keywords)) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

const GLOBALS: Readonly<Record<string, (args: CallArgs, scope: object) => unknown>> = {
  range: (args) => range(args),
  dict: (args) => dict(args),
  lookup: (args, scope) => lookup(args, scope, false),
  query: (args, scope) => lookup(args, scope, true),
  q: (args, scope) => lookup(args, scope, true),
};

export function callGlobal(name: string, args: CallArgs, scope: object): unknown {
  if (!Object.hasOwn(GLOBALS, name)) {
    throw new ExpressionFailure(`calling '${name}' is not allowed (functions: ${Object.keys(GLOBALS).join(', ')}); use a filter instead (value | name)`);
  }
  return GLOBALS[name]!(args, scope);
}
