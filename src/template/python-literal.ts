// Python's ast.literal_eval over text, as Ansible 2.14 applies it to every template result that
// looks like a list, a dict or a boolean (template/native_helpers.py ansible_eval_concat, with its
// Json2Python step: the names true, false and null are accepted too). Only data is read: strings,
// numbers, True/False/None, lists, tuples (as lists) and dicts; anything else (a name, a call, a
// set, an operator) means "not a literal" and the text stays text, as Ansible's ValueError does.
// Nothing read here is ever templated or evaluated: the result is plain data.

const NAMES: Readonly<Record<string, unknown>> = { True: true, False: false, None: null, true: true, false: false, null: null };

/** Raised inside the parser only: the text is not a Python literal. */
class NotLiteral extends Error {}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

const STRING_STOPS = `'"\\\n`;
const NUMBER = /0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?/y;

/** Nesting deeper than this is refused (Python itself stops at ~100 levels of brackets). */
const MAX_DEPTH = 200;

class LiteralReader {
  private at = 0;
  constructor(private readonly text: string) {}

  read(): unknown {
    const value = this.value(0);
    this.space();
    if (this.at !== this.text.length) throw new NotLiteral();
    return value;
  }

  private space(): void {
    while (this.at < this.text.length && ' \t\n\r\f\v'.includes(this.text[this.at]!)) this.at++;
  }

  private peek(): string {
    this.space();
    return this.text[this.at] ?? '';
  }

  private expect(char: string): void {
    if (this.peek() !== char) throw new NotLiteral();
    this.at++;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new NotLiteral();
    const char = this.peek();
    if (char === '[') return this.sequence(']', depth);
    if (char === '(') return this.sequence(')', depth);
    if (char === '{') return this.dict(depth);
    if (char === "'" || char === '"' || /[rRuU]/.test(char) && /['"]/.test(this.text[this.at + 1] ?? '')) return this.strings();
    if (char === '-' || char === '+') {
      this.at++;
      const operand = this.value(depth + 1);
      if (typeof operand !== 'number') throw new NotLiteral();
      return char === '-' ? -operand : operand;
    }
    if (/[0-9.]/.test(char)) return this.number();
    const name = /^[A-Za-z_]\w*/.exec(this.text.slice(this.at, this.at + 8));
    if (name && Object.hasOwn(NAMES, name[0])) {
      this.at += name[0].length;
      return NAMES[name[0]];
    }
    throw new NotLiteral();
  }

  /** A list or a tuple (Python's `(1,)`; `(x)` is just x). */
  private sequence(close: string, depth: number): unknown {
    this.at++;
    const items: unknown[] = [];
    let comma = false;
    while (this.peek() !== close) {
      items.push(this.value(depth + 1));
      comma = this.peek() === ',';
      if (!comma) break;
      this.at++;
    }
    this.expect(close);
    if (close === ')' && items.length === 1 && !comma) return items[0];
    return items;
  }

  private dict(depth: number): Record<string, unknown> {
    this.at++;
    const out: Record<string, unknown> = {};
    while (this.peek() !== '}') {
      const key = this.value(depth + 1);
      // A dict key must be hashable: lists and dicts are not; `{1, 2}` (a set) is no literal here.
      if (key !== null && typeof key === 'object') throw new NotLiteral();
      this.expect(':');
      const item = this.value(depth + 1);
      Object.defineProperty(out, pythonKey(key), { value: item, enumerable: true, writable: true, configurable: true });
      if (this.peek() !== ',') break;
      this.at++;
    }
    this.expect('}');
    return out;
  }

  /** One or more adjacent string literals, joined as Python joins them. */
  private strings(): string {
    let out = '';
    while (/['"rRuU]/.test(this.peek())) {
      let raw = false;
      if (/[rRuU]/.test(this.text[this.at]!)) {
        if (!/['"]/.test(this.text[this.at + 1] ?? '')) break;
        raw = /[rR]/.test(this.text[this.at]!);
        this.at++;
      }
      out += this.string(raw);
    }
    return out;
  }

  private string(raw: boolean): string {
    const quote = this.text[this.at]!;
    const triple = this.text.startsWith(quote.repeat(3), this.at);
    const end = triple ? quote.repeat(3) : quote;
    this.at += end.length;
    let out = '';
    for (;;) {
      if (this.at >= this.text.length) throw new NotLiteral();
      if (this.text.startsWith(end, this.at)) {
        this.at += end.length;
        return out;
      }
      const char = this.text[this.at]!;
      if (char === '\n' && !triple) throw new NotLiteral();
      if (char !== '\\') {
        // Copy the run of plain characters up to the next quote, backslash or newline at once.
        let stop = this.at + 1;
        while (stop < this.text.length && !STRING_STOPS.includes(this.text[stop]!)) stop++;
        out += this.text.slice(this.at, stop);
        this.at = stop;
        continue;
      }
      const next = this.text[this.at + 1] ?? '';
      if (raw) {
        out += char + next;
        this.at += 2;
        continue;
      }
      this.at += 2;
      if (Object.hasOwn(SIMPLE_ESCAPES, next)) out += SIMPLE_ESCAPES[next];
      else if (next === 'x' || next === 'u' || next === 'U') out += this.codePoint(next === 'x' ? 2 : next === 'u' ? 4 : 8);
      else if (/[0-7]/.test(next)) {
        const octal = /^[0-7]{1,3}/.exec(this.text.slice(this.at - 1, this.at + 2))![0];
        out += String.fromCodePoint(parseInt(octal, 8));
        this.at += octal.length - 1;
      } else out += `\\${next}`;
    }
  }

  private codePoint(digits: number): string {
    const hex = this.text.slice(this.at, this.at + digits);
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw new NotLiteral();
    const code = parseInt(hex, 16);
    if (code > 0x10ffff) throw new NotLiteral();
    this.at += digits;
    return String.fromCodePoint(code);
  }

  private number(): number {
    // Sticky: matched where the reader stands, without copying the rest of a large text.
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match || /[jJ\w]/.test(this.text[this.at + match[0].length] ?? '')) throw new NotLiteral();
    const written = match[0].replace(/_/g, '');
    this.at += match[0].length;
    // Python refuses `012` (a leading zero on a non-zero integer).
    if (/^0\d/.test(written) && !/[.eE]/.test(written) && /[1-9]/.test(written)) throw new NotLiteral();
    return Number(written);
  }
}

/** A dict key as a JavaScript property name: Python's str() of it (1 → '1', True → 'True'). */
function pythonKey(key: unknown): string {
  if (key === null) return 'None';
  if (key === true) return 'True';
  if (key === false) return 'False';
  return String(key);
}

/** The value `text` spells as a Python literal, or `undefined` when it is none. */
export function parsePythonLiteral(text: string): { value: unknown } | undefined {
  // JSON (a command's output, mostly) reads the same in Python once true/false/null are mapped,
  // except `\/`, which Python keeps as two characters; JSON.parse is much faster on large texts.
  if (!text.includes('\\/')) {
    try {
      return { value: JSON.parse(text) as unknown };
    } catch {
      // Not JSON: read it as Python.
    }
  }
  try {
    return { value: new LiteralReader(text).read() };
  } catch (error) {
    if (error instanceof NotLiteral) return undefined;
    throw error;
  }
}
