// Walks a parsed expression over a scope. No eval, no calls except the tables of filters,
// tests, methods and global functions (globals.ts), own properties only (safe-access.ts).
//
// Undefined: a name or attribute that does not resolve fails the expression ('x' is undefined),
// except where Jinja lets the failure be the input: the left side of `is` (so `x is defined`,
// `x.y is defined`) and of the filters default/d/mandatory. There lookups are "lenient": a miss
// yields undefined, and a miss on a miss too (`x.y` with no `x`).
import { checkSize, spendSteps } from './budget.js';
import type jsep from 'jsep';
import { NO_ARGS, type CallArgs } from './call-args.js';
import { plainCallableName } from './collection-names.js';
import { FILTERS_TAKING_UNDEFINED, runFilter } from './filters.js';
import { callMethod } from './methods.js';
import { conversionCount, percentFormat } from './percent-format.js';
import type { DictNode, GroupNode, Node } from './parse-expression.js';
import { ExpressionFailure, expectNumber, isTruthy, pyCompare, pyContains, pyEquals, toText, typeName } from './python-values.js';
import { isVariableHolder, readVariable } from './lazy-vars.js';
import { assertAllowedName, readOwn } from './safe-access.js';
import { runTest } from './tests.js';
import { SLICE_FUNCTION, sliceOf } from './slices.js';
import { callGlobal } from './globals.js';
import { pythonStr } from './jinja/python-text.js';

/** Source-like text of a lookup, for messages: hostvars[groups.masters[0]].join_command. */
export function describeNode(node: Node): string {
  switch (node.type) {
    case 'Identifier': return (node as jsep.Identifier).name;
    case 'ThisExpression': return 'this';
    case 'Literal': return String((node as jsep.Literal).raw);
    case 'Group': return `(${describeNode((node as GroupNode).expression)})`;
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      const object = describeNode(member.object);
      if (member.computed && isSlice(member.property)) return `${object}[…:…]`;
      return member.computed ? `${object}[${describeNode(member.property)}]` : `${object}.${(member.property as jsep.Identifier).name}`;
    }
    default: return '…';
  }
}

// Names written in the expression were checked at parse time (rejectForbiddenNames).
function lookupName(name: string, scope: object, lenient: boolean): unknown {
  const value = Object.hasOwn(scope, name) ? (scope as Record<string, unknown>)[name] : undefined;
  if (typeof value === 'function' || value === undefined) {
    if (lenient) return undefined;
    throw new ExpressionFailure(`'${name}' is undefined`);
  }
  return readVariable(scope, name, value, scope);
}

function isSlice(node: Node): node is jsep.CallExpression {
  const call = node as jsep.CallExpression;
  return node.type === 'CallExpression' && call.callee.type === 'Identifier' && (call.callee as jsep.Identifier).name === SLICE_FUNCTION;
}

function lookupMember(node: jsep.MemberExpression, scope: object, lenient: boolean): unknown {
  const object = evaluateNode(node.object, scope, lenient);
  if (object === undefined) return undefined; // only reachable when lenient
  if (node.computed && isSlice(node.property)) {
    const [start, stop, step] = node.property.arguments.map((bound) => evaluateNode(bound, scope, false));
    return sliceOf(object, start, stop, step);
  }
  const key = node.computed ? evaluateNode(node.property, scope, false) : (node.property as jsep.Identifier).name;
  if (typeof key !== 'string' && typeof key !== 'number') throw new ExpressionFailure(`'${describeNode(node)}': a key must be a string or number, not ${typeName(key)}`);
  // Members of a value are data: an author-written dict was resolved whole when it was read. Only
  // a hostvars entry is a variable scope of its own, whose author-written values are lazy.
  const raw = readOwn(object, key);
  const value = isVariableHolder(object) ? readVariable(object, String(key), raw, scope) : raw;
  if (value !== undefined || lenient) return value;
  if (object === null) throw new ExpressionFailure(`'${describeNode(node)}' is undefined ('${describeNode(node.object)}' is none)`);
  throw new ExpressionFailure(`'${describeNode(node)}' is undefined`);
}

function evaluateArgs(nodes: readonly Node[], scope: object): CallArgs {
  if (nodes.length === 0) return NO_ARGS;
  const positional: unknown[] = [];
  const keywords: Record<string, unknown> = {};
  for (const node of nodes) {
    const binary = node as jsep.BinaryExpression;
    if (node.type === 'BinaryExpression' && binary.operator === '=') {
      if (binary.left.type !== 'Identifier') throw new ExpressionFailure("a keyword argument must look like name=value");
      const name = (binary.left as jsep.Identifier).name;
      assertAllowedName(name);
      keywords[name] = evaluateNode(binary.right, scope, false);
    } else {
      if (Object.keys(keywords).length > 0) throw new ExpressionFailure('a positional argument follows a keyword argument');
      positional.push(evaluateNode(node, scope, false));
    }
  }
  return { positional, keywords };
}

/** `ansible.builtin.name` (or another collection's name tsplay implements) as the plain name; undefined for any other dotted name. */
function namespacedName(n: Node): string | undefined {
  if (n.type !== 'MemberExpression' || (n as jsep.MemberExpression).computed) return undefined;
  const parts: string[] = [];
  let node: Node = n;
  while (node.type === 'MemberExpression' && !(node as jsep.MemberExpression).computed) {
    const property = (node as jsep.MemberExpression).property;
    if (property.type !== 'Identifier') return undefined;
    parts.unshift((property as jsep.Identifier).name);
    node = (node as jsep.MemberExpression).object;
  }
  if (node.type !== 'Identifier') return undefined;
  parts.unshift((node as jsep.Identifier).name);
  const name = parts.pop()!;
  return plainCallableName(parts.join('.'), name);
}

/** `name` or `name(args)` on the right of `|` or `is`. `none`/`true`/`false` parse as literals. */
function nameOf(n: Node): string | undefined {
  if (n.type === 'Identifier') return (n as jsep.Identifier).name;
  if (n.type === 'MemberExpression') return namespacedName(n);
  const raw = String((n as jsep.Literal).raw);
  return n.type === 'Literal' && /^[A-Za-z_]\w*$/.test(raw) ? raw : undefined;
}

function callTarget(node: Node, scope: object, what: string): { name: string; args: CallArgs } {
  const direct = nameOf(node);
  if (direct !== undefined) return { name: direct, args: NO_ARGS };
  if (node.type === 'CallExpression') {
    const call = node as jsep.CallExpression;
    const name = nameOf(call.callee);
    if (name !== undefined) return { name, args: evaluateArgs(call.arguments, scope) };
  }
  throw new ExpressionFailure(`expected a ${what} name after '${what === 'filter' ? '|' : 'is'}', got '${describeNode(node)}'`);
}

function applyTest(left: Node, right: Node, scope: object): boolean {
  let negate = false;
  let target = right;
  if (target.type === 'UnaryExpression' && (target as jsep.UnaryExpression).operator === 'not') {
    negate = true; // `x is not defined` parses as `x is (not defined)`
    target = (target as jsep.UnaryExpression).argument;
  }
  const { name, args } = callTarget(target, scope, 'test');
  const result = runTest(name, evaluateNode(left, scope, true), args);
  return negate ? !result : result;
}

/**
 * The name of the filter applied last in `node` (`x | to_json` → 'to_json'), or undefined when
 * the expression does not end in a filter. Ansible keeps the text of some filters as it is.
 */
export function finalFilterName(node: Node): string | undefined {
  if (node.type !== 'BinaryExpression' || (node as jsep.BinaryExpression).operator !== '|') return undefined;
  const right = (node as jsep.BinaryExpression).right;
  return nameOf(right.type === 'CallExpression' ? (right as jsep.CallExpression).callee : right);
}

function applyFilter(left: Node, right: Node, scope: object): unknown {
  const { name, args } = callTarget(right, scope, 'filter');
  const input = evaluateNode(left, scope, FILTERS_TAKING_UNDEFINED.has(name));
  return runFilter(name, input, args);
}

function arithmetic(op: string, a: unknown, b: unknown): unknown {
  if (op === '+') {
    if (typeof a === 'string' && typeof b === 'string') return checkSize('string', a.length + b.length, "'+'"), a + b;
    if (Array.isArray(a) && Array.isArray(b)) return checkSize('list', a.length + b.length, "'+'"), [...a, ...b];
  }
  // Python's printf-style `'%s-%s' % [a, b]` (a list stands for the tuple tsplay cannot write).
  if (op === '%' && typeof a === 'string') return percentFormat(a, Array.isArray(b) && conversionCount(a) > 1 ? b : [b]);
  if (op === '*' && typeof b === 'number' && Number.isInteger(b)) {
    const times = Math.max(0, b);
    if (typeof a === 'string') return checkSize('string', a.length * times, "'*'"), a.repeat(times);
    if (Array.isArray(a)) return checkSize('list', a.length * times, "'*'"), Array.from({ length: times }, () => a).flat();
  }
  if (typeof a !== 'number' || typeof b !== 'number') {
    throw new ExpressionFailure(`'${op}' is not supported between ${typeName(a)} and ${typeName(b)}`);
  }
  if ((op === '/' || op === '//' || op === '%') && b === 0) throw new ExpressionFailure('division by zero');
  switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': return a * b;
    case '/': return a / b;
    case '//': return Math.floor(a / b);
    case '%': return a - b * Math.floor(a / b); // Python: the sign follows the divisor
    case '**': return a ** b;
    default: throw new ExpressionFailure(`unknown operator '${op}'`);
  }
}

function evaluateBinary(node: jsep.BinaryExpression, scope: object): unknown {
  const { operator: op, left, right } = node;
  switch (op) {
    case 'and': { const l = evaluateNode(left, scope, false); return isTruthy(l) ? evaluateNode(right, scope, false) : l; }
    case 'or': { const l = evaluateNode(left, scope, false); return isTruthy(l) ? l : evaluateNode(right, scope, false); }
    case '|': return applyFilter(left, right, scope);
    case 'is': return applyTest(left, right, scope);
    case 'if': return isTruthy(evaluateNode(right, scope, false)) ? evaluateNode(left, scope, false) : undefined;
    case 'else': {
      const branch = left as jsep.BinaryExpression;
      if (left.type !== 'BinaryExpression' || branch.operator !== 'if') throw new ExpressionFailure("'else' without 'if'");
      return isTruthy(evaluateNode(branch.right, scope, false)) ? evaluateNode(branch.left, scope, false) : evaluateNode(right, scope, false);
    }
    case '=': throw new ExpressionFailure("'=' is only allowed for keyword arguments such as map(attribute='name'); use '==' to compare");
  }
  if (COMPARISONS.has(op)) {
    if (isComparison(left)) return evaluateChain(node, scope);
    return compare(op, evaluateNode(left, scope, false), evaluateNode(right, scope, false));
  }
  const a = evaluateNode(left, scope, false);
  const b = evaluateNode(right, scope, false);
  if (op === '~') {
    const [left, right] = [pythonStr(a), pythonStr(b)];
    checkSize('string', left.length + right.length, "'~'");
    return left + right;
  }
  return arithmetic(op, a, b);
}

const COMPARISONS: ReadonlySet<string> = new Set(['==', '!=', '<', '<=', '>', '>=', 'in', 'not in']);

/** An unparenthesised comparison: `(a < b) < c` keeps its Group node and is not a chain. */
function isComparison(node: Node): node is jsep.BinaryExpression {
  return node.type === 'BinaryExpression' && COMPARISONS.has((node as jsep.BinaryExpression).operator);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==': return pyEquals(a, b);
    case '!=': return !pyEquals(a, b);
    case '<': return pyCompare(a, b, op) < 0;
    case '<=': return pyCompare(a, b, op) <= 0;
    case '>': return pyCompare(a, b, op) > 0;
    case '>=': return pyCompare(a, b, op) >= 0;
    case 'in': return pyContains(b, a);
    default: return !pyContains(b, a); // 'not in'
  }
}

/** Python's `a < b < c`: `a < b and b < c`, each operand evaluated once, stopping at the first false. */
function evaluateChain(node: jsep.BinaryExpression, scope: object): boolean {
  const operands: Node[] = [node.right];
  const operators: string[] = [node.operator];
  let head: Node = node.left;
  while (isComparison(head)) {
    operands.unshift(head.right);
    operators.unshift(head.operator);
    head = head.left;
  }
  let previous = evaluateNode(head, scope, false);
  for (let i = 0; i < operators.length; i++) {
    const next = evaluateNode(operands[i]!, scope, false);
    if (!compare(operators[i]!, previous, next)) return false;
    previous = next;
  }
  return true;
}

function evaluateCall(node: jsep.CallExpression, scope: object): unknown {
  const callee = node.callee as jsep.MemberExpression;
  if (node.callee.type === 'Identifier') return callGlobal((node.callee as jsep.Identifier).name, evaluateArgs(node.arguments, scope), scope);
  if (node.callee.type !== 'MemberExpression' || callee.computed) {
    throw new ExpressionFailure(`calling '${describeNode(node.callee)}' is not allowed: use a filter instead (value | name)`);
  }
  const name = (callee.property as jsep.Identifier).name;
  assertAllowedName(name);
  return callMethod(evaluateNode(callee.object, scope, false), name, evaluateArgs(node.arguments, scope));
}

function evaluateDict(node: DictNode, scope: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  node.keys.forEach((keyNode, i) => {
    const key = evaluateNode(keyNode, scope, false);
    if (typeof key !== 'string' && typeof key !== 'number') throw new ExpressionFailure(`a dict key must be a string or number, not ${typeName(key)}`);
    assertAllowedName(String(key));
    out[String(key)] = evaluateNode(node.values[i]!, scope, false);
  });
  return out;
}

export function evaluateNode(node: Node, scope: object, lenient: boolean): unknown {
  spendSteps(1);
  switch (node.type) {
    case 'Literal': {
      const value = (node as jsep.Literal).value;
      if (value instanceof RegExp) throw new ExpressionFailure('regular expression literals are not supported; use a string');
      return value;
    }
    case 'Identifier': return lookupName((node as jsep.Identifier).name, scope, lenient);
    case 'ThisExpression': return lookupName('this', scope, lenient);
    case 'MemberExpression': return lookupMember(node as jsep.MemberExpression, scope, lenient);
    case 'Group': return evaluateNode((node as GroupNode).expression, scope, lenient);
    case 'ArrayExpression': return (node as jsep.ArrayExpression).elements.map((e) => (e === null ? null : evaluateNode(e, scope, false)));
    case 'Dict': return evaluateDict(node as DictNode, scope);
    case 'BinaryExpression': return evaluateBinary(node as jsep.BinaryExpression, scope);
    case 'CallExpression': return evaluateCall(node as jsep.CallExpression, scope);
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      const value = evaluateNode(unary.argument, scope, false);
      if (unary.operator === 'not') return !isTruthy(value);
      const n = expectNumber(value, `unary '${unary.operator}'`);
      return unary.operator === '-' ? -n : n;
    }
    case 'ConditionalExpression': throw new ExpressionFailure("'?:' is not supported: write 'a if cond else b'");
    case 'Compound':
    case 'SequenceExpression': throw new ExpressionFailure('one expression expected (is an operator or a comma missing?)');
    default: throw new ExpressionFailure(`unsupported syntax (${node.type})`);
  }
}

