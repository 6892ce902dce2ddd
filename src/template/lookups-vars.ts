// Lookups that read the run's own variables: vars (a variable by a name computed at run time) and
// inventory_hostnames (host patterns over the `groups` variable), as ansible-core 2.14's plugins.
import { TsplayError } from '../errors.js';
import { onlyKeywords } from './call-args.js';
import { selectHostsFromGroups } from './host-patterns.js';
import { readVariable } from './lazy-vars.js';
import { ExpressionFailure, expectString, isMapping } from './python-values.js';
import { readOwn } from './safe-access.js';

type Options = Readonly<Record<string, unknown>>;

/** `holder[name]` read as a template reads it: author templates resolved, target data left as data. */
function readThrough(holder: unknown, name: string, scope: object): unknown {
  const raw = readOwn(holder, name);
  return raw === undefined ? undefined : readVariable(holder as object, name, raw, scope);
}

/**
 * lookup('vars', name…, default=): the variable's value, templated if the author wrote a template
 * (never if it came from a target), else the host's hostvars entry; `default` when it is undefined
 * or its template reads an undefined name; otherwise Ansible's "No variable found" error.
 */
export function varsLookup(terms: readonly unknown[], options: Options, scope: object): unknown[] {
  onlyKeywords({ positional: [], keywords: options }, ['default'], "lookup('vars')");
  const fallback = options['default'];
  return terms.map((term) => {
    const name = expectString(term, "lookup('vars') variable name");
    try {
      let value = readThrough(scope, name, scope);
      if (value === undefined) {
        const host = readOwn(scope, 'inventory_hostname');
        value = readThrough(readOwn(readOwn(scope, 'hostvars'), host), name, scope);
      }
      if (value === undefined) throw new ExpressionFailure(`No variable found with this name: ${name}`);
      return value;
    } catch (error) {
      if (fallback !== undefined && fallback !== null && (error instanceof ExpressionFailure || error instanceof TsplayError)) return fallback;
      throw error;
    }
  });
}

/** query('inventory_hostnames', pattern…): the hosts of `groups` the patterns select, [] for none. */
export function inventoryHostnamesLookup(terms: readonly unknown[], options: Options, scope: object): unknown[] {
  onlyKeywords({ positional: [], keywords: options }, [], "lookup('inventory_hostnames')");
  const groups = readOwn(scope, 'groups');
  if (!isMapping(groups)) throw new ExpressionFailure("lookup('inventory_hostnames') needs the 'groups' variable");
  const pattern = terms.map((term) => expectString(term, "lookup('inventory_hostnames') pattern")).join(',');
  return selectHostsFromGroups(groups as Record<string, string[]>, pattern);
}
