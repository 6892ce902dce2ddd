// Filters on lists and dicts.
import { arg, onlyKeywords, type CallArgs, type FilterFunction } from './call-args.js';
import { pythonStr } from './jinja/python-text.js';
import { readOwn } from './safe-access.js';
import { spendSteps } from './budget.js';
import { ExpressionFailure, expectList, expectMapping, expectNumber, expectString, isMapping, isTruthy, iterate, pyCompare, pyEquals, toText, typeName } from './python-values.js';

/** Read a dotted attribute ('a.b', '0') the way Jinja's attribute= arguments do; undefined if absent. */
function attribute(item: unknown, path: string): unknown {
  let value = item;
  for (const part of path.split('.')) {
    value = readOwn(value, /^\d+$/.test(part) && Array.isArray(value) ? Number(part) : part);
    if (value === undefined) return undefined;
  }
  return value;
}

function uniqueList(items: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  // Python-equality has no hash here: quadratic, so each comparison counts against the budget.
  for (const item of items) {
    spendSteps(out.length + 1);
    if (!out.some((seen) => pyEquals(seen, item))) out.push(item);
  }
  return out;
}

/** Comparing every item of one list with every item of another costs their product. */
function spendPairs(a: unknown, b: readonly unknown[]): void {
  if (Array.isArray(a)) spendSteps(a.length * b.length);
}

/** The arguments after a test name (select('match', 'x') → ['x']) as a CallArgs for the test. */
function restArgs(args: CallArgs, from: number): CallArgs {
  return { positional: args.positional.slice(from), keywords: {} };
}

function selectBy(keep: boolean): FilterFunction {
  return (value, args, call) => iterate(value, keep ? 'select' : 'reject').filter((item) => {
    const testName = args.positional[0];
    const passes = testName === undefined ? isTruthy(item) : call.test(expectString(testName, 'the test name'), item, restArgs(args, 1));
    return passes === keep;
  });
}

function selectAttrBy(keep: boolean): FilterFunction {
  return (value, args, call) => {
    const name = expectString(args.positional[0], keep ? 'selectattr attribute' : 'rejectattr attribute');
    return iterate(value, keep ? 'selectattr' : 'rejectattr').filter((item) => {
      const field = attribute(item, name);
      const testName = args.positional[1];
      const passes = testName === undefined ? isTruthy(field) : call.test(expectString(testName, 'the test name'), field, restArgs(args, 2));
      return passes === keep;
    });
  };
}

function sortKey(item: unknown, attr: unknown, caseSensitive: boolean): unknown {
  const value = typeof attr === 'string' ? attribute(item, attr) : item;
  return !caseSensitive && typeof value === 'string' ? value.toLowerCase() : value;
}

function flatten(items: readonly unknown[], levels: number | undefined, skipNulls: boolean): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    if (Array.isArray(item) && (levels === undefined || levels > 0)) out.push(...flatten(item, levels === undefined ? undefined : levels - 1, skipNulls));
    else if (!(skipNulls && (item === null || item === 'None'))) out.push(item);
  }
  return out;
}

const LIST_MERGE_MODES = ['replace', 'keep', 'append', 'prepend', 'append_rp', 'prepend_rp'] as const;
type ListMerge = typeof LIST_MERGE_MODES[number];

function mergeLists(base: readonly unknown[], extra: readonly unknown[], mode: ListMerge): unknown[] {
  spendPairs(base, extra);
  const baseOnly = () => base.filter((item) => !extra.some((other) => pyEquals(other, item)));
  switch (mode) {
    case 'replace': return [...extra];
    case 'keep': return [...base];
    case 'append': return [...base, ...extra];
    case 'prepend': return [...extra, ...base];
    case 'append_rp': return [...baseOnly(), ...extra];
    case 'prepend_rp': return [...extra, ...baseOnly()];
  }
}

/** Ansible's merge_hash: nested dicts merge only when recursive; two lists meet by list_merge. */
function mergeDicts(base: Record<string, unknown>, extra: Record<string, unknown>, recursive: boolean, listMerge: ListMerge): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    if (recursive && isMapping(current) && isMapping(value)) out[key] = mergeDicts(current, value, true, listMerge);
    else if (Array.isArray(current) && Array.isArray(value)) out[key] = mergeLists(current, value, listMerge);
    else out[key] = value;
  }
  return out;
}

function listMergeMode(value: unknown): ListMerge {
  const mode = value === undefined ? 'replace' : value;
  if (!LIST_MERGE_MODES.includes(mode as ListMerge)) {
    throw new ExpressionFailure(`combine: 'list_merge' can only be one of ${LIST_MERGE_MODES.map((m) => `'${m}'`).join(', ')}`);
  }
  return mode as ListMerge;
}

function extremum(pick: 1 | -1): FilterFunction {
  return (value, args) => {
    const items = iterate(value, pick > 0 ? 'max' : 'min');
    if (items.length === 0) return undefined;
    const attr = arg(args, 0, 'attribute', undefined);
    return items.reduce((best, item) => (pick * pyCompare(sortKey(item, attr, false), sortKey(best, attr, false)) > 0 ? item : best));
  };
}

const list = (value: unknown, filter: string): unknown[] => iterate(value, `the '${filter}' filter`);

export const COLLECTION_FILTERS: Readonly<Record<string, FilterFunction>> = {
  length: (value) => {
    if (typeof value === 'string' || Array.isArray(value)) return value.length;
    if (isMapping(value)) return Object.keys(value).length;
    throw new ExpressionFailure(`the 'length' filter expects a string, list or dict, got ${typeName(value)}`);
  },
  first: (value) => list(value, 'first')[0],
  last: (value) => { const items = list(value, 'last'); return items[items.length - 1]; },
  list: (value) => [...list(value, 'list')],
  unique: (value) => uniqueList(list(value, 'unique')),
  reverse: (value) => (typeof value === 'string' ? [...value].reverse().join('') : [...list(value, 'reverse')].reverse()),
  sort: (value, args) => {
    onlyKeywords(args, ['reverse', 'case_sensitive', 'attribute'], "the 'sort' filter");
    const reverse = isTruthy(arg(args, 0, 'reverse', false));
    const caseSensitive = isTruthy(arg(args, 1, 'case_sensitive', false));
    const attr = arg(args, 2, 'attribute', undefined);
    const sorted = [...list(value, 'sort')].sort((a, b) => pyCompare(sortKey(a, attr, caseSensitive), sortKey(b, attr, caseSensitive)));
    return reverse ? sorted.reverse() : sorted;
  },
  min: extremum(-1),
  max: extremum(1),
  sum: (value, args) => {
    const attr = arg(args, 0, 'attribute', undefined);
    return list(value, 'sum').reduce<number>((total, item) => total + expectNumber(typeof attr === 'string' ? attribute(item, attr) : item, "the 'sum' filter"), expectNumber(arg(args, 1, 'start', 0), 'start'));
  },
  join: (value, args) => list(value, 'join').map((item) => pythonStr(item)).join(pythonStr(arg(args, 0, 'd', ''))),
  flatten: (value, args) => {
    const levels = arg(args, 0, 'levels', undefined);
    return flatten(list(value, 'flatten'), levels === undefined || levels === null ? undefined : expectNumber(levels, 'levels'), isTruthy(arg(args, 1, 'skip_nulls', true)));
  },
  union: (value, args) => uniqueList([...list(value, 'union'), ...expectList(args.positional[0], 'union')]),
  intersect: (value, args) => { const other = expectList(args.positional[0], 'intersect'); spendPairs(value, other); return uniqueList(list(value, 'intersect').filter((x) => other.some((y) => pyEquals(x, y)))); },
  difference: (value, args) => { const other = expectList(args.positional[0], 'difference'); spendPairs(value, other); return uniqueList(list(value, 'difference').filter((x) => !other.some((y) => pyEquals(x, y)))); },
  symmetric_difference: (value, args) => {
    const a = list(value, 'symmetric_difference');
    const b = expectList(args.positional[0], 'symmetric_difference');
    spendPairs(a, b);
    return uniqueList([...a.filter((x) => !b.some((y) => pyEquals(x, y))), ...b.filter((y) => !a.some((x) => pyEquals(x, y)))]);
  },
  select: selectBy(true),
  reject: selectBy(false),
  selectattr: selectAttrBy(true),
  rejectattr: selectAttrBy(false),
  map: (value, args, call) => {
    const items = list(value, 'map');
    if (Object.hasOwn(args.keywords, 'attribute')) {
      const name = expectString(args.keywords['attribute'], "map's attribute");
      const hasDefault = Object.hasOwn(args.keywords, 'default');
      return items.map((item) => {
        const field = attribute(item, name);
        if (field !== undefined) return field;
        if (hasDefault) return args.keywords['default'];
        throw new ExpressionFailure(`map: an item has no attribute '${name}'`);
      });
    }
    const filterName = expectString(args.positional[0], "map's filter name (or attribute='name')");
    const rest: CallArgs = { positional: args.positional.slice(1), keywords: args.keywords };
    return items.map((item) => call.filter(filterName, item, rest));
  },
  /** `groups.masters | map('extract', hostvars, 'ansible_host')`: look each item up in a container. */
  extract: (value, args) => {
    const container = args.positional[0];
    let found = readOwn(container, value);
    const more = args.positional[1];
    for (const key of more === undefined ? [] : Array.isArray(more) ? more : [more]) found = readOwn(found, key);
    if (found === undefined) throw new ExpressionFailure(`extract: the ${typeName(value)} key is not in the container`);
    return found;
  },
  combine: (value, args) => {
    onlyKeywords(args, ['recursive', 'list_merge'], "the 'combine' filter");
    const recursive = isTruthy(args.keywords['recursive']);
    const listMerge = listMergeMode(args.keywords['list_merge']);
    // Ansible flattens every term one level, the input included: `[{'a': 1}, {'b': 2}] | combine`.
    const sources = [value, ...args.positional].flatMap((source) => (Array.isArray(source) ? source : [source]));
    return sources.reduce<Record<string, unknown>>((acc, source) => mergeDicts(acc, expectMapping(source, "the 'combine' filter"), recursive, listMerge), {});
  },
  dict2items: (value, args) => {
    const keyName = String(arg(args, 0, 'key_name', 'key'));
    const valueName = String(arg(args, 1, 'value_name', 'value'));
    return Object.entries(expectMapping(value, "the 'dict2items' filter")).map(([k, v]) => ({ [keyName]: k, [valueName]: v }));
  },
  items2dict: (value, args) => {
    const keyName = String(arg(args, 0, 'key_name', 'key'));
    const valueName = String(arg(args, 1, 'value_name', 'value'));
    const out: Record<string, unknown> = {};
    for (const item of list(value, 'items2dict')) {
      const key = readOwn(item, keyName);
      if (typeof key !== 'string' && typeof key !== 'number') throw new ExpressionFailure(`items2dict: an item has no '${keyName}'`);
      Object.defineProperty(out, String(key), { value: readOwn(item, valueName) ?? null, enumerable: true, writable: true, configurable: true });
    }
    return out;
  },
  zip: (value, args) => {
    const lists = [list(value, 'zip'), ...args.positional.map((other) => iterate(other, 'zip'))];
    const length = Math.min(...lists.map((l) => l.length));
    return Array.from({ length }, (_, i) => lists.map((l) => l[i]));
  },
};

