// The one precedence rule between a keyword and the connection variables that override it (become/
// ansible_become, become_user/ansible_become_user, remote_user/ansible_user, port/ansible_port,
// connection/ansible_connection; the table in src/keywords.ts lists them). As in ansible-playbook 2.14
// (test/unit/engine/keyword-precedence.test.ts records what it did): a variable set anywhere wins over
// the keyword, whether written on the task, a block, a role entry or the play; the keyword wins over
// the command line (-b, --become-user, -u); then the default.
import { keywordRow } from '../keywords.js';
import type { Vars } from '../model.js';

export interface KeywordValue {
  readonly value: unknown;
  readonly from: 'variable' | 'keyword' | 'command line';
}

/**
 * `keyword` is the innermost value written (task over block over play); `vars` what the task or host
 * sees. A variable holding null (an empty YAML value) counts as unset. undefined: nothing says.
 */
export function keywordOrVariable(key: string, vars: Vars, keyword: unknown, commandLine?: unknown): KeywordValue | undefined {
  const row = keywordRow(key);
  if (!row?.variables) throw new Error(`keyword '${key}' has no connection variable`);
  for (const name of row.variables) {
    if (vars[name] !== undefined && vars[name] !== null) return { value: vars[name], from: 'variable' };
  }
  if (keyword !== undefined) return { value: keyword, from: 'keyword' };
  if (commandLine !== undefined) return { value: commandLine, from: 'command line' };
  return undefined;
}
