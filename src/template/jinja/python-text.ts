// The text Ansible writes for a value in a Jinja template: Python's str(), with Ansible's finalize
// (none becomes ''). `{{ true }}` is `True`, `{{ ['a', 1] }}` is `['a', 1]`, `{{ {'k': none} }}` is
// `{'k': None}`. minijinja writes `true`, `["a", 1]` and `none` instead, so every `{{ }}` output
// goes through pythonText (see finalize-outputs.ts). Dicts may arrive as Maps (from the engine) or
// as plain objects (from tsplay's filters).

/** Python's repr() of a str: single quotes unless the text holds ' and no ", escapes as Python. */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return String(value);
}

function entriesOf(value: object): [unknown, unknown][] {
  return value instanceof Map ? [...value.entries()] : Object.entries(value);
}

/** Python's repr(), as str() shows the items of a list or dict. */
export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return pythonNumber(value);
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') return `{${entriesOf(value).map(([k, v]) => `${pythonRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  return pythonStringRepr(String(value));
}

/** What `{{ value }}` writes in an Ansible template. */
export function pythonText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return pythonRepr(value);
}

/** Python's str(): what `~`, the string filter and join write (none is 'None' there, as in Jinja). */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  return pythonRepr(value);
}
