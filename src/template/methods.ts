// The few Python methods an expression may call: `x.startswith('v')`, `d.get('k', 0)`.
// Nothing else is callable: a method name is looked up in these tables, never on the value.
import { checkBuilt } from './budget.js';
import { arg, type CallArgs } from './call-args.js';
import { pythonSplit, stripChars } from './filters-text.js';
import { readOwn } from './safe-access.js';
import { ExpressionFailure, expectList, expectNumber, expectString, isMapping, pyEquals, toText, typeName } from './python-values.js';

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
  find: (s, args) => s.indexOf(expectString(args.positional[0], 'find')),
  index: (s, args) => {
    const at = s.indexOf(expectString(args.positional[0], 'index'));
    if (at < 0) throw new ExpressionFailure('substring not found');
    return at;
  },
  count: (s, args) => {
    const sub = expectString(args.positional[0], 'count');
    return sub === '' ? s.length + 1 : s.split(sub).length - 1;
  },
  isdigit: (s) => /^\p{Nd}+$/u.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{Nd}]+$/u.test(s),
  format: (s, args) => pythonFormat(s, args),
  join: (s, args) => expectList(args.positional[0], 'join').map((item) => expectString(item, 'join')).join(s),
};

const LIST_METHODS: Readonly<Record<string, Method<unknown[]>>> = {
  index: (l, args) => {
    const at = l.findIndex((item) => pyEquals(item, args.positional[0]));
    if (at < 0) throw new ExpressionFailure(`${toText(args.positional[0])} is not in list`);
    return at;
  },
  count: (l, args) => l.filter((item) => pyEquals(item, args.positional[0])).length,
};

/** str.format with `{}`, `{0}` and `{name}` fields (no format specs). */
function pythonFormat(template: string, args: CallArgs): string {
  let next = 0;
  return template.replace(/\{\{|\}\}|\{(\w*)\}/g, (match, field: string | undefined) => {
    if (match === '{{') return '{';
    if (match === '}}') return '}';
    const value = field === '' || field === undefined ? args.positional[next++] : /^\d+$/.test(field) ? args.positional[Number(field)] : args.keywords[field];
    if (value === undefined) throw new ExpressionFailure(`format: no value for field '{${field ?? ''}}'`);
    return toText(value);
  });
}

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
  if (Array.isArray(self) && Object.hasOwn(LIST_METHODS, name)) return LIST_METHODS[name]!(self, args);
  throw new ExpressionFailure(`calling '${name}' on ${typeName(self)} is not allowed (string methods: ${Object.keys(STRING_METHODS).join(', ')}; dict methods: ${Object.keys(MAPPING_METHODS).join(', ')})`);
}

