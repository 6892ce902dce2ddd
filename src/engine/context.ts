// The state the engine threads through a run, a play and a walk over a task list.
import { KEYWORDS, type InnerField } from '../keywords.js';
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

/** Keywords a task inherits from its blocks, role, include and play (src/keywords.ts says which and how). */
export type Inherited = Pick<TaskCommon, InnerField> & {
  /** `and`: every enclosing condition, outermost first. */
  readonly when: readonly string[];
  readonly tags: readonly string[];
  /** `union`: handlers the enclosing blocks notify (added to each task's own `notify`). */
  readonly notify?: readonly string[];
  /** `layer`: the enclosing blocks' and includes' vars, innermost last. */
  readonly vars: readonly Vars[];
  readonly environment: readonly NonNullable<TaskCommon['environment']>[];
  /** `layer`: the module_defaults of the play and enclosing blocks and includes, innermost last. */
  readonly moduleDefaults?: readonly NonNullable<TaskCommon['moduleDefaults']>[];
  /** remote_user/port/connection from the play and the enclosing blocks, the innermost winning. */
  readonly connectionDefaults?: Vars;
  readonly role?: RoleFrame;
  /** How many include_tasks/include_role enclose the task (a self-including file is bounded by it). */
  readonly includeDepth?: number;
  /** Set inside a handler flush. */
  readonly isHandler?: boolean;
  /** Inside a block that has a `rescue`: a failure here is counted as rescued, not failed. */
  readonly rescuable?: boolean;
};

/** What a play, block, include or role entry writes, as far as it passes down. */
export type KeywordNode = Partial<Pick<TaskCommon, InnerField | 'environment' | 'moduleDefaults' | 'connectionDefaults'>> & {
  readonly when: readonly string[];
  readonly tags: readonly string[];
  readonly vars: Vars;
};

const NOTHING_INHERITED: Inherited = { when: [], tags: [], vars: [], environment: [] };

/** What a play passes to its tasks (its vars are not among them: they have their own precedence level). */
export function playInherited(play: Play): Inherited {
  return inheritFrom(NOTHING_INHERITED, { ...play, when: [], vars: {} });
}

/** The connection keywords in force for a task: its own over its blocks' over the play's. */
export function connectionDefaultsFor(node: Pick<TaskCommon, 'connectionDefaults'>, outer: Inherited): Vars | undefined {
  if (!node.connectionDefaults) return outer.connectionDefaults;
  return outer.connectionDefaults ? { ...outer.connectionDefaults, ...node.connectionDefaults } : node.connectionDefaults;
}

/** Keywords of a block/include/role entry (or a task) layered over what is inherited, as the keyword table says. */
export function inheritFrom(outer: Inherited, node: KeywordNode, extraVars?: Vars): Inherited {
  const next: Record<string, unknown> = { ...outer };
  const own = node as Record<string, unknown>;
  for (const row of KEYWORDS) {
    if (!('field' in row)) continue;
    const mine = own[row.field];
    const inherited = next[row.field] as unknown[] | undefined;
    switch (row.inherit) {
      case 'inner':
        next[row.field] = mine ?? inherited;
        break;
      case 'and':
      case 'union':
        // Not every node carries every list (a play has no `notify`).
        if (Array.isArray(mine) && mine.length > 0) next[row.field] = [...(inherited ?? []), ...(mine as unknown[])];
        break;
      case 'layer':
        if (mine !== undefined && Object.keys(mine as object).length > 0) next[row.field] = [...(inherited ?? []), mine];
        break;
    }
  }
  if (extraVars) next.vars = [...outer.vars, node.vars, extraVars];
  next.connectionDefaults = connectionDefaultsFor(node, outer);
  return next as Inherited;
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
