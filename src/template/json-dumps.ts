// Python's json.dumps as Ansible's to_json/to_nice_json call it: ", " and ": " separators on one
// line (",\n" with an indent), non-ASCII escaped as \uXXXX (ensure_ascii), keys sorted on request.
// JSON.stringify writes `{"a":1}` and raw UTF-8, which differs from every Ansible-written file.
import { ExpressionFailure, isMapping } from './python-values.js';

export interface DumpOptions {
  readonly indent?: number;
  readonly sortKeys: boolean;
  readonly ensureAscii: boolean;
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function quote(text: string, ensureAscii: boolean): string {
  const special = ensureAscii ? /["\\]|[^ -~]/g : /["\\\u0000-\u001f]/g;
  return `"${text.replace(special, (char) => SHORT_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

function number(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return String(value);
}

function dump(value: unknown, options: DumpOptions, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value, options.ensureAscii);
  if (typeof value === 'number') return number(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return wrap('[', ']', value.map((item) => dump(item, options, depth + 1)), options, depth);
  if (isMapping(value)) {
    const keys = Object.keys(value);
    if (options.sortKeys) keys.sort();
    return wrap('{', '}', keys.map((key) => `${quote(key, options.ensureAscii)}: ${dump(value[key], options, depth + 1)}`), options, depth);
  }
  throw new ExpressionFailure(`Object of type ${typeof value} is not JSON serializable`);
}

function wrap(open: string, close: string, items: readonly string[], options: DumpOptions, depth: number): string {
  if (items.length === 0) return open + close;
  if (options.indent === undefined) return open + items.join(', ') + close;
  const inner = '\n' + ' '.repeat(options.indent * (depth + 1));
  return `${open}${inner}${items.join(`,${inner}`)}\n${' '.repeat(options.indent * depth)}${close}`;
}

export function jsonDumps(value: unknown, options: DumpOptions): string {
  return dump(value, options, 0);
}
