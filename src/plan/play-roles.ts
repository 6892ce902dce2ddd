// Which roles a play uses, and which of them are "public": in Ansible the defaults and vars of roles
// under `roles:` (with their dependencies) and of `import_role` are merged into the play when it is
// parsed, so every task of the play sees them; `include_role` keeps its role's variables private to
// the role's own tasks (and its handlers).
import type { Play, Role, RoleUse, TaskNode } from '../model.js';

/** Roles of `uses` with their dependencies, dependencies first, each once. */
export function playRoles(uses: readonly RoleUse[], out: Role[] = []): Role[] {
  for (const use of uses) {
    playRoles(use.role.dependencies, out);
    if (!out.some((r) => r.ref.dir === use.role.ref.dir)) out.push(use.role);
  }
  return out;
}

export interface PlayRoleSets {
  /** roles:, their dependencies and import_role roles (with theirs), in play order. */
  readonly publicRoles: readonly Role[];
  /** Every role reachable from the play, include_role ones too. */
  readonly allRoles: readonly Role[];
}

export function collectPlayRoles(play: Play): PlayRoleSets {
  const publicRoles = playRoles(play.roles);
  const all: Role[] = [...publicRoles];
  const seen = new Set<string>(all.map((r) => r.ref.dir));
  const addAll = (role: Role, asPublic: boolean): void => {
    for (const dep of playRoles(role.dependencies)) addAll(dep, asPublic);
    if (asPublic && !publicRoles.some((r) => r.ref.dir === role.ref.dir)) publicRoles.push(role);
    if (seen.has(role.ref.dir)) return;
    seen.add(role.ref.dir);
    all.push(role);
    visit(role.tasks, asPublic);
  };
  // Static imports are public only where the import itself is static (not inside an include).
  const visit = (nodes: readonly TaskNode[], statically: boolean): void => {
    for (const node of nodes) {
      if (node.kind === 'block') [node.block, node.rescue, node.always].forEach((list) => visit(list, statically));
      else if (node.kind === 'include_tasks') visit(node.loaded ?? [], false);
      else if (node.kind === 'include_role' && node.loaded) addAll(node.loaded, statically && node.imported === true);
    }
  };
  for (const role of [...publicRoles]) visit(role.tasks, true);
  for (const list of [play.preTasks, play.tasks, play.postTasks]) visit(list, true);
  return { publicRoles, allRoles: all };
}

/** Roles a task list pulls in (for files included at run time): include/import_role, recursively. */
export function rolesIn(nodes: readonly TaskNode[], out: Role[] = []): Role[] {
  for (const node of nodes) {
    if (node.kind === 'block') [node.block, node.rescue, node.always].forEach((list) => rolesIn(list, out));
    else if (node.kind === 'include_tasks') rolesIn(node.loaded ?? [], out);
    else if (node.kind === 'include_role' && node.loaded && !out.includes(node.loaded)) {
      for (const dep of playRoles(node.loaded.dependencies)) if (!out.includes(dep)) out.push(dep);
      out.push(node.loaded);
      rolesIn(node.loaded.tasks, out);
    }
  }
  return out;
}
