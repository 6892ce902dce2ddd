// Python slicing, `groups.masters[1:]`, `name[:-4]`, `items[::2]`: jsep has no slice syntax, so
// the parser rewrites a subscript holding a top-level `:` into `[$slice(start, stop, step)]`
// (rewriteSlices) and the evaluator applies it to a list or string (sliceOf).
import { ExpressionFailure, typeName } from './python-values.js';

export const SLICE_FUNCTION = '$slice';

/** Split at `separator` outside brackets, braces, parentheses and string literals. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      i = endOfString(text, i);
      continue;
    }
    if (ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === ']' || ch === ')' || ch === '}') depth--;
    else if (ch === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Index of the closing quote of the string literal opening at `open`. */
export function endOfString(text: string, open: number): number {
  const quote = text[open];
  let j = open + 1;
  while (j < text.length && text[j] !== quote) j += text[j] === '\\' ? 2 : 1;
  return j;
}

/** Index of the bracket closing the one at `open` (any of ([{, strings skipped), or -1. */
export function matchingClose(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      i = endOfString(text, i);
      continue;
    }
    if (ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === ']' || ch === ')' || ch === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Index of the `]` matching the `[` at `open`, or -1. */
function closingBracket(text: string, open: number): number {
  const close = matchingClose(text, open);
  return close >= 0 && text[close] === ']' ? close : -1;
}

function followsValue(out: string): boolean {
  const trimmed = out.trimEnd();
  if (/[\])'"]$/.test(trimmed)) return true;
  const word = /[A-Za-z_$][\w$]*$/.exec(trimmed);
  return word !== null && !['and', 'or', 'not', 'in', 'is', 'if', 'else'].includes(word[0]);
}

export function rewriteSlices(text: string): string {
  if (!text.includes(':') || !text.includes('[')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      const end = endOfString(text, i);
      out += text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (ch === '[' && followsValue(out)) {
      const close = closingBracket(text, i);
      const parts = close > 0 ? splitTopLevel(text.slice(i + 1, close), ':') : [];
      if (parts.length === 2 || parts.length === 3) {
        const args = [0, 1, 2].map((k) => (parts[k]?.trim() ? rewriteSlices(parts[k]!) : 'none'));
        out += `[${SLICE_FUNCTION}(${args.join(', ')})]`;
        i = close + 1;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

function bound(value: unknown, what: string): number | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  throw new ExpressionFailure(`slice ${what} must be an integer or none, not ${typeName(value)}`);
}

/** Python's `seq[start:stop:step]` on a list or string. */
export function sliceOf(value: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (!Array.isArray(value) && typeof value !== 'string') {
    throw new ExpressionFailure(`${typeName(value)} cannot be sliced (only lists and strings)`);
  }
  const length = value.length;
  const by = bound(step, 'step') ?? 1;
  if (by === 0) throw new ExpressionFailure('slice step cannot be zero');
  // Python's rules: negative bounds count from the end, then clamp; defaults depend on the step's sign.
  const clamp = (n: number | null, fallback: number, low: number, high: number) => {
    if (n === null) return fallback;
    const from = n < 0 ? n + length : n;
    return Math.min(Math.max(from, low), high);
  };
  const first = by > 0 ? clamp(bound(start, 'start'), 0, 0, length) : clamp(bound(start, 'start'), length - 1, -1, length - 1);
  const last = by > 0 ? clamp(bound(stop, 'stop'), length, 0, length) : clamp(bound(stop, 'stop'), -1, -1, length - 1);
  const picked: unknown[] = [];
  for (let i = first; by > 0 ? i < last : i > last; i += by) picked.push(value[i]);
  return typeof value === 'string' ? picked.join('') : picked;
}
