// Filters on scalars: strings, numbers, booleans, encodings, paths.
import { arg, onlyKeywords, type CallArgs, type FilterFunction } from './call-args.js';
import { pythonStr } from './jinja/python-text.js';
import { jsonDumps, type DumpOptions } from './json-dumps.js';
import { compileRegex, replaceAll } from './regex.js';
import { jsonFailure } from './parser-errors.js';
import { ExpressionFailure, expectNumber, expectString, isTruthy, toText, typeName } from './python-values.js';

/** Jinja's int: "42" → 42, "3.9" → 3, true → 1; anything unparseable gives the default (0). */
function toInt(value: unknown, fallback: unknown, base: number): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return Math.trunc(value);
  if (typeof value === 'string') {
    const text = value.trim().replace(/_/g, '');
    if (base !== 10) {
      const digits = text.replace(/^0[xob]/i, '');
      const parsed = parseInt(digits, base);
      return Number.isNaN(parsed) || !/^[0-9a-z]+$/i.test(digits) ? fallback : parsed;
    }
    if (/^[-+]?\d+$/.test(text)) return Number(text);
    if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Math.trunc(Number(text));
  }
  return fallback;
}

function toFloat(value: unknown, fallback: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(value)) return Number(value);
  return fallback;
}

/** Ansible's bool filter: 'yes', 'on', 'true', '1', 'y' (any case) and 1 are true; the rest false. */
export function ansibleBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1;
  if (typeof value === 'string') return ['yes', 'on', 'true', '1', 'y', 't'].includes(value.trim().toLowerCase());
  return false;
}

/** Python's os.path.basename / dirname (dirname keeps no trailing slash except for the root). */
function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
function dirname(path: string): string {
  const head = path.slice(0, path.lastIndexOf('/') + 1);
  return /^\/+$/.test(head) ? head : head.replace(/\/+$/, '');
}

export function pythonSplit(text: string, separator: unknown, maxsplit: number): string[] {
  if (separator === undefined || separator === null) {
    const words = text.trim().split(/\s+/).filter((w) => w.length > 0);
    if (maxsplit < 0 || words.length <= maxsplit + 1) return words;
    // Rare: keep the remainder of the original text after maxsplit splits.
    const head = words.slice(0, maxsplit);
    let rest = text.trimStart();
    for (const word of head) rest = rest.slice(rest.indexOf(word) + word.length).trimStart();
    return [...head, rest];
  }
  const sep = expectString(separator, "split's separator");
  if (sep === '') throw new ExpressionFailure('split: empty separator');
  const pieces = text.split(sep);
  if (maxsplit < 0 || pieces.length <= maxsplit + 1) return pieces;
  return [...pieces.slice(0, maxsplit), pieces.slice(maxsplit).join(sep)];
}

export function stripChars(text: string, chars: unknown, side: 'both' | 'left' | 'right'): string {
  if (chars === undefined || chars === null) {
    return side === 'both' ? text.trim() : side === 'left' ? text.trimStart() : text.trimEnd();
  }
  const set = expectString(chars, 'strip characters');
  let start = 0;
  let end = text.length;
  if (side !== 'right') while (start < end && set.includes(text[start]!)) start++;
  if (side !== 'left') while (end > start && set.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}
const JSON_KEYWORDS = ['indent', 'sort_keys', 'ensure_ascii'];

function jsonOptions(args: CallArgs, indent: number | undefined, sortKeys: unknown): DumpOptions {
  return { indent, sortKeys: isTruthy(args.keywords['sort_keys'] ?? sortKeys), ensureAscii: isTruthy(args.keywords['ensure_ascii'] ?? true) };
}

const str = (value: unknown, filter: string): string => expectString(value, `the '${filter}' filter`);

export const TEXT_FILTERS: Readonly<Record<string, FilterFunction>> = {
  int: (value, args) => toInt(value, arg(args, 0, 'default', 0), expectNumber(arg(args, 1, 'base', 10), "int's base")),
  float: (value, args) => toFloat(value, arg(args, 0, 'default', 0)),
  string: (value) => pythonStr(value),
  bool: (value) => ansibleBool(value),
  // Jinja's lower/upper take str() of any value: `{{ enabled | lower }}` writes 'false'.
  lower: (value) => pythonStr(value).toLowerCase(),
  upper: (value) => pythonStr(value).toUpperCase(),
  trim: (value, args) => stripChars(str(value, 'trim'), arg(args, 0, 'chars', undefined), 'both'),
  capitalize: (value) => { const s = str(value, 'capitalize'); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); },
  replace: (value, args) => {
    const text = str(value, 'replace');
    const old = toText(arg(args, 0, 'old', ''));
    const replacement = toText(arg(args, 1, 'new', ''));
    const count = arg(args, 2, 'count', undefined);
    if (count === undefined || count === null) return text.split(old).join(replacement);
    const pieces = text.split(old);
    const limit = expectNumber(count, "replace's count");
    return pieces.slice(0, limit + 1).join(replacement) + (pieces.length > limit + 1 ? old + pieces.slice(limit + 1).join(old) : '');
  },
  regex_replace: (value, args) => {
    const regex = compileRegex(str(arg(args, 0, 'pattern', ''), 'regex_replace pattern'), {
      ignorecase: isTruthy(arg(args, 2, 'ignorecase', false)), multiline: isTruthy(arg(args, 3, 'multiline', false)),
    });
    return replaceAll(regex, toText(value), toText(arg(args, 1, 'replacement', '')));
  },
  regex_search: (value, args) => {
    const regex = compileRegex(str(args.positional[0], 'regex_search pattern'), {
      ignorecase: isTruthy(args.keywords['ignorecase']), multiline: isTruthy(args.keywords['multiline']),
    });
    const match = regex.first(str(value, 'regex_search'));
    if (!match) return null;
    const groups = args.positional.slice(1);
    if (groups.length === 0) return match.groups[0];
    // Ansible: extra arguments '\\1' or '\\g<name>' return the list of those groups.
    return groups.map((group) => {
      const spec = str(group, 'regex_search group');
      const numbered = /^\\(\d+)$/.exec(spec);
      const named = /^\\g<(\w+)>$/.exec(spec);
      if (numbered) return match.groups[Number(numbered[1])] ?? null;
      if (named) return match.named[named[1]!] ?? null;
      throw new ExpressionFailure(`regex_search: a group argument must look like '\\\\1' or '\\\\g<name>'`);
    });
  },
  regex_findall: (value, args) => {
    const regex = compileRegex(str(arg(args, 0, 'pattern', ''), 'regex_findall pattern'), { ignorecase: isTruthy(args.keywords['ignorecase']), multiline: isTruthy(args.keywords['multiline']) });
    return regex.all(str(value, 'regex_findall')).map(({ groups: m }) => (m.length === 2 ? m[1] : m.length > 2 ? m.slice(1) : m[0]));
  },
  regex_escape: (value) => str(value, 'regex_escape').replace(/[.*+?^${}()|[\]\\\/-]/g, '\\$&'),
  split: (value, args) => pythonSplit(str(value, 'split'), arg(args, 0, 'sep', undefined), expectNumber(arg(args, 1, 'maxsplit', -1), 'maxsplit')),
  b64encode: (value) => Buffer.from(str(value, 'b64encode'), 'utf8').toString('base64'),
  b64decode: (value) => Buffer.from(str(value, 'b64decode'), 'base64').toString('utf8'),
  basename: (value) => basename(str(value, 'basename')),
  dirname: (value) => dirname(str(value, 'dirname')),
  quote: (value) => pythonShlexQuote(toText(value)),
  // Ansible: json.dumps(a, **kw) and json.dumps(a, indent=4, sort_keys=True, separators=(',', ': ')).
  to_json: (value, args) => {
    onlyKeywords(args, JSON_KEYWORDS, "the 'to_json' filter");
    const indent = args.keywords['indent'];
    return jsonDumps(value, jsonOptions(args, indent === undefined || indent === null ? undefined : expectNumber(indent, 'indent'), false));
  },
  to_nice_json: (value, args) => {
    onlyKeywords(args, JSON_KEYWORDS, "the 'to_nice_json' filter");
    return jsonDumps(value, jsonOptions(args, expectNumber(arg(args, 0, 'indent', 4), 'indent'), arg(args, 1, 'sort_keys', true)));
  },
  from_json: (value) => {
    const text = str(value, 'from_json');
    try { return JSON.parse(text); } catch (error) { throw jsonFailure('from_json', error, text); }
  },
  abs: (value) => Math.abs(expectNumber(value, "the 'abs' filter")),
  round: (value, args) => {
    const digits = expectNumber(arg(args, 0, 'precision', 0), 'precision');
    const method = arg(args, 1, 'method', 'common');
    const factor = 10 ** digits;
    const n = expectNumber(value, "the 'round' filter") * factor;
    const rounded = method === 'floor' ? Math.floor(n) : method === 'ceil' ? Math.ceil(n) : Math.sign(n) * Math.round(Math.abs(n));
    return rounded / factor;
  },
  type_debug: (value) => typeName(value),
  ternary: (value, args) => {
    const none = arg(args, 2, 'none_val', undefined);
    if (value === null && none !== undefined) return none;
    return isTruthy(value) ? arg(args, 0, 'true_val', null) : arg(args, 1, 'false_val', null);
  },
};

/** Python's shlex.quote, which Ansible's quote filter is: `'it'"'"'s'`, words of safe characters as they are. */
export function pythonShlexQuote(text: string): string {
  if (text === '') return "''";
  if (!/[^\w@%+=:,./-]/.test(text)) return text;
  return `'${text.replace(/'/g, `'"'"'`)}'`;
}
