// Error messages for filters that hand a string to a parser (JSON, YAML, regular expressions).
// The parsers' own messages quote the input they choke on ("Unexpected token 'T', "TokenPrefi"... is
// not valid JSON"), and that input may be a vault value or derive from one: a slice or a
// concatenation that output masking, which replaces whole secrets, cannot recognise. So these
// messages never quote the input, whatever it is: they say which kind of input failed and where.
import { ExpressionFailure } from './python-values.js';

/** from_json's failure: the position V8 reports, never its excerpt. */
export function jsonFailure(filter: string, error: unknown, input: string): ExpressionFailure {
  const position = /at position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
  const where = position !== undefined ? ` at character ${Number(position) + 1}` : '';
  return new ExpressionFailure(`${filter}: the string (${input.length} characters) is not valid JSON${where}`);
}

/** from_yaml's failure: the `yaml` package's error code and line/column, never its message. */
export function yamlFailure(filter: string, error: unknown): ExpressionFailure {
  const { code, linePos } = error as { code?: unknown; linePos?: Array<{ line: number; col: number }> };
  if (error instanceof ReferenceError && /excessive alias/i.test(error.message)) return new ExpressionFailure(`${filter}: the string's YAML aliases expand too much`);
  if (error instanceof ReferenceError && /unresolved alias/i.test(error.message)) return new ExpressionFailure(`${filter}: the string is not valid YAML (an alias to no anchor)`);
  if (typeof code !== 'string') return new ExpressionFailure(`${filter}: the string is not valid YAML`);
  const at = linePos?.[0] ? ` at line ${linePos[0].line}, column ${linePos[0].col}` : '';
  return new ExpressionFailure(`${filter}: the string is not valid YAML (${code.toLowerCase().replaceAll('_', ' ')}${at})`);
}

/** An invalid pattern: JavaScript's reason ("Unterminated group"), without the pattern it quotes. */
export function regexFailure(error: unknown): ExpressionFailure {
  const message = error instanceof Error ? error.message : '';
  const reason = message.slice(message.lastIndexOf(': ') + 2);
  return new ExpressionFailure(`invalid regular expression: ${reason || 'syntax error'}`);
}
