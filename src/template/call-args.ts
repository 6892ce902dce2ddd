// The arguments of a filter, test or method call. jsep has no keyword arguments; the parser
// reads `name=value` inside a call as a low-precedence `=` operator and the evaluator splits
// the arguments here, so `map(attribute='name')` and `default('x', true)` both work.
import { ExpressionFailure } from './python-values.js';

export interface CallArgs {
  readonly positional: readonly unknown[];
  readonly keywords: Readonly<Record<string, unknown>>;
}

export const NO_ARGS: CallArgs = { positional: [], keywords: {} };

/** An argument given by position or by name (Python's rule), else the fallback. */
export function arg<T>(args: CallArgs, index: number, name: string, fallback: T): unknown | T {
  if (index < args.positional.length) return args.positional[index];
  if (Object.hasOwn(args.keywords, name)) return args.keywords[name];
  return fallback;
}

/** Filters such as select/map call back into the tables of tests and filters. */
export interface Callables {
  test(name: string, value: unknown, args: CallArgs): boolean;
  filter(name: string, value: unknown, args: CallArgs): unknown;
}

export type FilterFunction = (input: unknown, args: CallArgs, call: Callables) => unknown;
export type TestFunction = (value: unknown, args: CallArgs) => boolean;

/** Refuse keyword names a function does not know, so typos do not pass silently. */
export function onlyKeywords(args: CallArgs, allowed: readonly string[], what: string): void {
  for (const name of Object.keys(args.keywords)) {
    if (!allowed.includes(name)) throw new ExpressionFailure(`${what} has no argument '${name}'`);
  }
}
