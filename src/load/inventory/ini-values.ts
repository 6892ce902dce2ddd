// Ansible types INI values with Python's ast.literal_eval: 22 is a number, True a boolean,
// "a b" a string without its quotes, [1, 2] a list; anything else stays the text as written.
import { parsePythonLiteral } from '../../template/python-literal.js';

function unquote(text: string): string | undefined {
  const quote = text[0];
  if ((quote !== '"' && quote !== "'") || text.length < 2 || !text.endsWith(quote)) return undefined;
  const body = text.slice(1, -1);
  if (body.includes(quote) && !body.includes('\\')) return undefined;
  return body.replace(/\\(.)/g, (_, ch: string) => ({ n: '\n', t: '\t', r: '\r', '0': '\0' })[ch] ?? ch);
}

export function parseIniValue(text: string): unknown {
  const value = text.trim();
  if (value === 'True') return true;
  if (value === 'False') return false;
  if (value === 'None') return null;
  // Python 3 rejects leading zeros in integers (010), so they stay strings; floats allow them.
  if (/^[-+]?(?:0|[1-9][0-9_]*)$/.test(value)) return Number(value.replace(/_/g, ''));
  if (/^[-+]?0[xX][0-9a-fA-F_]+$/.test(value)) return Number.parseInt(value.replace(/_/g, ''), 16);
  if (/^[-+]?0[oO][0-7_]+$/.test(value)) return Number.parseInt(value.replace(/_/g, '').replace(/0[oO]/, ''), 8);
  if (/^[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?$/.test(value) && /[.eE]/.test(value)) return Number(value);
  const quoted = unquote(value);
  if (quoted !== undefined) return quoted;
  // Lists, tuples and dicts as Python reads them; `{{ port }}` is no literal (YAML read it as a map).
  if (/^[[{(]/.test(value)) return parsePythonLiteral(value)?.value ?? text;
  return text;
}
