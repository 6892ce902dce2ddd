// include_tasks / include_role at run time: the include's `when` is evaluated once per host and
// loop item (not passed on to the included tasks), its loop (resolved as a task's) runs the file or
// role once per item with the item's loop variables, and a file or role name with a template in it
// is resolved per host (and item), read and validated now; a broken file fails only the hosts that
// asked for it, with the file:line:col of the problem. As ansible-playbook 2.14 does, include_tasks
// reports `included:` and counts ok per host; include_role prints and counts nothing of its own.
import { formatLocation, TsplayError } from '../errors.js';
import type { IncludeRole, IncludeTasks, Role, TaskNode, Vars } from '../model.js';
import type { TaskRef } from './events.js';
import { countStat, inheritFrom, isActive, type Inherited, type PlayHost, type PlayRun } from './context.js';
import { rolesIn } from '../plan/play-roles.js';
import { errorMessage, failedResult, skippedResult } from './results.js';
import { runIncludedRole } from './roles.js';
import { playMagic } from './task.js';
import { taskScope } from './task-scope.js';
import { loopItems, loopItemVars, type LoopSource } from './loops.js';
import { runNodes } from './walker.js';

/** A self-including file (the retry idiom) stops with an error after this many levels. */
const MAX_INCLUDE_DEPTH = 100;

interface IncludeGroup {
  /** The file or role name as templated for these hosts (when it is a template). */
  readonly name: string;
  readonly vars?: Vars;
  readonly hosts: PlayHost[];
  tasks?: readonly TaskNode[];
  role?: Role;
  file?: string;
}

function fail(pr: PlayRun, ref: TaskRef, host: PlayHost, message: string): void {
  countStat(pr.run, host.name, 'failed');
  host.failed = true;
  pr.run.emit({ type: 'host_result', task: ref, host: host.name, status: 'failed', result: failedResult(message) });
}

function describe(error: unknown): string {
  return error instanceof TsplayError ? error.describe() : errorMessage(error);
}

export async function runInclude(pr: PlayRun, node: IncludeTasks | IncludeRole, hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  const run = pr.run;
  const active = hosts.filter((h) => isActive(pr, h));
  if (active.length === 0) return;
  const isRole = node.kind === 'include_role';
  const name = node.name ?? (isRole ? `${node.action ?? 'include_role'} : ${node.roleName}` : node.action ?? 'include_tasks');
  const roleName = node.role?.name ?? inh.role?.role.ref.name;
  const title = roleName ? `${roleName} : ${name}` : name;
  const ref: TaskRef = { title, where: formatLocation(node.loc), isHandler: inh.isHandler === true, module: node.kind };
  run.emit({ type: 'task_start', task: ref, hosts: active.map((h) => h.name) });
  const magic = playMagic(pr);
  const conditions = [...inh.when, ...node.when];
  const dynamicName = node.loaded === undefined;
  const written = isRole ? node.roleName : node.file;
  // Hosts grouped by file and loop item (an include without a loop has one item, undefined).
  const groups = new Map<string, IncludeGroup>();
  const loop: LoopSource | undefined = node.loop !== undefined ? { ...node, loopVar: node.loopVar ?? 'item' } : undefined;
  for (const host of active) {
    try {
      const scope = taskScope(pr, host, node, inh, magic);
      // As for a task: the loop is resolved first, then `when` is evaluated per item.
      const items = loop ? loopItems(loop, scope, ref.where, run.services) : [undefined];
      let skipped = 0;
      items.forEach((item, index) => {
        const vars = loop ? loopItemVars(loop, items, index) : undefined;
        const itemScope = vars ? { ...scope, ...vars } : scope;
        if (conditions.length > 0 && !run.services.evaluateCondition(conditions, itemScope, ref.where)) {
          skipped++;
          const result = skippedResult('Conditional result was False', conditions.join(' and '));
          run.emit({ type: 'host_result', task: ref, host: host.name, status: 'skipped', result, ...(loop ? { item } : {}) });
          return;
        }
        const name = dynamicName ? String(run.services.templateValue(written, itemScope, ref.where)) : '';
        const key = `${name}\0${loop === undefined ? '' : `${index}\0${JSON.stringify(item)}`}`;
        const group = groups.get(key) ?? { name, vars, hosts: [] };
        group.hosts.push(host);
        groups.set(key, group);
      });
      if (skipped > 0 && skipped === items.length) countStat(run, host.name, 'skipped');
    } catch (error) {
      fail(pr, ref, host, errorMessage(error));
    }
  }
  if (groups.size === 0) return;
  const depth = (inh.includeDepth ?? 0) + 1;
  if (depth > MAX_INCLUDE_DEPTH) {
    const message = `includes nested more than ${MAX_INCLUDE_DEPTH} deep: a file that includes itself needs a 'when:' that ends the recursion`;
    for (const g of groups.values()) for (const h of g.hosts) if (!h.failed) fail(pr, ref, h, message);
    return;
  }
  await resolveFiles(pr, node, ref, [...groups.values()]);
  const ready = [...groups.values()].filter((g) => (g.tasks !== undefined || g.role !== undefined) && g.hosts.some((h) => !h.failed));
  if (!isRole) reportIncluded(pr, ready);
  for (const group of ready) {
    const members = group.hosts.filter((h) => isActive(pr, h));
    if (members.length === 0) continue;
    const inner: Inherited = { ...inh, includeDepth: depth };
    if (isRole) await runIncludedRole(pr, node, group.role!, members, inner, group.vars);
    // The include's own when/tags applied to the include; its vars and loop item reach the tasks.
    else await runNodes(pr, group.tasks!, members, inheritFrom(inner, { ...node, when: [], tags: [] }, group.vars));
  }
}

/** include_tasks: `included: FILE for HOSTS` per file, and an ok per host. */
function reportIncluded(pr: PlayRun, ready: readonly IncludeGroup[]): void {
  const included = [...new Set(ready.flatMap((g) => g.hosts))].filter((h) => !h.failed);
  for (const host of included) countStat(pr.run, host.name, 'ok');
  const byFile = new Map<string, Set<string>>();
  for (const g of ready) for (const h of g.hosts) if (!h.failed) byFile.set(g.file!, (byFile.get(g.file!) ?? new Set()).add(h.name));
  for (const [file, names] of byFile) pr.run.emit({ type: 'included', file, hosts: [...names] });
}

/** Fill in each group's role: loaded at load time, or read now for a templated name. */
async function resolveRoles(pr: PlayRun, node: IncludeRole, ref: TaskRef, groups: IncludeGroup[]): Promise<void> {
  for (const g of groups) {
    if (node.loaded) {
      g.role = node.loaded;
      continue;
    }
    try {
      const entry = { ...(node.tasksFrom !== undefined ? { tasksFrom: node.tasksFrom } : {}), ...(node.handlersFrom !== undefined ? { handlersFrom: node.handlersFrom } : {}) };
      g.role = await pr.run.sources.loadRole(g.name, { file: node.loc.file, role: node.role, loc: node.loc }, entry);
      registerRuntimeRoles(pr, [{ ...node, loaded: g.role }]);
    } catch (error) {
      for (const h of g.hosts) if (!h.failed) fail(pr, ref, h, describe(error));
    }
  }
}

/** Fill in each group's tasks: loaded at load time, or read now for a templated name. */
async function resolveFiles(pr: PlayRun, node: IncludeTasks | IncludeRole, ref: TaskRef, groups: IncludeGroup[]): Promise<void> {
  if (node.kind === 'include_role') return resolveRoles(pr, node, ref, groups);
  for (const g of groups) {
    if (node.loaded) {
      Object.assign(g, { tasks: node.loaded, file: node.file });
      continue;
    }
    try {
      const loaded = await pr.run.sources.loadTaskFile(g.name, { file: node.loc.file, role: node.role, loc: node.loc });
      Object.assign(g, { tasks: loaded.tasks, file: loaded.file });
      registerRuntimeRoles(pr, loaded.tasks);
    } catch (error) {
      for (const h of g.hosts) if (!h.failed) fail(pr, ref, h, describe(error));
    }
  }
}

/** Roles met at run time: their handlers can be notified, their RoleRef resolves. */
function registerRuntimeRoles(pr: PlayRun, tasks: readonly TaskNode[]): void {
  for (const role of rolesIn(tasks)) {
    // The same role may come with other handlers (handlers_from): those register too.
    pr.addHandlers(role.handlers);
    if (!pr.rolesByDir.has(role.ref.dir)) pr.rolesByDir.set(role.ref.dir, role);
  }
}
