// The state the engine threads through a run, a play and a walk over a task list.
import type { Handler, Play, Playbook, Role, TaskCommon, Vars } from '../model.js';
import type { ModuleRegistry } from '../modules/registry.js';
import type { HostState } from './host-state.js';
import type { ScopeBuilder } from './scope.js';
import type { PlanInputs } from '../plan/play-plan.js';
import type { TagSelection } from '../plan/tags.js';
import type { HostStats, HostStatus, RunEvent } from './events.js';
import type { Sources } from '../sources.js';
import type { RunOptions } from './api.js';
import type { ConnectionPool } from './connections.js';
import type { Limiter } from './limiter.js';
import type { EngineServices } from './services.js';

export interface RunContext {
  readonly playbook: Playbook;
  readonly options: RunOptions;
  readonly registry: ModuleRegistry;
  readonly services: EngineServices;
  readonly scopes: ScopeBuilder;
  /** What planPlay() needs to choose a play's hosts, batches and roles (the listing uses the same). */
  readonly planInputs: PlanInputs;
  readonly pool: ConnectionPool;
  readonly limiter: Limiter;
  /** Reads controller files at run time: task files whose name is a template, vars files, module sources. */
  readonly sources: Sources;
  readonly tags: TagSelection;
  readonly signal?: AbortSignal;
  readonly stats: Record<string, HostStats>;
  hostState(host: string): HostState;
  emit(event: RunEvent): void;
  /** Hosts that failed or became unreachable: they run no later play. */
  readonly failedHosts: Set<string>;
  readonly unreachableHosts: Set<string>;
  /** Controller paths written by fetch in this run: what include_vars reads from them is data. */
  readonly filesFromTargets: Set<string>;
  anyChanged: boolean;
  /** any_errors_fatal / max_fail_percentage / a whole batch failed: no later play runs. */
  aborted: boolean;
  /** The abort came from failures (rc 2), not from the user. */
  abortedWithFailure: boolean;
  /** --start-at-task: still looking for the task to start at. */
  startAtPending: boolean;
}

/** One host within the current play. */
export interface PlayHost {
  readonly name: string;
  /** A failure not (yet) rescued: the host runs no further task of the play. */
  failed: boolean;
  unreachable: boolean;
  /** meta: end_host */
  ended: boolean;
  /** Handlers notified and not yet run, by handler. */
  readonly notified: Set<Handler>;
  /** Role uses (role dir + parameters) this host already ran in this play: each runs once. */
  readonly rolesRun: Set<string>;
  /** For `rescue`: the task and result that failed. */
  failedTask?: Vars;
  failedResult?: Vars;
}

export interface PlayRun {
  readonly run: RunContext;
  readonly play: Play;
  /** Every host of the play (after --limit), in order. */
  readonly allHosts: readonly string[];
  readonly hosts: ReadonlyMap<string, PlayHost>;
  /** Current serial batch. */
  batch: readonly string[];
  /** meta: end_play / end_batch */
  ended: boolean;
  batchEnded: boolean;
  /**
   * Every role the play uses (roles:, dependencies, import_role, include_role, and roles met in
   * files included at run time), by directory, so tasks and handlers carrying only a RoleRef
   * reach their role's defaults and vars.
   */
  readonly rolesByDir: Map<string, Role>;
  /** Roles whose defaults and vars are merged play-wide (roles:, their dependencies, import_role). */
  readonly publicRoleDirs: ReadonlySet<string>;
  /** Per-task host limits (`throttle`), shared by every host walking the task (free strategy too). */
  readonly throttles: Map<object, Limiter>;
  /** Under the free strategy: the one run of a run_once task in this batch, shared by its hosts. */
  readonly runOnceShared: Map<object, Map<string, Promise<unknown>>>;
  /** Register handlers of roles met at run time (include_tasks with a templated file name). */
  addHandlers(handlers: readonly Handler[]): void;
  /** Handlers run at meta: flush_handlers (set by the play runner). */
  flushHandlers(hosts: readonly PlayHost[]): Promise<void>;
  /** Record a notification; throws for a name no handler answers to. */
  notify(host: PlayHost, name: string): void;
}

/** A role being run, with the parameters given where it is used. */
export interface RoleFrame {
  readonly role: Role;
  readonly params: Vars;
}

/** Keywords a task inherits from its blocks, role, include and play. */
export interface Inherited {
  readonly when: readonly string[];
  readonly tags: readonly string[];
  readonly become?: boolean;
  readonly becomeUser?: string;
  readonly vars: readonly Vars[];
  readonly environment: readonly Readonly<Record<string, unknown>>[];
  readonly noLog?: boolean;
  readonly ignoreErrors?: boolean;
  readonly checkMode?: boolean;
  readonly delegateTo?: string;
  readonly runOnce?: boolean;
  readonly anyErrorsFatal?: boolean;
  readonly throttle?: number | string;
  readonly ignoreUnreachable?: boolean;
  /** remote_user/port/connection from the play and the enclosing blocks, the innermost winning. */
  readonly connectionDefaults?: Vars;
  readonly role?: RoleFrame;
  /** Set inside a handler flush. */
  readonly isHandler?: boolean;
  /** Inside a block that has a `rescue`: a failure here is counted as rescued, not failed. */
  readonly rescuable?: boolean;
}

export function playInherited(play: Play): Inherited {
  return {
    when: [],
    tags: play.tags,
    become: play.become,
    becomeUser: play.becomeUser,
    vars: [],
    environment: play.environment ? [play.environment] : [],
    noLog: play.noLog,
    ignoreErrors: play.ignoreErrors,
    checkMode: play.checkMode,
    ignoreUnreachable: play.ignoreUnreachable,
    throttle: play.throttle,
    connectionDefaults: play.connectionDefaults,
  };
}

/** The connection keywords in force for a task: its own over its blocks' over the play's. */
export function connectionDefaultsFor(node: TaskCommon, outer: Inherited): Vars | undefined {
  if (!node.connectionDefaults) return outer.connectionDefaults;
  return outer.connectionDefaults ? { ...outer.connectionDefaults, ...node.connectionDefaults } : node.connectionDefaults;
}

/** Keywords of a block/include (or a task) layered over what is inherited. */
export function inheritFrom(outer: Inherited, node: TaskCommon, extraVars?: Vars): Inherited {
  return {
    ...outer,
    when: node.when.length > 0 ? [...outer.when, ...node.when] : outer.when,
    tags: node.tags.length > 0 ? [...outer.tags, ...node.tags] : outer.tags,
    become: node.become ?? outer.become,
    becomeUser: node.becomeUser ?? outer.becomeUser,
    vars: extraVars ? [...outer.vars, node.vars, extraVars] : Object.keys(node.vars).length > 0 ? [...outer.vars, node.vars] : outer.vars,
    environment: node.environment ? [...outer.environment, node.environment] : outer.environment,
    noLog: node.noLog ?? outer.noLog,
    ignoreErrors: node.ignoreErrors ?? outer.ignoreErrors,
    checkMode: node.checkMode ?? outer.checkMode,
    delegateTo: node.delegateTo ?? outer.delegateTo,
    runOnce: node.runOnce ?? outer.runOnce,
    anyErrorsFatal: node.anyErrorsFatal ?? outer.anyErrorsFatal,
    throttle: node.throttle ?? outer.throttle,
    ignoreUnreachable: node.ignoreUnreachable ?? outer.ignoreUnreachable,
    connectionDefaults: connectionDefaultsFor(node, outer),
  };
}

export function isActive(pr: PlayRun, host: PlayHost): boolean {
  return !host.failed && !host.unreachable && !host.ended && !pr.ended && !pr.batchEnded && !pr.run.aborted;
}

export function countStat(run: RunContext, host: string, status: HostStatus | 'ok+changed' | 'ok+ignored'): void {
  const stats = run.stats[host];
  if (!stats) return;
  switch (status) {
    case 'ok+changed':
    case 'changed':
      // Ansible's recap counts a changed task in `ok` too.
      stats.ok++;
      stats.changed++;
      break;
    case 'ok+ignored':
    case 'ignored':
      stats.ok++;
      stats.ignored++;
      break;
    default:
      stats[status]++;
  }
}
