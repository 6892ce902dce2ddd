// query('inventory_hostnames', pattern) needs Ansible's host-pattern grammar, which lives in
// plan/patterns.ts; template/ may not import plan/ (plan uses template/: a folder cycle). So the
// run's planner registers its selector here when it loads, and the lookup calls it.
import { ExpressionFailure } from './python-values.js';

/** The hosts `pattern` selects from a `groups` mapping (group name → host names); [] when none. */
export type HostPatternSelector = (groups: Readonly<Record<string, readonly string[]>>, pattern: string) => string[];

let selector: HostPatternSelector | undefined;

export function registerHostPatternSelector(select: HostPatternSelector): void {
  selector = select;
}

export function selectHostsFromGroups(groups: Readonly<Record<string, readonly string[]>>, pattern: string): string[] {
  if (!selector) throw new ExpressionFailure("lookup('inventory_hostnames') is not available here (no host patterns registered)");
  return selector(groups, pattern);
}
