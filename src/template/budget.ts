// Limits on what one expression may build or spend: without them `[0] * 100000000` or a chain of
// variables that each double a string fills the controller's memory, and nothing stops it (the task
// `timeout` and Ctrl-C act between tasks, not inside a synchronous evaluation). A value that passes a
// limit fails the expression with an ExpressionFailure, located by the caller (file:line:col, host).
// Values read from variables are not limited: only what operators, filters, methods and functions build.
import { ExpressionFailure } from './python-values.js';

/** Most items a list built by an expression may hold. */
export const MAX_LIST_ITEMS = 1_000_000;
/** Most characters a string built by an expression may hold (64 Mi: ~128 MB in memory). */
export const MAX_STRING_CHARS = 64 * 1024 * 1024;
/** Most steps (expression nodes evaluated, plus list items and 64-character blocks built) of one evaluation. */
export const MAX_STEPS = 10_000_000;
/** Longest one evaluation may run, checked every few thousand steps. */
export const MAX_EVALUATION_MS = 10_000;

let depth = 0;
let steps = 0;
let startedAt = 0;

/** Run one evaluation; evaluations nested in it (lazily resolved variables) share its budget. */
export function withBudget<T>(evaluation: () => T): T {
  if (depth === 0) {
    steps = 0;
    startedAt = Date.now();
  }
  depth++;
  try {
    return evaluation();
  } finally {
    depth--;
  }
}

/** Count work against the running evaluation's budget (outside one, e.g. a filter called directly, nothing is counted). */
export function spendSteps(count: number): void {
  if (depth === 0) return;
  const before = steps;
  steps += count;
  if (steps > MAX_STEPS) throw new ExpressionFailure(`evaluation limit: more than ${MAX_STEPS} steps`);
  if ((before >>> 12) !== (steps >>> 12) && Date.now() - startedAt > MAX_EVALUATION_MS) {
    throw new ExpressionFailure(`evaluation limit: longer than ${MAX_EVALUATION_MS / 1000} s`);
  }
}

/** Refuse a list or string of `size` before building it (`what` names the operation). */
export function checkSize(kind: 'list' | 'string', size: number, what: string): void {
  const max = kind === 'list' ? MAX_LIST_ITEMS : MAX_STRING_CHARS;
  if (size > max) throw new ExpressionFailure(`evaluation limit: ${what} would make a ${kind} of ${size} ${kind === 'list' ? 'items' : 'characters'}, more than the ${max} allowed`);
  spendSteps(kind === 'list' ? size : Math.ceil(size / 64));
}

/** Check a value some operation built (a filter's or a method's result). */
export function checkBuilt<T>(value: T, what: string): T {
  if (Array.isArray(value)) checkSize('list', value.length, what);
  else if (typeof value === 'string') checkSize('string', value.length, what);
  return value;
}
