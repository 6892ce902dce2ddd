// One module task across the active hosts of a play: task_start, every host concurrently (bounded
// by forks) or only the first with run_once, then each host's aggregate result: event, stats,
// register, facts, handler notifications and failure state; any_errors_fatal / max_fail_percentage.
import { UnreachableError } from '../connection/types.js';
import { formatLocation } from '../errors.js';
import type { ModuleTask, Vars } from '../model.js';
import type { ModuleResult } from '../modules/types.js';
import type { TaskRef } from './events.js';
import { resolve as resolvePath } from 'node:path';
import { countStat, isActive, type Inherited, type PlayHost, type PlayRun, type RunContext } from './context.js';
import { runTaskOnHost, type HostOutcome, type TaskInvocation } from './host-task.js';
import { hostSlots, type HostSlot } from './throttle.js';
import { censored, statusOf, warningsOf } from './results.js';

export function taskRef(task: ModuleTask, inh: Inherited): TaskRef {
  const role = task.role?.name ?? inh.role?.role.ref.name;
  const name = task.name ?? task.action ?? task.module;
  return { title: role ? `${role} : ${name}` : name, where: formatLocation(task.loc), isHandler: inh.isHandler === true, module: task.module };
}

/** Magic variables that change with the play's progress, computed once per task (not per host). */
export function playMagic(pr: PlayRun): Vars {
  const alive = (h: string) => {
    const host = pr.hosts.get(h);
    return host !== undefined && !host.failed && !host.unreachable;
  };
  const batch = pr.batch.filter(alive);
  return {
    ansible_play_hosts_all: pr.allHosts,
    ansible_play_hosts: pr.allHosts.filter(alive),
    ansible_play_batch: batch,
    // Deprecated in Ansible, still written by older roles: the same list as ansible_play_batch.
    play_hosts: batch,
    ansible_run_tags: pr.run.tags.only.length > 0 ? pr.run.tags.only : ['all'],
    ansible_skip_tags: pr.run.tags.skip,
    ansible_play_name: pr.play.name,
    ansible_play_role_names: pr.play.roles.map((use) => use.role.ref.name),
    role_names: pr.play.roles.map((use) => use.role.ref.name),
  };
}

export async function runModuleTask(pr: PlayRun, task: ModuleTask, inh: Inherited, hosts: readonly PlayHost[]): Promise<void> {
  const active = hosts.filter((h) => isActive(pr, h));
  if (active.length === 0) return;
  const run = pr.run;
  const ref = taskRef(task, inh);
  const inv: TaskInvocation = { pr, task, inh, ref, magic: playMagic(pr) };
  const failedBefore = new Set(active.filter((h) => h.failed));
  const slot = hostSlots(inv, active[0]!);
  const runOnce = task.runOnce ?? inh.runOnce ?? run.registry.get(task.module)?.runsOncePerBatch;
  if (runOnce && pr.play.strategy === 'free') await runOnceShared(inv, active, slot);
  else if (runOnce) {
    run.emit({ type: 'task_start', task: ref, hosts: active.map((h) => h.name) });
    const first = active[0]!;
    const outcome = await slot(() => outcomeFor(inv, first));
    applyOutcome(inv, first, outcome);
    shareWithOthers(inv, active.slice(1), outcome, first.failed);
  } else {
    run.emit({ type: 'task_start', task: ref, hosts: active.map((h) => h.name) });
    await Promise.all(active.map((host) => slot(async () => applyOutcome(inv, host, await outcomeFor(inv, host)))));
  }
  const newlyFailed = active.filter((h) => (h.failed || h.unreachable) && !failedBefore.has(h));
  if (newlyFailed.length > 0) checkAbort(pr, task, inh, newlyFailed);
}

/** run_once: every host of the batch gets the first host's result (register, set_fact); its failure fails them all. */
function shareWithOthers(inv: TaskInvocation, others: readonly PlayHost[], outcome: HostOutcome | 'unreachable', failed: boolean): void {
  if (outcome === 'unreachable') return;
  for (const other of others) {
    shareResult(inv, other, outcome);
    if (failed) other.failed = true;
  }
}

/**
 * run_once under the free strategy: hosts reach the task one by one, so the first one runs it and
 * the others (of the same batch) wait for and take its result: once per batch, as with linear.
 */
async function runOnceShared(inv: TaskInvocation, active: readonly PlayHost[], slot: HostSlot): Promise<void> {
  const { pr, task } = inv;
  let perTask = pr.runOnceShared.get(task);
  if (!perTask) pr.runOnceShared.set(task, (perTask = new Map()));
  // The same task can run with different include vars (an include_tasks loop): one run each.
  const key = JSON.stringify(inv.inh.vars);
  type Shared = { outcome: HostOutcome | 'unreachable'; failed: boolean };
  let shared = perTask.get(key) as Promise<Shared> | undefined;
  let others = active;
  if (!shared) {
    const first = active[0]!;
    others = active.slice(1);
    pr.run.emit({ type: 'task_start', task: inv.ref, hosts: [first.name] });
    shared = slot(() => outcomeFor(inv, first)).then((outcome) => {
      applyOutcome(inv, first, outcome);
      return { outcome, failed: first.failed };
    });
    perTask.set(key, shared);
  }
  const { outcome, failed } = await shared;
  shareWithOthers(inv, others, outcome, failed);
}

async function outcomeFor(inv: TaskInvocation, host: PlayHost): Promise<HostOutcome | 'unreachable'> {
  try {
    return await runTaskOnHost(inv, host);
  } catch (error) {
    if (!(error instanceof UnreachableError)) throw error;
    const run = inv.pr.run;
    if (inv.task.ignoreUnreachable ?? inv.inh.ignoreUnreachable) {
      // Ansible counts it ok+ignored and keeps the host in the play.
      countStat(run, host.name, 'ok+ignored');
      run.emit({ type: 'host_result', task: inv.ref, host: host.name, status: 'unreachable', ignored: true, result: { unreachable: true, changed: false, msg: error.message } });
      return 'unreachable';
    }
    host.unreachable = true;
    run.unreachableHosts.add(host.name);
    countStat(run, host.name, 'unreachable');
    run.emit({ type: 'host_result', task: inv.ref, host: host.name, status: 'unreachable', result: { unreachable: true, changed: false, msg: error.message } });
    return 'unreachable';
  }
}

/** Record a task's facts and registered result on a host (facts on the delegate with delegate_facts). */
function shareResult(inv: TaskInvocation, host: PlayHost, outcome: HostOutcome): void {
  const { task } = inv;
  const { result } = outcome;
  const run = inv.pr.run;
  const factsHost = task.delegateFacts === true && outcome.delegatedTo !== undefined ? outcome.delegatedTo : host.name;
  const state = run.hostState(factsHost);
  if (result.failed !== true) {
    const perItem = Array.isArray(result['results']) ? (result['results'] as ModuleResult[]) : [result];
    for (const item of perItem) {
      if (!item || item.failed === true || item.skipped === true) continue;
      // A file fetched from a host holds that host's words: include_vars of it gives data, not templates.
      if (task.module === 'fetch' && typeof item['dest'] === 'string') run.filesFromTargets.add(resolvePath(item['dest']));
      const facts = item.ansible_facts;
      if (!facts) continue;
      if (task.module === 'set_fact') state.setVars(facts);
      else if (task.module === 'include_vars') state.includeVars(facts, includesFileFromTarget(run, item));
      else state.mergeFacts(facts);
    }
  }
  if (task.register) run.hostState(host.name).setVars({ [task.register]: result });
}

function includesFileFromTarget(run: RunContext, result: ModuleResult): boolean {
  const files = result['ansible_included_var_files'];
  return Array.isArray(files) && files.some((file) => typeof file === 'string' && run.filesFromTargets.has(resolvePath(file)));
}

function applyOutcome(inv: TaskInvocation, host: PlayHost, outcome: HostOutcome | 'unreachable'): void {
  if (outcome === 'unreachable') return;
  const { pr, task, inh, ref } = inv;
  const run = pr.run;
  const { result } = outcome;
  const ignore = task.ignoreErrors ?? inh.ignoreErrors ?? false;
  const status = statusOf(result, ignore);
  const noLog = task.noLog ?? inh.noLog;
  const looped = Array.isArray(result['results']);
  run.emit({
    type: 'host_result', task: ref, host: host.name, status, result: censored(result, noLog),
    delegatedTo: outcome.delegatedTo, diff: noLog || looped ? undefined : result.diff, ignored: status === 'ignored' ? true : undefined,
  });
  for (const message of warningsOf(result, noLog)) run.emit({ type: 'warning', message });
  shareResult(inv, host, outcome);
  if (status === 'failed') {
    countStat(run, host.name, inh.rescuable ? 'rescued' : 'failed');
    host.failed = true;
    host.failedTask = { name: task.name ?? task.action ?? task.module, action: task.module, where: ref.where, args: noLog ? {} : task.args };
    host.failedResult = censored(result, noLog) as Vars;
    return;
  }
  if (status === 'ignored') {
    countStat(run, host.name, 'ignored');
    if (result.changed === true) run.stats[host.name]!.changed++;
  } else if (status === 'skipped') countStat(run, host.name, 'skipped');
  if (result.changed === true && result.failed !== true) {
    if (status !== 'ignored') countStat(run, host.name, 'changed');
    run.anyChanged = true;
    for (const name of inh.notify ? [...inh.notify, ...task.notify] : task.notify) pr.notify(host, name);
  } else if (status === 'ok') countStat(run, host.name, 'ok');
}

/** any_errors_fatal and max_fail_percentage, checked after every task like Ansible's linear strategy. */
function checkAbort(pr: PlayRun, task: ModuleTask, inh: Inherited, newlyFailed: readonly PlayHost[]): void {
  const fatal = task.anyErrorsFatal ?? inh.anyErrorsFatal ?? pr.play.anyErrorsFatal;
  const unrescued = newlyFailed.filter((h) => h.unreachable || !inh.rescuable);
  let abort = fatal && unrescued.length > 0;
  if (!abort && pr.play.maxFailPercentage !== undefined && pr.batch.length > 0) {
    const failedInBatch = pr.batch.filter((name) => {
      const h = pr.hosts.get(name);
      return h !== undefined && (h.failed || h.unreachable);
    }).length;
    abort = failedInBatch / pr.batch.length > pr.play.maxFailPercentage / 100;
  }
  if (abort) abortPlay(pr);
}

export function abortPlay(pr: PlayRun): void {
  if (pr.run.aborted) return;
  pr.run.aborted = true;
  pr.run.abortedWithFailure = true;
  for (const name of pr.allHosts) {
    const h = pr.hosts.get(name);
    if (h && !h.unreachable) pr.run.failedHosts.add(name);
  }
  pr.run.emit({ type: 'no_hosts_left' });
}
