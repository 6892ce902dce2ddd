// Public entry points for expressions: evaluate(), evaluateCondition().
import { TsplayError } from '../errors.js';
import { withBudget } from './budget.js';
import { evaluateNode } from './evaluate-ast.js';
import { parseExpression } from './parse-expression.js';
import { ExpressionFailure, isTruthy } from './python-values.js';

/** One line: where, which expression, what failed. Never values from the scope. */
export function expressionError(expression: string, where: string, problem: string, cause?: unknown): TsplayError {
  const prefix = where ? `${where}: ` : '';
  return new TsplayError(`${prefix}'${expression.trim().replace(/\s+/g, ' ')}': ${problem}`, { kind: 'runtime', cause });
}

/**
 * Evaluate one Jinja-like expression (no braces) over `scope`. A result that is undefined
 * (`[] | first`, `a if false`) is an error, as Ansible's would be when used.
 */
export function evaluate(expression: string, scope: object, where: string): unknown {
  let result: unknown;
  try {
    result = withBudget(() => evaluateNode(parseExpression(expression), scope, false));
  } catch (error) {
    if (error instanceof ExpressionFailure) throw expressionError(expression, where, error.message, error);
    if (error instanceof TsplayError) throw error;
    // A bug or a hostile getter: still one line, still located.
    throw expressionError(expression, where, `evaluation failed: ${(error as Error)?.message ?? String(error)}`, error);
  }
  if (result === undefined) throw expressionError(expression, where, 'the result is undefined');
  return result;
}

/** `{{ x }}` written where a bare expression is expected (`when: "{{ x }}"`) is accepted too. */
export function stripBraces(text: string): string {
  const match = /^\s*\{\{([\s\S]*)\}\}\s*$/.exec(text);
  return match && !match[1]!.includes('}}') ? match[1]! : text;
}

/**
 * `when` / `changed_when` / `failed_when` / `until`: a list is an AND (stops at the first false),
 * each item is a boolean or an expression judged by Python truthiness.
 */
export function evaluateCondition(conditions: string | boolean | readonly (string | boolean)[], scope: object, where: string): boolean {
  const list = typeof conditions === 'string' || typeof conditions === 'boolean' ? [conditions] : conditions;
  for (const condition of list) {
    if (typeof condition !== 'string') {
      // YAML may hand us a boolean (or, against the types, a number): judge it as a value.
      if (!isTruthy(condition)) return false;
      continue;
    }
    if (!isTruthy(evaluate(stripBraces(condition), scope, where))) return false;
  }
  return true;
}
