// tsplay's filters, tests and lookups called from the Jinja engine, so one implementation serves
// both `{{ }}` expressions and Jinja templates.
//
// The engine's calling convention differs from ours in three ways handled here:
// - dicts arrive as Maps: converted to plain objects (fromEngine) before a filter sees them;
// - keyword arguments arrive as one trailing Map, indistinguishable from a dict passed by
//   position: a trailing Map is read as keywords only when every key is a keyword name one of our
//   functions accepts (KEYWORD_NAMES), so `combine({'a': 1})` stays a dict;
// - a JS exception thrown into the engine is a Rust panic that wrecks the WASM instance. So no
//   function here ever throws: a failure is recorded in the current render and the function returns
//   a value the engine cannot convert, which stops the render at that spot with its line and
//   column; render.ts then reports the recorded message instead of the engine's.
import type { CallArgs } from '../call-args.js';
import { callGlobal } from '../globals.js';
import { ExpressionFailure, typeName } from '../python-values.js';

/** Every keyword name our filters, tests and lookups read (arg()/onlyKeywords in src/template). */
const KEYWORD_NAMES: ReadonlySet<string> = new Set([
  'amount', 'attribute', 'base', 'blank', 'boolean', 'case_sensitive', 'chars', 'count', 'd', 'default', 'default_value', 'ensure_ascii', 'errors', 'first',
  'false_val', 'files', 'ignorecase', 'indent', 'item', 'key_name', 'levels', 'list_merge', 'lstrip', 'maxsplit', 'method',
  'msg', 'multiline', 'new', 'none_val', 'num', 'old', 'operator', 'other', 'paths', 'pattern', 'precision', 'query', 'recursive',
  'replacement', 'reverse', 'rstrip', 'seed', 'sep', 'seq', 'skip', 'skip_nulls', 'sort_keys', 'start', 'step', 'strict', 'template_vars', 'true_val', 'value_name',
  'version', 'version_type', 'wantlist', 'width',
  // slice, truncate, comment, human_readable/human_to_bytes (filters-jinja-more.ts)
  'beginning', 'decoration', 'default_unit', 'end', 'fill_with', 'isbits', 'killwords', 'leeway', 'length', 'newline', 'postfix', 'postfix_count',
  'prefix', 'prefix_count', 'slices', 'style', 'unit',
]);

/** What a failed call hands the engine: a symbol cannot become a template value, so the render stops there. */
const CALL_FAILED = Symbol('tsplay: call failed');

interface RenderState {
  readonly scope: object;
  failure?: string;
}

let current: RenderState | undefined;

/** Run one render with `scope` available to lookups; the first call failure is returned with the result. */
export function withRenderState<T>(scope: object, render: () => T): { result?: T; error?: unknown; failure?: string } {
  const outer = current;
  const state: RenderState = { scope };
  current = state;
  try {
    return { result: render(), failure: state.failure };
  } catch (error) {
    return { error, failure: state.failure };
  } finally {
    current = outer;
  }
}

/** A value from the engine as tsplay data: Maps become plain objects (keys as text). */
export function fromEngine(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromEngine);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) {
      Object.defineProperty(out, String(key), { value: fromEngine(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function argsFromEngine(raw: readonly unknown[]): CallArgs {
  const last = raw[raw.length - 1];
  if (last instanceof Map && last.size > 0 && [...last.keys()].every((key) => typeof key === 'string' && KEYWORD_NAMES.has(key))) {
    return { positional: raw.slice(0, -1).map(fromEngine), keywords: fromEngine(last) as Record<string, unknown> };
  }
  return { positional: raw.map(fromEngine), keywords: {} };
}

function fail(message: string): symbol {
  if (current && current.failure === undefined) current.failure = message;
  return CALL_FAILED;
}

/** A function result the engine may take: data only, never undefined (that would print as none). */
function toEngine(value: unknown, what: string): unknown {
  if (value === undefined) return fail(`${what} gave an undefined value`);
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return fail(`${what} gave a ${typeName(value)}`);
  return value;
}

function guarded(what: string, call: () => unknown): unknown {
  try {
    return toEngine(call(), what);
  } catch (error) {
    if (error instanceof ExpressionFailure) return fail(error.message);
    return fail(`${what} failed: ${(error as Error)?.message ?? String(error)}`);
  }
}

/** The failure of a `{{ }}` whose value is undefined: render.ts names the expression. */
export const UNDEFINED_OUTPUT = 'undefined output';

/** Ansible's text for a `{{ }}` output; an undefined value (strict mode lets it reach a filter) fails. */
export function engineText(toText: (value: unknown) => string): (value: unknown, isUndefined: unknown) => unknown {
  return (value, isUndefined) => (isUndefined === true ? fail(UNDEFINED_OUTPUT) : guarded('writing a value', () => toText(value)));
}

/** A tsplay filter as the engine calls it: (value, ...args, kwargs?). */
export function engineFilter(name: string, run: (value: unknown, args: CallArgs) => unknown): (value: unknown, ...raw: unknown[]) => unknown {
  return (value, ...raw) => guarded(`the '${name}' filter`, () => run(fromEngine(value), argsFromEngine(raw)));
}

/** A tsplay test as the engine calls it. */
export function engineTest(name: string, run: (value: unknown, args: CallArgs) => boolean): (value: unknown, ...raw: unknown[]) => unknown {
  return (value, ...raw) => guarded(`the '${name}' test`, () => run(fromEngine(value), argsFromEngine(raw)));
}

/** lookup()/query()/q(): they read the scope of the render in progress (role_path, playbook_dir). */
export function engineGlobal(name: string): (...raw: unknown[]) => unknown {
  return (...raw) => guarded(`${name}()`, () => {
    if (!current) throw new ExpressionFailure(`${name}() called outside a render`);
    return callGlobal(name, argsFromEngine(raw), current.scope);
  });
}
