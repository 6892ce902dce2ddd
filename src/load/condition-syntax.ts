// `when`, `changed_when`, `failed_when` and `until` are parsed once at load time, so a syntax error
// stops the run before any host is contacted (Ansible finds it only when the task runs).
import { LoadError, type SourceLocation } from '../errors.js';
import { stripBraces } from '../template/evaluate.js';
import { parseExpression } from '../template/parse-expression.js';

export function checkConditionSyntax(conditions: readonly string[], loc: SourceLocation, keyword: string): readonly string[] {
  for (const condition of conditions) {
    const expression = stripBraces(condition);
    // Text with templates inside (`when: "{{ a }} == 1"`) is only known at run time.
    if (expression.includes('{{') || expression.includes('{%')) continue;
    try {
      parseExpression(expression);
    } catch (error) {
      throw new LoadError(`${keyword}: '${condition.trim().replace(/\s+/g, ' ')}': ${(error as Error).message}`, loc, undefined, 'parse');
    }
  }
  return conditions;
}
