// The few Python methods an expression may call: `x.startswith('v')`, `d.get('k', 0)`.
// Nothing else is callable: a method name is looked up in these tables, never on the value.
import { checkBuilt } from './budget.js';
import { arg, type CallArgs } from './call-args.js';
import { pythonSplit, stripChars } from './filters-text.js';
import { readOwn } from './safe-access.js';
import { ExpressionFailure, expectList, expectNumber, expectString, isMapping, typeName } from './python-values.js';

type Method<T> = (self: T, args: CallArgs) => unknown;

function prefixes(value: unknown, what: string): string[] {
  return Array.isArray(value) ? value.map((v) => expectString(v, what)) : [expectString(value, what)];
}

const STRING_METHODS: Readonly<Record<string, Method<string>>> = {
  startswith: (s, args) => prefixes(args.positional[0], 'startswith').some((p) => s.startsWith(p)),
  endswith: (s, args) => prefixes(args.positional[0], 'endswith').some((p) => s.endsWith(p)),
  split: (s, args) => pythonSplit(s, arg(args, 0, 'sep', undefined), expectNumber(arg(args, 1, 'maxsplit', -1), 'maxsplit')),
  splitlines: (s) => s.split(/\r?\n/).filter((line, i, all) => !(i === all.length - 1 && line === '')),
  strip: (s, args) => stripChars(s, args.positional[0], 'both'),
  lstrip: (s, args) => stripChars(s, args.positional[0], 'left'),
  rstrip: (s, args) => stripChars(s, args.positional[0], 'right'),
  lower: (s) => s.toLowerCase(),
  upper: (s) => s.toUpperCase(),
  replace: (s, args) => s.split(expectString(args.positional[0], 'replace')).join(expectString(args.positional[1], 'replace')),
  join: (s, args) => expectList(args.positional[0], 'join').map((item) => expectString(item, 'join')).join(s),
};

const MAPPING_METHODS: Readonly<Record<string, Method<Record<string, unknown>>>> = {
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  items: (d) => Object.entries(d),
  get: (d, args) => {
    const value = readOwn(d, args.positional[0]);
    return value === undefined ? (args.positional[1] ?? null) : value;
  },
};

export function callMethod(self: unknown, name: string, args: CallArgs): unknown {
  return checkBuilt(dispatchMethod(self, name, args), `the '${name}' method`);
}

function dispatchMethod(self: unknown, name: string, args: CallArgs): unknown {
  if (typeof self === 'string' && Object.hasOwn(STRING_METHODS, name)) return STRING_METHODS[name]!(self, args);
  if (isMapping(self) && Object.hasOwn(MAPPING_METHODS, name)) return MAPPING_METHODS[name]!(self, args);
  throw new ExpressionFailure(`calling '${name}' on ${typeName(self)} is not allowed (string methods: ${Object.keys(STRING_METHODS).join(', ')}; dict methods: ${Object.keys(MAPPING_METHODS).join(', ')})`);
}

