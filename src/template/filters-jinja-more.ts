// More Jinja 3 and Ansible filters that public roles use: slice, groupby, truncate (Jinja's, with
// their defaults), comment, human_readable and human_to_bytes (ansible-core 2.14's), each checked
// against ansible-playbook 2.14's output (test/unit/template/filters-jinja-more.test.ts).
import { arg, onlyKeywords, type FilterFunction } from './call-args.js';
import { ExpressionFailure, expectList, expectNumber, expectString, isMapping, isTruthy, pyCompare, toText } from './python-values.js';
import { readOwn } from './safe-access.js';

/** Jinja's slice(n, fill_with): n lists, the first ones one longer; missing places filled when asked. */
function slice(items: readonly unknown[], slices: number, fill?: unknown): unknown[][] {
  if (!Number.isInteger(slices) || slices < 1) throw new ExpressionFailure('slice: the number of slices must be a positive integer');
  const perSlice = Math.floor(items.length / slices);
  const withExtra = items.length % slices;
  const out: unknown[][] = [];
  let offset = 0;
  for (let n = 0; n < slices; n++) {
    const start = offset + n * perSlice;
    if (n < withExtra) offset++;
    const part = items.slice(start, offset + (n + 1) * perSlice);
    if (fill !== undefined && n >= withExtra) part.push(fill);
    out.push(part);
  }
  return out;
}

/** Jinja's attribute lookup for groupby/sort: 'a.b' walks dicts, digits index lists. */
function attributeOf(item: unknown, path: string | number, fallback: unknown): unknown {
  let current: unknown = item;
  for (const part of typeof path === 'number' ? [path] : path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(String(part))) current = current[Number(part)];
    else if (isMapping(current)) current = readOwn(current, String(part));
    else current = undefined;
    if (current === undefined) return fallback;
  }
  return current;
}

/** Jinja's groupby: sorted by the attribute (strings case-folded unless case_sensitive), [grouper, items] pairs. */
function groupby(items: readonly unknown[], attribute: string | number, fallback: unknown, caseSensitive: boolean): unknown[] {
  const key = (item: unknown) => {
    const value = attributeOf(item, attribute, fallback);
    if (value === undefined) throw new ExpressionFailure(`groupby: an item has no attribute '${attribute}'`);
    return value;
  };
  const fold = (value: unknown) => (!caseSensitive && typeof value === 'string' ? value.toLowerCase() : value);
  const sorted = items.map((item) => ({ item, value: key(item) })).sort((a, b) => pyCompare(fold(a.value), fold(b.value)));
  const groups: Array<[unknown, unknown[]]> = [];
  for (const { item, value } of sorted) {
    const last = groups.at(-1);
    if (last && pyCompare(fold(last[0]), fold(value)) === 0) last[1].push(item);
    else groups.push([value, [item]]);
  }
  return groups;
}

/** Jinja's truncate(length=255, killwords=False, end='...', leeway=5). */
function truncate(text: string, length: number, killwords: boolean, end: string, leeway: number): string {
  if (length < end.length) throw new ExpressionFailure(`truncate: expected length >= ${end.length}, got ${length}`);
  if (leeway < 0) throw new ExpressionFailure(`truncate: expected leeway >= 0, got ${leeway}`);
  if ([...text].length <= length + leeway) return text;
  const head = [...text].slice(0, length - end.length).join('');
  if (killwords) return head + end;
  const space = head.lastIndexOf(' ');
  return (space >= 0 ? head.slice(0, space) : head) + end;
}

const COMMENT_STYLES: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

/** Ansible's comment filter, option for option (newline, beginning, prefix[_count], decoration, postfix[_count], end). */
function comment(text: string, style: string, options: Record<string, unknown>): string {
  const styleParams = COMMENT_STYLES[style];
  if (!styleParams) throw new ExpressionFailure(`comment: unknown style '${style}' (${Object.keys(COMMENT_STYLES).join(', ')})`);
  const around = String(options.decoration ?? styleParams.decoration).trimEnd();
  const p: Record<string, string> = { newline: '\n', beginning: '', prefix: around, prefix_count: '1', decoration: '', postfix: around, postfix_count: '1', end: '', ...styleParams };
  for (const [k, v] of Object.entries(options)) p[k] = toText(v);
  const nl = p.newline!;
  const beginning = p.beginning ? p.beginning + nl : '';
  const prefix = p.prefix ? (p.prefix !== nl ? p.prefix + nl : nl).repeat(Number(p.prefix_count)) : '';
  const decoration = p.decoration!;
  const body = (decoration + text.split(nl).join(nl + decoration)).split(decoration + nl).join(decoration.trimEnd() + nl);
  const postfix = ['', ...Array.from({ length: Number(p.postfix_count) }, () => p.postfix!)].join(nl);
  const end = p.end ? nl + p.end : '';
  return beginning + prefix + body + postfix + end;
}

const SIZE_RANGES: ReadonlyArray<[string, number]> = [['Y', 2 ** 80], ['Z', 2 ** 70], ['E', 2 ** 60], ['P', 2 ** 50], ['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10], ['B', 1]];

/** Python's '%.2f' (round half to even on the binary value, as printf does). */
const twoDecimals = (n: number) => n.toFixed(2);

/** ansible.module_utils.common.text.formatters.bytes_to_human. */
function bytesToHuman(size: number, isbits: boolean, unit: string | undefined): string {
  const base = isbits ? 'bits' : 'Bytes';
  let chosen = SIZE_RANGES[SIZE_RANGES.length - 1]!;
  for (const range of SIZE_RANGES) {
    if ((unit === undefined && size >= range[1]) || (unit !== undefined && unit.toUpperCase() === range[0])) {
      chosen = range;
      break;
    }
  }
  const [suffix, limit] = chosen;
  return `${twoDecimals(size / limit)} ${limit !== 1 ? suffix + base[0] : base}`;
}

/** Python's round(): halves go to the even neighbour. */
function roundHalfEven(n: number): number {
  const floor = Math.floor(n);
  const diff = n - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

/** ansible.module_utils.common.text.formatters.human_to_bytes. */
function humanToBytes(value: unknown, defaultUnit: string | undefined, isbits: boolean): number {
  const text = toText(value);
  const match = /^\s*(\d*\.?\d*)\s*([A-Za-z]+)?/.exec(text);
  const num = match && match[1] !== '' && match[1] !== '.' ? Number(match[1]) : Number.NaN;
  if (!match || Number.isNaN(num)) throw new ExpressionFailure(`human_to_bytes() can't interpret a valid unit for ${text}`);
  const unit = match[2] ?? defaultUnit;
  if (unit === undefined) return roundHalfEven(num);
  const rangeKey = unit[0]!.toUpperCase();
  const range = SIZE_RANGES.find(([k]) => k === rangeKey);
  if (!range) throw new ExpressionFailure(`human_to_bytes() failed to convert ${text} (unit = ${unit}). The suffix must be one of ${SIZE_RANGES.map(([k]) => k).join(', ')}`);
  const [unitClass, unitName] = isbits ? ['b', 'bit'] : ['B', 'byte'];
  if (unit.length > 1 && !unit.toLowerCase().includes(unitName) && unit[1] !== unitClass) {
    const expect = rangeKey === 'B' ? `expect ${unitClass} or ${unitName}` : `expect ${rangeKey}${unitClass} or ${rangeKey}`;
    throw new ExpressionFailure(`human_to_bytes() failed to convert ${text}. Value is not a valid string (${expect})`);
  }
  return roundHalfEven(num * range[1]);
}

export const JINJA_MORE_FILTERS: Readonly<Record<string, FilterFunction>> = {
  slice: (value, args) => {
    const items = typeof value === 'string' ? [...value] : expectList(value, "the 'slice' filter");
    return slice(items, expectNumber(arg(args, 0, 'slices', undefined), 'slice count'), arg(args, 1, 'fill_with', undefined));
  },
  groupby: (value, args) => {
    const attribute = arg(args, 0, 'attribute', undefined);
    if (typeof attribute !== 'string' && typeof attribute !== 'number') throw new ExpressionFailure('groupby: the attribute must be a name or an index');
    const groups = groupby(expectList(value, "the 'groupby' filter"), attribute, arg(args, 1, 'default', undefined), isTruthy(arg(args, 2, 'case_sensitive', false)));
    return groups;
  },
  truncate: (value, args) => truncate(
    toText(value),
    expectNumber(arg(args, 0, 'length', 255), 'truncate length'),
    isTruthy(arg(args, 1, 'killwords', false)),
    toText(arg(args, 2, 'end', '...')),
    expectNumber(arg(args, 3, 'leeway', 5) ?? 5, 'truncate leeway'),
  ),
  comment: (value, args) => {
    const { style: styleKeyword, ...options } = args.keywords;
    const style = args.positional[0] ?? styleKeyword ?? 'plain';
    return comment(toText(value), expectString(style, 'comment style'), options);
  },
  human_readable: (value, args) => {
    onlyKeywords(args, ['isbits', 'unit'], "the 'human_readable' filter");
    const size = typeof value === 'string' ? Number(value) : value;
    if (typeof size !== 'number' || Number.isNaN(size)) throw new ExpressionFailure(`human_readable() can't interpret following string: ${toText(value)}`);
    const unit = arg(args, 1, 'unit', null);
    return bytesToHuman(size, isTruthy(arg(args, 0, 'isbits', false)), unit === null ? undefined : toText(unit));
  },
  human_to_bytes: (value, args) => {
    onlyKeywords(args, ['default_unit', 'isbits'], "the 'human_to_bytes' filter");
    const unit = arg(args, 0, 'default_unit', null);
    return humanToBytes(value, unit === null ? undefined : toText(unit), isTruthy(arg(args, 1, 'isbits', false)));
  },
};
