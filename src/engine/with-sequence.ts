// `with_sequence`: numbers as strings, like ansible-core 2.14's sequence lookup: the shortcut form
// `[start-]end[/stride][:format]` or key=value words (start, end, count, stride, format), numbers in
// decimal, 0x hex or 0 octal, and a printf-style format with exactly one conversion.

interface Sequence {
  start: number;
  end?: number;
  count?: number;
  stride: number;
  format: string;
}

const NUM = '(0?x?[0-9a-f]+)';
const SHORTCUT = new RegExp(`^(${NUM}-)?${NUM}(/${NUM})?(:(.+))?$`, 'is');

/** Python's int(text, 0): decimal, 0x hex, 0o/0 octal, 0b binary. */
function pythonInt(text: string, name: string): number {
  const t = text.trim().toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const digits = t.replace(/^[-+]/, '');
  let value: number;
  if (/^0x[0-9a-f]+$/.test(digits)) value = parseInt(digits.slice(2), 16);
  else if (/^0o[0-7]+$/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (/^0b[01]+$/.test(digits)) value = parseInt(digits.slice(2), 2);
  else if (/^(0+|[1-9][0-9]*)$/.test(digits)) value = parseInt(digits, 10);
  else if (/^0[0-7]+$/.test(digits)) value = parseInt(digits.slice(1), 8);
  else throw new Error(`can't parse ${name}=${text} as integer`);
  return sign * value;
}

/** key=value words; quotes around a value are removed, as parse_kv does. */
function keyValueWords(term: string): Record<string, string> {
  const args: Record<string, string> = {};
  for (const word of term.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []) {
    const eq = word.indexOf('=');
    if (eq <= 0) throw new Error(`unknown error parsing with_sequence arguments: '${term}'`);
    args[word.slice(0, eq)] = word.slice(eq + 1).replace(/^(["'])(.*)\1$/s, '$2');
  }
  return args;
}

function parseTerm(term: string): Sequence {
  const sequence: Sequence = { start: 1, stride: 1, format: '%d' };
  const match = SHORTCUT.exec(term);
  if (match) {
    const [, , start, end, , stride, , format] = match;
    if (start !== undefined) sequence.start = pythonInt(start, 'start');
    if (end !== undefined) sequence.end = pythonInt(end, 'end');
    if (stride !== undefined) sequence.stride = pythonInt(stride, 'stride');
    if (format !== undefined) sequence.format = format;
    return sequence;
  }
  const args = keyValueWords(term);
  for (const name of ['start', 'end', 'count', 'stride'] as const) {
    if (args[name] === undefined) continue;
    sequence[name] = pythonInt(args[name], name);
    delete args[name];
  }
  if (args.format !== undefined) {
    sequence.format = args.format;
    delete args.format;
  }
  const unknown = Object.keys(args);
  if (unknown.length > 0) throw new Error(`unrecognized arguments to with_sequence: [${unknown.map((k) => `'${k}'`).join(', ')}]`);
  return sequence;
}

/** Python's `format % number` for the one conversion the format holds. */
function printf(format: string, value: number): string {
  return format.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([diouxXeEfFgGcrs%])/, (_all, flags: string, width: string, precision: string | undefined, conversion: string) => {
    let body: string;
    const negative = value < 0;
    const magnitude = Math.abs(value);
    switch (conversion) {
      case 'x': body = magnitude.toString(16); break;
      case 'X': body = magnitude.toString(16).toUpperCase(); break;
      case 'o': body = magnitude.toString(8); break;
      case 'e': case 'E': body = magnitude.toExponential(precision === undefined ? 6 : Number(precision)).replace(/e([+-])(\d)$/, 'e$10$2'); if (conversion === 'E') body = body.toUpperCase(); break;
      case 'f': case 'F': body = magnitude.toFixed(precision === undefined ? 6 : Number(precision)); break;
      case 'c': body = String.fromCodePoint(value); break;
      case '%': return '%';
      default: body = String(magnitude);
    }
    if (flags.includes('#') && (conversion === 'x' || conversion === 'X')) body = `0${conversion}${body}`;
    if (flags.includes('#') && conversion === 'o') body = `0o${body}`;
    const sign = negative && conversion !== 'c' ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    const size = width === '' ? 0 : Number(width);
    if (flags.includes('-')) return (sign + body).padEnd(size);
    if (flags.includes('0')) return sign + body.padStart(size - sign.length, '0');
    return (sign + body).padStart(size);
  });
}

function generate(term: unknown): string[] {
  if (typeof term !== 'string') throw new Error(`unknown error parsing with_sequence arguments: ${JSON.stringify(term)}`);
  const s = parseTerm(term);
  if (s.count === undefined && s.end === undefined) throw new Error('must specify count or end in with_sequence');
  if (s.count !== undefined && s.end !== undefined) throw new Error("can't specify both count and end in with_sequence");
  let end = s.end ?? 0;
  if (s.count !== undefined) {
    if (s.count !== 0) end = s.start + s.count * s.stride - 1;
    else s.start = end = s.stride = 0;
  }
  if (s.stride > 0 && end < s.start) throw new Error('to count backwards make stride negative');
  if (s.stride < 0 && end > s.start) throw new Error("to count forward don't make stride negative");
  if (s.format.split('%').length - 1 !== 1) throw new Error(`bad formatting string: ${s.format}`);
  if (s.stride === 0) return [];
  // range(start, end + adjust, stride): end is included.
  const numbers: string[] = [];
  const limit = end + (s.stride > 0 ? 1 : -1);
  for (let i = s.start; s.stride > 0 ? i < limit : i > limit; i += s.stride) numbers.push(printf(s.format, i));
  return numbers;
}

export function sequence(terms: unknown[]): unknown[] {
  return terms.flatMap(generate);
}
