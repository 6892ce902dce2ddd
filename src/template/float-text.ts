// Python writes a float that is a whole number as `3.0`; JavaScript has one number type and writes
// `3`. When a tag's text is written (template-value.ts), the expression itself says whether Python
// would have a float there: a float literal (`1.5`), true division (`/`), the float, log, pow and
// root filters, round of a float or with floor/ceil, and arithmetic with any of those. Only the
// last operation of the tag counts (`x / 2 | int` is an int), as for the number it writes; a float
// made deeper inside (in a list, through a variable) is written as JavaScript writes it.
import type jsep from 'jsep';
import { finalFilterName } from './evaluate-ast.js';
import type { GroupNode, Node } from './parse-expression.js';

/** Filters that always give a Python float. */
const FLOAT_FILTERS: ReadonlySet<string> = new Set(['float', 'log', 'pow', 'root']);
/** Operators whose result is a float when either side is. */
const FLOAT_CONTAGIOUS: ReadonlySet<string> = new Set(['+', '-', '*', '//', '%', '**']);

function filterArguments(node: jsep.BinaryExpression): Node[] {
  return node.right.type === 'CallExpression' ? (node.right as jsep.CallExpression).arguments : [];
}

/** Whether Python would compute a float for `node` (as far as the expression's text tells). */
export function isFloatExpression(node: Node): boolean {
  switch (node.type) {
    case 'Literal': {
      const literal = node as jsep.Literal;
      return typeof literal.value === 'number' && /[.eE]/.test(String(literal.raw));
    }
    case 'Group': return isFloatExpression((node as GroupNode).expression);
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      return (unary.operator === '-' || unary.operator === '+') && isFloatExpression(unary.argument);
    }
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression;
      if (binary.operator === '/') return true;
      if (FLOAT_CONTAGIOUS.has(binary.operator)) return isFloatExpression(binary.left) || isFloatExpression(binary.right);
      const filter = finalFilterName(node);
      if (filter === undefined) return false;
      if (FLOAT_FILTERS.has(filter)) return true;
      if (filter === 'abs') return isFloatExpression(binary.left);
      if (filter === 'round') {
        // Jinja's round: Python's round() for 'common' (an int stays an int), else math.floor/ceil / 10**p: a float.
        const common = !filterArguments(binary).some((argument, index) => {
          const named = argument.type === 'BinaryExpression' && (argument as jsep.BinaryExpression).operator === '=';
          const value = named ? (argument as jsep.BinaryExpression).right : index === 1 ? argument : undefined;
          return value?.type === 'Literal' && ['floor', 'ceil'].includes(String((value as jsep.Literal).value));
        });
        return !common || isFloatExpression(binary.left);
      }
      return false;
    }
    default: return false;
  }
}

/** Python's str() of a float. */
export function pythonFloatText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (!Number.isInteger(value)) return String(value);
  // Python switches to an exponent at 1e16; JavaScript at 1e21 (and without the '.0').
  return Math.abs(value) >= 1e16 ? value.toExponential() : `${value}.0`;
}
