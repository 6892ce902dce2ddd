// Filters real roles use beyond the basics: indent (Jinja 3's), product (itertools.product),
// format (printf-style), urlsplit (urllib's urlsplit, as Ansible's filter returns it).
import { arg, type FilterFunction } from './call-args.js';
import { checkSize } from './budget.js';
import { percentFormat } from './percent-format.js';
import { ExpressionFailure, expectString, isTruthy, iterate } from './python-values.js';
import { splitUrl } from './url-split.js';

/** Jinja 3's indent: lines after the first (and the first with first=true); blank lines only with blank=true. */
const indentFilter: FilterFunction = (value, args) => {
  const width = arg(args, 0, 'width', 4);
  const indention = typeof width === 'string' ? width : ' '.repeat(Number(width));
  const first = isTruthy(arg(args, 1, 'first', false));
  const blank = isTruthy(arg(args, 2, 'blank', false));
  // Python's splitlines on text with a newline added: a trailing newline is kept, no extra line.
  const lines = `${expectString(value, "the 'indent' filter")}\n`.split(/\r\n|\r|\n/).slice(0, -1);
  let text = blank ? lines.join(`\n${indention}`) : [lines[0] ?? '', ...lines.slice(1).map((line) => (line ? indention + line : line))].join('\n');
  if (first) text = indention + text;
  return text;
};

const productFilter: FilterFunction = (value, args) => {
  const lists = [iterate(value, 'product'), ...args.positional.map((other) => iterate(other, 'product'))];
  checkSize('list', lists.reduce((n, l) => n * l.length, 1), "the 'product' filter");
  return lists.reduce<unknown[][]>((combos, list) => combos.flatMap((combo) => list.map((item) => [...combo, item])), [[]]);
};

export const MORE_FILTERS: Readonly<Record<string, FilterFunction>> = {
  indent: indentFilter,
  product: productFilter,
  format: (value, args) => {
    const format = expectString(value, "the 'format' filter");
    return Object.keys(args.keywords).length > 0 ? percentFormat(format, [], args.keywords) : percentFormat(format, args.positional);
  },
  urlsplit: (value, args) => {
    const parts = splitUrl(expectString(value, "the 'urlsplit' filter"));
    const query = arg(args, 0, 'query', '');
    if (query === '' || query === undefined || query === null) return parts;
    if (typeof query !== 'string' || !Object.hasOwn(parts, query)) throw new ExpressionFailure(`urlsplit: unknown URL component: ${String(query)}`);
    return parts[query];
  },
};
