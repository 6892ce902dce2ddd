// One module task on one host: `when` (per item when looping), loop, argument templating,
// delegate_to, become, environment, check mode, timeout, until/retries, changed_when/failed_when.
// Emits the per-item host_result events; the caller emits the task's aggregate result.
import { CommandTimeoutError, UnreachableError, type Connection } from '../connection/types.js';
import { formatLocation } from '../errors.js';
import type { ModuleTask, Vars } from '../model.js';
import type { AsyncSettings, ModuleContext, ModuleDefinition, ModuleResult } from '../modules/types.js';
import type { TaskRef } from './events.js';
import { controllerOnlyConnection, taskConnection } from './connections.js';
import { connectionDefaultsFor, type Inherited, type PlayHost, type PlayRun } from './context.js';
import { loopItems, loopItemVars } from './loops.js';
import { aggregateLoop, censored, errorMessage, failedResult, skippedResult, statusOf, warningsOf } from './results.js';
import { resolveBecome, resolveEnvironment, roleFrameOf, taskScope } from './task-scope.js';
import { removeOmitted } from '../plan/omit.js';
import { moduleDefaultsFor, unknownDefault } from './module-defaults.js';

export interface TaskInvocation {
  readonly pr: PlayRun;
  readonly task: ModuleTask;
  readonly inh: Inherited;
  readonly ref: TaskRef;
  /** Magic variables shared by every host of this task. */
  readonly magic: Vars;
}

export interface HostOutcome {
  readonly result: ModuleResult;
  readonly delegatedTo?: string;
}

/** Modules whose facts later loop items see (Ansible: TaskExecutor._run_loop updates its variables). */
const FACTS_SEEN_BY_LATER_ITEMS: ReadonlySet<string> = new Set(['set_fact', 'include_vars']);

/** A task failure found before the module ran (a condition, loop or argument that does not template). */
class TemplateFailure extends Error {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runTaskOnHost(inv: TaskInvocation, host: PlayHost): Promise<HostOutcome> {
  const { pr, task, inh } = inv;
  const services = pr.run.services;
  const where = `${formatLocation(task.loc)} (${host.name})`;
  const scope = taskScope(pr, host, task, inh, inv.magic);
  const conditions = inh.when.length > 0 ? [...inh.when, ...task.when] : task.when;
  let delegatedTo: string | undefined;
  // Like Ansible, delegate_to is templated per loop item (delegate_to: "{{ item }}" is common).
  const delegateTarget = task.delegateTo ?? inh.delegateTo;
  const delegateFor = (itemScope: Vars): string | undefined =>
    delegateTarget === undefined ? undefined : String(services.templateValue(delegateTarget, itemScope, where));
  try {
    if (task.loop === undefined) {
      delegatedTo = delegateFor(scope);
      if (conditions.length > 0 && !condition(inv, conditions, scope, where)) {
        return { result: skippedResult('Conditional result was False', conditions.join(' and ')), delegatedTo };
      }
      return { result: await runAttempts(inv, host, scope, where, delegatedTo), delegatedTo };
    }
    const items = loopItems(task, scope, where, services, task.module);
    const results: Record<string, unknown>[] = [];
    const pauseMs = loopPauseMs(inv, scope, where);
    // Facts set by earlier items are seen by later ones, as Ansible updates the loop's variables
    // with each item's ansible_facts (`acc: "{{ acc | default([]) + [item] }}"` accumulates).
    let loopScope = scope;
    for (let index = 0; index < items.length; index++) {
      const item = items[index];
      if (index > 0 && pauseMs > 0) await sleep(pauseMs);
      const loopVars = loopItemVars(task, items, index);
      const itemScope = { ...loopScope, ...loopVars };
      delegatedTo = delegateFor(itemScope);
      let result: ModuleResult;
      if (conditions.length > 0 && !condition(inv, conditions, itemScope, where)) {
        result = skippedResult('Conditional result was False', conditions.join(' and '));
      } else {
        result = await runAttempts(inv, host, itemScope, where, delegatedTo);
      }
      const itemResult: ModuleResult = { ...result, [task.loopVar]: item, ansible_loop_var: task.loopVar };
      if (task.indexVar) Object.assign(itemResult, { [task.indexVar]: index, ansible_index_var: task.indexVar });
      if (task.loopExtended) itemResult['ansible_loop'] = loopVars['ansible_loop'];
      results.push(itemResult);
      if (FACTS_SEEN_BY_LATER_ITEMS.has(task.module) && result.failed !== true && result.ansible_facts) loopScope = { ...loopScope, ...result.ansible_facts };
      const label = task.loopLabel !== undefined ? safeTemplate(inv, task.loopLabel, itemScope, where) : item;
      const noLog = task.noLog ?? inh.noLog;
      const status = statusOf(itemResult, task.ignoreErrors ?? inh.ignoreErrors ?? false);
      pr.run.emit({ type: 'host_result', task: inv.ref, host: host.name, status, result: censored(itemResult, noLog), item: noLog ? '(censored due to no_log)' : label, delegatedTo, diff: noLog ? undefined : result.diff });
      for (const message of warningsOf(result, noLog)) pr.run.emit({ type: 'warning', message });
    }
    return { result: aggregateLoop(results), delegatedTo };
  } catch (error) {
    if (error instanceof UnreachableError) throw error;
    // ansible-playbook 2.14 treats these as the task's failure: ignore_errors and rescue cover them.
    if (error instanceof TemplateFailure) return { result: failedResult(error.message), delegatedTo };
    return { result: failedResult(errorMessage(error)), delegatedTo };
  }
}

function condition(inv: TaskInvocation, conditions: readonly string[], scope: Vars, where: string): boolean {
  try {
    return inv.pr.run.services.evaluateCondition(conditions, scope, where);
  } catch (error) {
    throw new TemplateFailure(`The conditional check '${conditions.join(' and ')}' failed: ${errorMessage(error)}`);
  }
}

/** loop_control.pause in milliseconds (it may be a template); Ansible sleeps between items, not before the first. */
function loopPauseMs(inv: TaskInvocation, scope: Vars, where: string): number {
  if (inv.task.loopPause === undefined) return 0;
  const seconds = Number(safeTemplate(inv, inv.task.loopPause, scope, where));
  if (!Number.isFinite(seconds) || seconds < 0) throw new TemplateFailure(`loop_control.pause must be a number of seconds, got ${JSON.stringify(inv.task.loopPause)}`);
  return seconds * 1000;
}

function safeTemplate(inv: TaskInvocation, value: unknown, scope: Vars, where: string): unknown {
  try {
    return inv.pr.run.services.templateValue(value, scope, where);
  } catch (error) {
    throw new TemplateFailure(errorMessage(error));
  }
}

/** One module call plus until/retries, changed_when and failed_when. */
async function runAttempts(inv: TaskInvocation, host: PlayHost, scope: Vars, where: string, delegatedTo: string | undefined): Promise<ModuleResult> {
  const { pr, task, inh } = inv;
  const run = pr.run;
  const definition = run.registry.get(task.module);
  if (!definition) return failedResult(`module '${task.module}' is not known`);
  const defaults = moduleDefaultsFor(task, inh);
  const badDefault = defaults && unknownDefault(definition, defaults);
  if (badDefault) return failedResult(badDefault);
  const args = removeOmitted(safeTemplate(inv, defaults ? { ...defaults, ...task.args } : task.args, scope, where)) as Record<string, unknown>;
  const retried = task.until !== undefined || task.retries !== undefined;
  const attempts = retried ? Math.max(0, task.retries ?? 3) + 1 : 1;
  const delayMs = Math.max(0, task.delay ?? 5) * 1000;
  let result: ModuleResult = failedResult('not run');
  for (let attempt = 1; attempt <= attempts; attempt++) {
    result = withFailedFlag(await callModule(inv, host, definition, args, scope, where, delegatedTo));
    const regScope = task.register ? { ...scope, [task.register]: result } : scope;
    if (result.skipped !== true) result = applyChangedFailedWhen(inv, result, regScope, where);
    if (!retried) break;
    result['attempts'] = attempt;
    const done = task.until ? condition(inv, task.until, task.register ? { ...scope, [task.register]: result } : scope, where) : result.failed !== true;
    if (done) break;
    if (attempt < attempts && !run.signal?.aborted) {
      run.emit({ type: 'retry', task: inv.ref, host: host.name, retriesLeft: attempts - attempt });
      if (delayMs > 0) await sleep(delayMs);
    } else {
      // Ansible reports the user's `retries` as attempts when every attempt failed.
      result['attempts'] = attempts - 1;
      result.failed = true;
      if (result.msg === undefined) result.msg = 'Retries exhausted';
      break;
    }
  }
  return result;
}

/**
 * Every result that ran says whether it failed, as Ansible's TaskExecutor sets `failed: false` when
 * the module did not (before failed_when, which may read it): roles test `result.failed` directly
 * (evrardjp.keepalived: `not _ipv6_disabled.failed and ...`). Skipped results have no flag.
 */
function withFailedFlag(result: ModuleResult): ModuleResult {
  return result.failed === undefined && result.skipped !== true ? { ...result, failed: false } : result;
}

/** Ansible's default seconds between an async job's status checks. */
const DEFAULT_POLL_SECONDS = 15;

/** The task's async/poll, templated; `async: 0` (or none) runs the module as usual. */
function asyncOf(inv: TaskInvocation, scope: Vars, where: string): AsyncSettings | undefined {
  const { task } = inv;
  if (task.asyncSeconds === undefined) return undefined;
  const seconds = (value: number | string, what: string) => {
    const number = Number(safeTemplate(inv, value, scope, where));
    if (!Number.isFinite(number) || number < 0) throw new TemplateFailure(`${what} must be a number of seconds, got ${JSON.stringify(value)}`);
    return number;
  };
  const timeoutSec = seconds(task.asyncSeconds, 'async');
  if (timeoutSec === 0) return undefined;
  return { timeoutSec, pollSec: task.pollSeconds === undefined ? DEFAULT_POLL_SECONDS : seconds(task.pollSeconds, 'poll') };
}

function applyChangedFailedWhen(inv: TaskInvocation, result: ModuleResult, scope: Vars, where: string): ModuleResult {
  const { task } = inv;
  if (task.changedWhen) result = { ...result, changed: condition(inv, task.changedWhen, scope, where) };
  if (task.failedWhen) {
    const failed = condition(inv, task.failedWhen, scope, where);
    result = { ...result, failed, failed_when_result: failed };
  }
  return result;
}

async function callModule(inv: TaskInvocation, host: PlayHost, definition: ModuleDefinition, args: Record<string, unknown>, scope: Vars, where: string, delegatedTo: string | undefined): Promise<ModuleResult> {
  const { pr, task, inh } = inv;
  const run = pr.run;
  const services = run.services;
  let conn: Connection;
  let reconnect: (() => Promise<Connection>) | undefined;
  const timeoutMs = task.timeout !== undefined ? task.timeout * 1000 : undefined;
  if (definition.controllerOnly) conn = controllerOnlyConnection(host.name, definition.name);
  else {
    // Rejects with UnreachableError: the host (not just the task) is then unreachable.
    const target = delegatedTo ?? host.name;
    const defaults = connectionDefaultsFor(task, inh);
    const raw = definition.dialsItself ? controllerOnlyConnection(target, definition.name) : await run.pool.get(target, defaults);
    let env: Record<string, string> | undefined;
    try {
      env = resolveEnvironment(pr, task, inh, scope, where);
    } catch (error) {
      throw new TemplateFailure(`environment: ${errorMessage(error)}`);
    }
    conn = taskConnection(raw, env, timeoutMs);
    reconnect = async () => taskConnection(await run.pool.reopen(target, defaults), env, timeoutMs);
  }
  const check = definition.runsInCheckMode ? false : (task.checkMode ?? inh.checkMode ?? run.options.check);
  const asyncSettings = asyncOf(inv, scope, where);
  const ctx: ModuleContext = {
    conn,
    host: host.name,
    check,
    diff: run.options.diff,
    become: resolveBecome(pr, task, inh, scope),
    timeoutMs,
    vars: scope,
    role: roleFrameOf(pr, task, inh)?.role.ref ?? task.role,
    playbookDir: run.playbook.dir,
    sources: run.sources,
    evaluate: (expression) => services.evaluate(expression, scope, where),
    renderTemplate: (text, name) => services.renderTemplate(text, scope, name),
    ...(reconnect ? { reconnect } : {}),
    ...(asyncSettings ? { async: asyncSettings } : {}),
  };
  try {
    const result = await definition.run(ctx, args);
    return { ...result, changed: result.changed === true };
  } catch (error) {
    if (error instanceof UnreachableError) throw error;
    if (error instanceof CommandTimeoutError) {
      return failedResult(`The task timed out after ${task.timeout ?? Math.round(error.timeoutMs / 1000)} seconds (timeout: ${task.timeout ?? Math.round(error.timeoutMs / 1000)})`);
    }
    return failedResult(errorMessage(error));
  }
}
