// Parses Jinja-like expressions with jsep, configured once for Jinja's operators and literals.
// jsep's configuration is global to the process; only this file touches it.
//
// What jsep does not do natively, and how we get it:
// - `not` binds looser than comparisons in Jinja (`not a == b` is `not (a == b)`), but jsep
//   parses unary operators tightly. We let jsep parse it tightly and rotate afterwards
//   (rotateNot); parentheses are kept as Group nodes so `(not a) == b` is left alone.
// - `is not`: `x is not defined` parses as `x is (not defined)`; the evaluator reads a negated test.
// - Python string literals (unknown escapes such as `\d` keep their backslash), dict literals
//   `{'a': 1}` and keyword arguments `map(attribute='name')` (`=` is a low-precedence binary
//   operator that the evaluator accepts only as a filter/test/method argument).
// - `a if cond else b`: `if` and `else` are binary operators below `or`; `else` is
//   right-associative so `a if x else b if y else c` nests like Python.
// - slices `x[1:]`: rewritten to a `$slice(...)` subscript before parsing (slices.ts).
// - chained comparisons `1 < x < 3`: parsed left-nested; the evaluator reads a comparison whose
//   left side is an unparenthesised comparison as a chain (parentheses stay Group nodes).
import jsep from 'jsep';
import { ExpressionFailure } from './python-values.js';
import { assertAllowedName } from './safe-access.js';
import { endOfString, matchingClose, rewriteSlices } from './slices.js';

export type Node = jsep.Expression;

/** Our own node kinds, next to jsep's. */
export interface GroupNode extends jsep.Expression { type: 'Group'; expression: Node }
export interface DictNode extends jsep.Expression { type: 'Dict'; keys: Node[]; values: Node[] }

/** Precedences (higher binds tighter). Filters and tests bind tighter than arithmetic, as in Jinja. */
const BINARY_OPERATORS: ReadonlyArray<[string, number, boolean?]> = [
  ['=', 0.5],
  ['else', 0.6, true],
  ['if', 0.7],
  ['or', 1],
  ['and', 2],
  ['==', 6], ['!=', 6], ['<', 6], ['<=', 6], ['>', 6], ['>=', 6], ['in', 6], ['not in', 6],
  ['+', 9], ['-', 9],
  ['~', 9.5],
  ['*', 10], ['/', 10], ['//', 10], ['%', 10],
  ['**', 11, true],
  ['|', 13], ['is', 13],
];
const PRECEDENCE: ReadonlyMap<string, number> = new Map(BINARY_OPERATORS.map(([op, precedence]) => [op, precedence]));
/** `not` sits between `and` and the comparisons. */
const NOT_PRECEDENCE = 3;

let configured = false;

function configureJsep(): void {
  if (configured) return;
  configured = true;
  jsep.removeAllBinaryOps();
  jsep.removeAllUnaryOps();
  for (const [op, precedence, rightToLeft] of BINARY_OPERATORS) jsep.addBinaryOp(op, precedence, rightToLeft ?? false);
  for (const op of ['-', '+', 'not']) jsep.addUnaryOp(op);
  for (const [name, value] of [['True', true], ['False', false], ['none', null], ['None', null]] as const) jsep.addLiteral(name, value);
  jsep.hooks.add('gobble-token', gobblePythonString);
  jsep.hooks.add('gobble-token', gobbleDict);
  jsep.hooks.add('gobble-token', gobbleGroup);
}

const SINGLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

function gobblePythonString(this: jsep.HookScope, env: { node?: Node }): void {
  const quote = this.char;
  if (quote !== '"' && quote !== "'") return;
  const text = this.expr;
  const start = this.index;
  let out = '';
  let i = start + 1;
  for (;;) {
    if (i >= text.length) this.throwError(`Unclosed quote after "${out}"`);
    const ch = text[i]!;
    if (ch === quote) break;
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      // Python keeps unknown escapes as written, which is what regex patterns rely on.
      out += SINGLE_ESCAPES[next] ?? `\\${next}`;
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  this.index = i + 1;
  env.node = this.gobbleTokenProperty({ type: 'Literal', value: out, raw: text.slice(start, i + 1) });
}

/** The current character, read fresh (TypeScript would otherwise narrow `this.char` across index moves). */
const peek = (scope: jsep.HookScope): string => scope.char;

function gobbleDict(this: jsep.HookScope, env: { node?: Node }): void {
  if (this.char !== '{') return;
  this.index++;
  const keys: Node[] = [];
  const values: Node[] = [];
  for (;;) {
    this.gobbleSpaces();
    if (peek(this) === '}') break;
    const key = this.gobbleExpression();
    if (!key) this.throwError('expected a key in the dict literal');
    this.gobbleSpaces();
    if (peek(this) !== ':') this.throwError("expected ':' after a dict key");
    this.index++;
    const value = this.gobbleExpression();
    if (!value) this.throwError('expected a value in the dict literal');
    keys.push(key);
    values.push(value);
    this.gobbleSpaces();
    if (peek(this) === ',') { this.index++; continue; }
    if (peek(this) !== '}') this.throwError("expected ',' or '}' in the dict literal");
  }
  this.index++;
  const dict: DictNode = { type: 'Dict', keys, values };
  env.node = this.gobbleTokenProperty(dict);
}

function gobbleGroup(this: jsep.HookScope, env: { node?: Node }): void {
  if (this.char !== '(') return;
  const inner = this.gobbleGroup();
  if (!inner) this.throwError('empty parentheses');
  const group: GroupNode = { type: 'Group', expression: inner };
  env.node = this.gobbleTokenProperty(group);
}

function isTightNot(node: Node): node is jsep.UnaryExpression {
  return node.type === 'UnaryExpression' && node.operator === 'not';
}

/** Give `not` Jinja's precedence: `not a == b` → `not (a == b)`, `not x | bool` → `not (x | bool)`. */
function rotateNot(node: Node): Node {
  switch (node.type) {
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression;
      const left = rotateNot(binary.left);
      const right = rotateNot(binary.right);
      if (isTightNot(left) && (PRECEDENCE.get(binary.operator) ?? 0) > NOT_PRECEDENCE) {
        return { type: 'UnaryExpression', operator: 'not', prefix: true, argument: rotateNot({ ...binary, left: left.argument, right }) };
      }
      return { ...binary, left, right };
    }
    case 'UnaryExpression': return { ...node, argument: rotateNot((node as jsep.UnaryExpression).argument) };
    case 'Group': return { ...node, expression: rotateNot((node as GroupNode).expression) };
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      return { ...member, object: rotateNot(member.object), property: member.computed ? rotateNot(member.property) : member.property };
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      return { ...call, callee: rotateNot(call.callee), arguments: call.arguments.map(rotateNot) };
    }
    case 'ArrayExpression':
      return { ...node, elements: (node as jsep.ArrayExpression).elements.map((e) => (e ? rotateNot(e) : e)) };
    case 'Dict': {
      const dict = node as DictNode;
      return { ...dict, keys: dict.keys.map(rotateNot), values: dict.values.map(rotateNot) };
    }
    default: return node;
  }
}

/**
 * Refuse prototype names written in the expression itself (identifiers, `.name` attributes,
 * filter/test names) before anything is evaluated; computed keys (`d['x']`) are checked when read.
 */
function rejectForbiddenNames(node: Node): void {
  switch (node.type) {
    case 'Identifier': assertAllowedName((node as jsep.Identifier).name); return;
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      rejectForbiddenNames(member.object);
      rejectForbiddenNames(member.property);
      return;
    }
    default:
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach((item) => item && typeof item === 'object' && 'type' in item && rejectForbiddenNames(item as Node));
        else if (value && typeof value === 'object' && 'type' in value) rejectForbiddenNames(value as Node);
      }
  }
}

/**
 * Two Jinja spellings jsep cannot read, rewritten outside string literals before parsing:
 * `not   in` with any spacing becomes `not in`, and numeric attributes `item.0` / `x.1.2` become
 * subscripts `item[0]` (a number such as `1.5` is left alone: the word before the dot is a number).
 */
function normalizeJinjaSpelling(text: string): string {
  if (!/not\s\s+in|\.\d|not[\t\n\r]/.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== ch) j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const notIn = /^not\s+in(?![\w$])/.exec(text.slice(i, i + 64));
    if (notIn && !/[\w$]$/.test(out)) {
      out += 'not in';
      i += notIn[0].length;
      continue;
    }
    const numericAttribute = ch === '.' ? /^\.(\d+)(?![\w.]*\()/.exec(text.slice(i)) : null;
    if (numericAttribute && (/[\])]$/.test(out) || /(^|[^\w$])[A-Za-z_$][\w$]*$/.test(out))) {
      out += `[${numericAttribute[1]}]`;
      i += numericAttribute[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** Words that end a test's name rather than start its argument (Jinja's parse_test). */
const NOT_AN_ARGUMENT = new Set(['and', 'or', 'else', 'if', 'is', 'not']);

/** Where a string literal starting at `i` ends (just after its closing quote). */
const skipString = (text: string, i: number): number => endOfString(text, i) + 1;

/** Where a bracketed group starting at `i` ends (just after its closer); -1 when unbalanced. */
function skipGroup(text: string, i: number): number {
  const close = matchingClose(text, i);
  return close < 0 ? -1 : close + 1;
}

/** The end of Jinja's parse_primary + parse_postfix starting at `i` (a test's one bare argument), or -1. */
function primaryEnd(text: string, i: number): number {
  const ch = text[i]!;
  let end: number;
  if (ch === '"' || ch === "'") end = skipString(text, i);
  else if (ch === '[' || ch === '{') end = skipGroup(text, i);
  else {
    const word = /^(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_]\w*)/.exec(text.slice(i));
    if (!word || NOT_AN_ARGUMENT.has(word[0]) || word[0] === 'in') return -1;
    end = i + word[0].length;
  }
  while (end > 0 && end < text.length) {
    const next = text[end];
    if (next === '[' || next === '(') end = skipGroup(text, end);
    else if (next === '.' && /^\.\w/.test(text.slice(end, end + 2))) end += /^\.\w+/.exec(text.slice(end))![0].length;
    else break;
  }
  return end;
}

/**
 * Jinja's test with one bare argument, `x is divisibleby 3`, `x is in [1, 2]`, `x is not sameas none`:
 * jsep reads only the call form, so the argument (a primary with its subscripts) is put in parentheses.
 */
function parenthesizeTestArguments(text: string): string {
  if (!/\bis\s+(?:not\s+)?[A-Za-z_][\w.]*\s+[\w'"[{]/.test(text)) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'") {
      const end = skipString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const test = /[\w$]$/.test(out) ? null : /^is\s+(?:not\s+)?([A-Za-z_][\w.]*)\s+/.exec(text.slice(i, i + 200));
    if (test && !NOT_AN_ARGUMENT.has(test[1]!)) {
      const start = i + test[0].length;
      const end = primaryEnd(text, start);
      if (end > start) {
        out += `${test[0].trimEnd()}(${text.slice(start, end)})`;
        i = end;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

const astCache = new Map<string, Node>();
const AST_CACHE_LIMIT = 20_000;

/** Parse once per distinct text; throws ExpressionFailure with jsep's message on a syntax error. */
export function parseExpression(text: string): Node {
  const cached = astCache.get(text);
  if (cached) return cached;
  configureJsep();
  let ast: Node;
  try {
    ast = rotateNot(jsep(rewriteSlices(parenthesizeTestArguments(normalizeJinjaSpelling(text)))));
  } catch (error) {
    if (error instanceof ExpressionFailure) throw error;
    throw new ExpressionFailure(`syntax error: ${(error as Error).message}`);
  }
  rejectForbiddenNames(ast);
  if (astCache.size >= AST_CACHE_LIMIT) astCache.clear();
  astCache.set(text, ast);
  return ast;
}
