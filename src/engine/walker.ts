// Walks a task list for a set of hosts in lockstep (the linear strategy; the free strategy calls it
// with one host at a time): tags and --start-at-task, blocks with rescue/always, include_tasks,
// include_role, roles with their dependencies, and meta tasks.
import { formatLocation } from '../errors.js';
import type { Block, IncludeRole, IncludeTasks, ModuleTask, RoleUse, TaskNode, Vars } from '../model.js';
import { shouldRunForTags } from '../plan/tags.js';
import { countStat, inheritFrom, isActive, type Inherited, type PlayHost, type PlayRun } from './context.js';
import { skippedResult, errorMessage, failedResult } from './results.js';
import { playMagic, runModuleTask, taskRef } from './task.js';
import { taskScope } from './task-scope.js';

function stopped(pr: PlayRun): boolean {
  return pr.run.aborted || pr.ended || pr.batchEnded || pr.run.signal?.aborted === true;
}

export async function runNodes(pr: PlayRun, nodes: readonly TaskNode[], hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  for (const node of nodes) {
    if (stopped(pr) || !hosts.some((h) => isActive(pr, h))) return;
    switch (node.kind) {
      case 'task':
        await runTaskNode(pr, node, hosts, inh);
        break;
      case 'block':
        await runBlock(pr, node, hosts, inh);
        break;
      case 'include_tasks':
        await runInclude(pr, node, hosts, inh);
        break;
      case 'include_role':
        await runInclude(pr, node, hosts, inh);
        break;
    }
  }
}

function selectedByTags(pr: PlayRun, tags: readonly string[]): boolean {
  return shouldRunForTags(tags, pr.run.tags);
}

/** --start-at-task: nothing runs until a task named NAME (or 'role : NAME') is reached. */
function startAtReached(pr: PlayRun, task: ModuleTask, inh: Inherited): boolean {
  const run = pr.run;
  if (!run.startAtPending) return true;
  const wanted = run.options.startAtTask;
  if (wanted === undefined || task.name === wanted || taskRef(task, inh).title === wanted) {
    run.startAtPending = false;
    return true;
  }
  return false;
}

async function runTaskNode(pr: PlayRun, task: ModuleTask, hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  if (!selectedByTags(pr, [...inh.tags, ...task.tags])) return;
  if (!startAtReached(pr, task, inh)) return;
  if (task.module === 'meta') return runMeta(pr, task, hosts, inh);
  await runModuleTask(pr, task, inh, hosts);
}

async function runBlock(pr: PlayRun, block: Block, hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  const blockInh = inheritFrom(inh, block);
  const participants = hosts.filter((h) => isActive(pr, h));
  await runNodes(pr, block.block, participants, block.rescue.length > 0 ? { ...blockInh, rescuable: true } : blockInh);
  const failedInBody = participants.filter((h) => h.failed && !h.unreachable);
  if (block.rescue.length > 0 && failedInBody.length > 0 && !stopped(pr)) {
    for (const h of failedInBody) h.failed = false;
    await runNodes(pr, block.rescue, failedInBody, blockInh);
  }
  if (block.always.length > 0 && !stopped(pr)) {
    // `always` runs for failed hosts too; they stay failed afterwards.
    const stillFailed = participants.filter((h) => h.failed && !h.unreachable);
    for (const h of stillFailed) h.failed = false;
    try {
      await runNodes(pr, block.always, participants.filter((h) => !h.unreachable && !h.ended), blockInh);
    } finally {
      for (const h of stillFailed) h.failed = true;
    }
  }
}

/** include_tasks / include_role: `when` applies once, to the include, per host; tags apply to it too. */
async function runInclude(pr: PlayRun, node: IncludeTasks | IncludeRole, hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  if (!selectedByTags(pr, [...inh.tags, ...node.tags])) return;
  const run = pr.run;
  const active = hosts.filter((h) => isActive(pr, h));
  if (active.length === 0) return;
  const isRole = node.kind === 'include_role';
  const title = node.name ?? (isRole ? `include_role : ${node.roleName}` : `include_tasks`);
  const ref = { title, where: formatLocation(node.loc), isHandler: inh.isHandler === true, module: node.kind };
  const file = isRole ? node.roleName : node.file;
  run.emit({ type: 'task_start', task: ref, hosts: active.map((h) => h.name) });
  const magic = playMagic(pr);
  const conditions = [...inh.when, ...node.when];
  // Hosts grouped by loop item (an include without a loop has one group with no item).
  const groups = new Map<string, { vars?: Vars; hosts: PlayHost[] }>();
  for (const host of active) {
    try {
      const scope = taskScope(pr, host, node, inh, magic);
      if (conditions.length > 0 && !run.services.evaluateCondition(conditions, scope, ref.where)) {
        countStat(run, host.name, 'skipped');
        run.emit({ type: 'host_result', task: ref, host: host.name, status: 'skipped', result: skippedResult('Conditional result was False', conditions.join(' and ')) });
        continue;
      }
      const loop = node.kind === 'include_tasks' ? node.loop : undefined;
      const items = loop === undefined ? [undefined] : (run.services.templateValue(loop, scope, ref.where) as unknown[]);
      if (!Array.isArray(items)) throw new Error(`loop of include_tasks must be a list`);
      items.forEach((item, index) => {
        const key = loop === undefined ? '' : `${index}\0${JSON.stringify(item)}`;
        const group = groups.get(key) ?? { vars: loop === undefined ? undefined : { [(node as IncludeTasks).loopVar]: item }, hosts: [] };
        group.hosts.push(host);
        groups.set(key, group);
      });
    } catch (error) {
      countStat(run, host.name, 'failed');
      host.failed = true;
      run.emit({ type: 'host_result', task: ref, host: host.name, status: 'failed', result: failedResult(errorMessage(error)) });
    }
  }
  const included = [...new Set([...groups.values()].flatMap((g) => g.hosts))];
  if (included.length === 0) return;
  const loaded = isRole ? node.loaded?.tasks : node.loaded;
  if (!loaded) {
    for (const host of included) {
      countStat(run, host.name, 'failed');
      host.failed = true;
      run.emit({ type: 'host_result', task: ref, host: host.name, status: 'failed', result: failedResult(`'${file}' was not loaded before the run (an include whose file name is a template is not supported)`) });
    }
    return;
  }
  for (const host of included) countStat(run, host.name, 'ok');
  run.emit({ type: 'included', file, hosts: included.map((h) => h.name) });
  for (const group of groups.values()) {
    if (isRole) {
      const role = node.loaded!;
      const roleInh: Inherited = { ...inheritFrom(inh, { ...node, vars: {} }), role: { role, params: node.vars } };
      await runNodes(pr, role.tasks, group.hosts, roleInh);
    } else {
      await runNodes(pr, loaded, group.hosts, inheritFrom(inh, node, group.vars));
    }
  }
}

/** roles: dependencies first, each role (with the same parameters) once per play. */
export async function runRoles(pr: PlayRun, uses: readonly RoleUse[], hosts: readonly PlayHost[], inh: Inherited, seen = new Set<string>()): Promise<void> {
  for (const use of uses) {
    if (stopped(pr)) return;
    const key = `${use.role.ref.dir}\0${JSON.stringify(use.params)}`;
    if (seen.has(key)) continue;
    const roleInh: Inherited = {
      ...inh,
      when: use.when.length > 0 ? [...inh.when, ...use.when] : inh.when,
      tags: use.tags.length > 0 ? [...inh.tags, ...use.tags] : inh.tags,
      become: use.become ?? inh.become,
      becomeUser: use.becomeUser ?? inh.becomeUser,
      role: { role: use.role, params: use.params },
    };
    await runRoles(pr, use.role.dependencies, hosts, roleInh, seen);
    seen.add(key);
    await runNodes(pr, use.role.tasks, hosts, roleInh);
  }
}

function metaAction(task: ModuleTask): string {
  const args = task.args as Record<string, unknown>;
  for (const key of ['free_form', '_raw_params', 'cmd', 'action']) if (typeof args[key] === 'string') return (args[key] as string).trim();
  const first = Object.values(args).find((v) => typeof v === 'string');
  return typeof first === 'string' ? first.trim() : '';
}

async function runMeta(pr: PlayRun, task: ModuleTask, hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  const action = metaAction(task);
  const active = hosts.filter((h) => isActive(pr, h));
  const conditions = [...inh.when, ...task.when];
  const magic = playMagic(pr);
  const applies = active.filter((h) => conditions.length === 0 || pr.run.services.evaluateCondition(conditions, taskScope(pr, h, task, inh, magic), formatLocation(task.loc)));
  switch (action) {
    case 'flush_handlers':
      await pr.flushHandlers(applies);
      return;
    case 'end_play':
      if (applies.length > 0) pr.ended = true;
      return;
    case 'end_batch':
      if (applies.length > 0) pr.batchEnded = true;
      return;
    case 'end_host':
      for (const h of applies) h.ended = true;
      return;
    case 'clear_facts':
      for (const h of applies) pr.run.hostState(h.name).clearFacts();
      return;
    case 'noop':
    case 'refresh_inventory':
    case 'clear_host_errors':
    case 'reset_connection':
      return;
    default:
      pr.run.emit({ type: 'warning', message: `${formatLocation(task.loc)}: meta '${action}' is not supported; ignored` });
  }
}
