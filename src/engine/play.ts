// One play: its plan (hosts, order, serial batches and roles, from planPlay(), minus hosts that
// failed earlier), role argument specs (checked before any host is contacted), fact gathering, the
// three sections with a handler flush after each, and the linear or free strategy.
import { UnreachableError } from '../connection/types.js';
import { formatLocation } from '../errors.js';
import type { Play, Role, RoleUse, TaskNode, Vars } from '../model.js';
import { checkRoleArguments } from '../plan/arg-specs.js';
import { planPlay } from '../plan/play-plan.js';
import { playRoles } from '../plan/play-roles.js';
import { shouldRunForTags } from '../plan/tags.js';
import type { TaskRef } from './events.js';
import { emptyStats } from './events.js';
import { countStat, isActive, playInherited, type Inherited, type PlayHost, type PlayRun, type RunContext } from './context.js';
import { flushHandlers, HandlerIndex, notifyHandler } from './handlers.js';
import { forEachLimited } from './limiter.js';
import { errorMessage, failedResult } from './results.js';
import { abortPlay } from './task.js';
import { runRoles } from './roles.js';
import { runNodes } from './walker.js';

export async function runPlay(run: RunContext, play: Play, handlers: HandlerIndex): Promise<void> {
  const plan = planPlay(play, run.planInputs, new Set([...run.failedHosts, ...run.unreachableHosts]));
  const names = plan.hosts;
  if (names.length === 0) {
    run.emit({ type: 'play_start', name: plan.name, hosts: [] });
    run.emit({ type: 'warning', message: `play '${plan.name}': skipping, no hosts matched '${plan.pattern}'` });
    return;
  }
  const { publicRoles, allRoles } = plan.roles;
  run.scopes.startPlay(plan.layers);
  const hosts = new Map<string, PlayHost>();
  for (const name of names) {
    hosts.set(name, { name, failed: false, unreachable: false, ended: false, notified: new Set(), rolesRun: new Set() });
    run.stats[name] ??= emptyStats();
  }
  const pr: PlayRun = {
    run, play, allHosts: names, hosts, batch: [], ended: false, batchEnded: false,
    rolesByDir: new Map(allRoles.map((r) => [r.ref.dir, r])),
    publicRoleDirs: new Set(publicRoles.map((r) => r.ref.dir)),
    throttles: new Map(),
    runOnceShared: new Map(),
    addHandlers: (list) => handlers.add(list),
    flushHandlers: (list) => flushHandlers(pr, handlers, list),
    notify: (host, name) => notifyHandler(handlers, host, name),
  };
  const argumentProblems = checkArgumentSpecs(pr, playRoles(play.roles));
  const inh = playInherited(play);
  for (const batch of plan.batches) {
    if (run.aborted || pr.ended || run.signal?.aborted) break;
    pr.batch = batch;
    pr.batchEnded = false;
    pr.runOnceShared.clear();
    const batchHosts = batch.map((n) => hosts.get(n)!);
    run.emit({ type: 'play_start', name: plan.name, hosts: batch });
    reportArgumentSpecs(pr, batchHosts, argumentProblems);
    const walkPlay = async (list: readonly PlayHost[]) => {
      if (play.gatherFacts && shouldRunForTags(['always'], run.tags)) await gatherFacts(pr, list);
      await runSection(pr, list, inh, play.preTasks);
      await runSection(pr, list, inh, undefined);
      await runSection(pr, list, inh, play.postTasks);
    };
    // linear: hosts move in lockstep, task by task. free: each host walks the whole play (with its
    // own handler flushes) at its own pace; they meet only at the end of the batch.
    if (play.strategy === 'free') await Promise.all(batchHosts.map((h) => walkPlay([h])));
    else await walkPlay(batchHosts);
    for (const h of batchHosts) if (h.failed) run.failedHosts.add(h.name);
    // A batch whose every host failed ends the run (Ansible's break_play).
    if (!run.aborted && batchHosts.every((h) => h.failed || h.unreachable)) abortPlay(pr);
  }
}

/** A section then its handler flush; `undefined` means roles followed by tasks. */
async function runSection(pr: PlayRun, hosts: readonly PlayHost[], inh: Inherited, nodes: readonly TaskNode[] | undefined): Promise<void> {
  if (nodes) await runNodes(pr, nodes, hosts, inh);
  else {
    await runRoles(pr, pr.play.roles, hosts, inh);
    await runNodes(pr, pr.play.tasks, hosts, inh);
  }
  if (!pr.ended && !pr.run.aborted) await pr.flushHandlers(hosts);
}

function checkArgumentSpecs(pr: PlayRun, roles: readonly Role[]): Map<Role, Map<string, string>> {
  const problems = new Map<Role, Map<string, string>>();
  const withSpecs = roles.filter((r) => r.argumentSpecs);
  if (withSpecs.length === 0) return problems;
  const paramsOf = new Map<Role, Vars>();
  const collect = (uses: readonly RoleUse[]) => {
    for (const use of uses) {
      collect(use.role.dependencies);
      if (!paramsOf.has(use.role)) paramsOf.set(use.role, use.params);
    }
  };
  collect(pr.play.roles);
  for (const role of withSpecs) {
    const perHost = new Map<string, string>();
    for (const host of pr.allHosts) {
      const scope = pr.run.scopes.beforeContact(host, { roleVars: role.vars, roleParams: paramsOf.get(role), blockVars: [] });
      const problem = checkRoleArguments(role, scope);
      if (problem) perHost.set(host, problem);
    }
    problems.set(role, perHost);
  }
  return problems;
}

function reportArgumentSpecs(pr: PlayRun, hosts: readonly PlayHost[], problems: Map<Role, Map<string, string>>): void {
  for (const [role, perHost] of problems) {
    const active = hosts.filter((h) => isActive(pr, h));
    if (active.length === 0) return;
    const spec = role.argumentSpecs!;
    const task: TaskRef = { title: `${role.ref.name} : Validating arguments against arg spec '${spec.entryPoint}'`, where: formatLocation(spec.loc), isHandler: false, module: 'validate_argument_spec' };
    pr.run.emit({ type: 'task_start', task, hosts: active.map((h) => h.name) });
    for (const host of active) {
      const problem = perHost.get(host.name);
      if (problem) {
        host.failed = true;
        countStat(pr.run, host.name, 'failed');
        pr.run.emit({ type: 'host_result', task, host: host.name, status: 'failed', result: failedResult(problem, { argument_errors: [problem] }) });
      } else {
        countStat(pr.run, host.name, 'ok');
        pr.run.emit({ type: 'host_result', task, host: host.name, status: 'ok', result: { changed: false, msg: 'The arg spec validation passed' } });
      }
    }
  }
}

async function gatherFacts(pr: PlayRun, hosts: readonly PlayHost[]): Promise<void> {
  const active = hosts.filter((h) => isActive(pr, h));
  if (active.length === 0) return;
  const run = pr.run;
  const task: TaskRef = { title: 'Gathering Facts', where: formatLocation(pr.play.loc), isHandler: false, module: 'gather_facts' };
  run.emit({ type: 'task_start', task, hosts: active.map((h) => h.name) });
  await forEachLimited(active, run.limiter, async (host) => {
    try {
      const conn = await run.pool.get(host.name, pr.play.connectionDefaults);
      const facts = await run.services.gatherFacts(conn);
      run.hostState(host.name).mergeFacts(facts);
      countStat(run, host.name, 'ok');
      run.emit({ type: 'host_result', task, host: host.name, status: 'ok', result: { changed: false, ansible_facts: facts } });
    } catch (error) {
      if (error instanceof UnreachableError) {
        host.unreachable = true;
        run.unreachableHosts.add(host.name);
        countStat(run, host.name, 'unreachable');
        run.emit({ type: 'host_result', task, host: host.name, status: 'unreachable', result: { unreachable: true, changed: false, msg: error.message } });
      } else {
        host.failed = true;
        countStat(run, host.name, 'failed');
        run.emit({ type: 'host_result', task, host: host.name, status: 'failed', result: failedResult(`fact gathering failed: ${errorMessage(error)}`) });
      }
    }
  });
  if (pr.play.anyErrorsFatal && active.some((h) => h.failed || h.unreachable)) abortPlay(pr);
}
