// Walks a task list for a set of hosts in lockstep (the linear strategy; the free strategy calls it
// with one host at a time): tags and --start-at-task, blocks with rescue/always, and dispatch to
// includes (includes.ts), imported roles (roles.ts) and meta tasks (meta.ts).
import type { Block, IncludeRole, ModuleTask, TaskNode } from '../model.js';
import { shouldRunForTags } from '../plan/tags.js';
import { inheritFrom, isActive, type Inherited, type PlayHost, type PlayRun } from './context.js';
import { runInclude } from './includes.js';
import { runMeta } from './meta.js';
import { runIncludedRole } from './roles.js';
import { runModuleTask, taskRef } from './task.js';

export function stopped(pr: PlayRun): boolean {
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
        if (selectedByTags(pr, [...inh.tags, ...node.tags])) await runInclude(pr, node, hosts, inh);
        break;
      case 'include_role':
        if (node.imported === true) await runImportedRole(pr, node, hosts, inh);
        else if (selectedByTags(pr, [...inh.tags, ...node.tags])) await runInclude(pr, node, hosts, inh);
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

/**
 * import_role is inlined: no include line, no stats of its own; its `when` and tags reach every task
 * of the role (checked per task), so an untagged import still runs its tagged tasks under --tags.
 */
async function runImportedRole(pr: PlayRun, node: IncludeRole, hosts: readonly PlayHost[], inh: Inherited): Promise<void> {
  if (!node.loaded) return;
  await runIncludedRole(pr, node, node.loaded, hosts.filter((h) => isActive(pr, h)), inh);
}
