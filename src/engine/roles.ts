// Running roles. Ansible's rule: a role (from `roles:` or a dependency in meta/main.yml) runs once
// per host per play, unless it is used again with different parameters or its meta sets
// `allow_duplicates: true`. include_role/import_role always run the role they name (their own
// allow_duplicates defaults to true) but its dependencies still follow the once-per-play rule.
import type { IncludeRole, Role, RoleUse, Vars } from '../model.js';
import { inheritFrom, isActive, type Inherited, type PlayHost, type PlayRun } from './context.js';
import { runNodes, stopped } from './walker.js';

/** JSON with sorted keys, so `{a, b}` and `{b, a}` are the same parameters. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stableJson((value as Vars)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function roleRunKey(role: Role, params: Vars): string {
  return `${role.ref.dir}\0${stableJson(params)}`;
}

/** roles: (or dependencies): dependencies first, then the role, each use once per host. */
export async function runRoles(pr: PlayRun, uses: readonly RoleUse[], hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  for (const use of uses) {
    if (stopped(pr)) return;
    const key = roleRunKey(use.role, use.params);
    const pending = hosts.filter((h) => isActive(pr, h) && (use.role.allowDuplicates === true || !h.rolesRun.has(key)));
    if (pending.length === 0) continue;
    // The entry's vars are role parameters (the role frame carries them), not block-like vars.
    const roleInh: Inherited = { ...inheritFrom(inh, { ...use, vars: {} }), role: { role: use.role, params: use.params } };
    await runRoles(pr, use.role.dependencies, pending, roleInh);
    for (const h of pending) h.rolesRun.add(key);
    await runNodes(pr, use.role.tasks, pending, roleInh);
  }
}

/**
 * The role of an include_role/import_role: its `vars:` are role parameters (a loop's item variables
 * reach its tasks as an include's do); its defaults and vars reach its tasks through the role frame. import_role passes its `when` and tags on to every task
 * (it is inlined); include_role evaluated them once already, for the include itself.
 */
export async function runIncludedRole(pr: PlayRun, node: IncludeRole, role: Role, hosts: readonly PlayHost[], inh: Inherited, itemVars?: Vars): Promise<void> {
  const own = node.imported === true ? { ...node, vars: {} } : { ...node, vars: {}, when: [], tags: [] };
  const framed: Inherited = { ...inheritFrom(inh, own, itemVars), role: { role, params: node.vars } };
  // include_role's `apply:` keywords reach every task of the role, as a block around them would.
  const roleInh = node.apply ? inheritFrom(framed, node.apply) : framed;
  await runRoles(pr, role.dependencies, hosts, roleInh);
  if (stopped(pr)) return;
  await runNodes(pr, role.tasks, hosts, roleInh);
}
