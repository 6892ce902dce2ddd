// Python's printf-style formatting: `'%s-%02d' | format(name, n)` and `'%s' % x`, which roles use
// to build names and padded numbers. Conversions s r d i f F e E g G x X o c and %%, with the flags
// - 0 + space, a width and a precision. Values print as Python's str() would (lists as [1, 'a']).
import { pythonRepr, pythonText } from './jinja/python-text.js';
import { ExpressionFailure, typeName } from './python-values.js';

const SPEC = /%(?:\(([^)]*)\))?([-0+ #]*)(\d+|\*)?(?:\.(\d+))?([srdifFeEgGxXoc%])/g;

function numberFor(value: unknown, conversion: string): number {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'number') throw new ExpressionFailure(`%${conversion} format: a real number is required, not ${typeName(value)}`);
  return value;
}

function convert(value: unknown, conversion: string, precision: number | undefined, flags: string): string {
  switch (conversion) {
    case 's': { const text = pythonText(value); return precision === undefined ? text : text.slice(0, precision); }
    case 'r': return pythonRepr(value);
    case 'd': case 'i': return String(Math.trunc(numberFor(value, conversion)));
    case 'f': case 'F': return numberFor(value, conversion).toFixed(precision ?? 6);
    case 'e': case 'E': {
      const text = numberFor(value, conversion).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return conversion === 'E' ? text.toUpperCase() : text;
    }
    case 'g': case 'G': {
      const text = String(Number(numberFor(value, conversion).toPrecision(precision || 6)));
      return conversion === 'G' ? text.toUpperCase() : text;
    }
    case 'x': case 'X': case 'o': {
      const n = Math.trunc(numberFor(value, conversion));
      const digits = Math.abs(n).toString(conversion === 'o' ? 8 : 16);
      const prefix = flags.includes('#') ? (conversion === 'o' ? '0o' : `0${conversion}`) : '';
      const text = (n < 0 ? '-' : '') + prefix + digits;
      return conversion === 'X' ? text.toUpperCase() : text;
    }
    case 'c': return typeof value === 'number' ? String.fromCodePoint(value) : pythonText(value);
    default: throw new ExpressionFailure(`unsupported format character '${conversion}'`);
  }
}

function pad(text: string, flags: string, width: number, numeric: boolean): string {
  let out = text;
  if (numeric && !out.startsWith('-')) {
    if (flags.includes('+')) out = `+${out}`;
    else if (flags.includes(' ')) out = ` ${out}`;
  }
  if (out.length >= width) return out;
  if (flags.includes('-')) return out.padEnd(width);
  if (numeric && flags.includes('0')) {
    const sign = /^[-+ ]/.test(out) ? out[0]! : '';
    return sign + out.slice(sign.length).padStart(width - sign.length, '0');
  }
  return out.padStart(width);
}

/** How many values a format string takes: `'%s:%s' % [a, b]` spreads the list (tsplay has no tuples). */
export function conversionCount(format: string): number {
  return [...format.matchAll(SPEC)].filter((match) => match[5] !== '%').length;
}

/** Python's `format % tuple(list)`; `named` feeds %(name)s. */
export function percentFormat(format: string, list: readonly unknown[], named?: Record<string, unknown>): string {
  const values = named;
  let next = 0;
  const text = format.replace(SPEC, (_whole, key: string | undefined, flags: string, width: string | undefined, precision: string | undefined, conversion: string) => {
    if (conversion === '%') return '%';
    let value: unknown;
    if (key !== undefined) {
      if (values === undefined || !Object.hasOwn(values, key)) throw new ExpressionFailure(`format: no value for '%(${key})s'`);
      value = values[key];
    } else {
      if (next >= list.length) throw new ExpressionFailure('not enough arguments for format string');
      value = list[next++];
    }
    const widthValue = width === '*' ? Number(list[next++]) : Number(width ?? 0);
    const numeric = !'src'.includes(conversion);
    return pad(convert(value, conversion, precision === undefined ? undefined : Number(precision), flags), flags, widthValue, numeric);
  });
  if (next < list.length) {
    throw new ExpressionFailure('not all arguments converted during string formatting');
  }
  return text;
}
