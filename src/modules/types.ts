// The contract every module follows: read the current state, act only on a difference, in check
// mode report what would change and touch nothing, and report `changed` exactly when something changed.
import type { BecomeOptions, Connection } from '../connection/types.js';
import type { FileDiff } from '../diff/unified.js';
import type { RoleRef } from '../model.js';
import type { Sources } from '../sources.js';

// Modules return file diffs in the shape the engine's events and the reports share.
export type { FileDiff };

export interface ModuleResult {
  changed: boolean;
  failed?: boolean;
  skipped?: boolean;
  /** Usually text; debug, fail and assert keep a list or dict message structured, as Ansible does. */
  msg?: unknown;
  diff?: FileDiff[];
  /** set_fact returns its facts here; the engine merges them into the host's variables. */
  ansible_facts?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface ModuleContext {
  readonly conn: Connection;
  /** Inventory name of the host the task runs for. */
  readonly host: string;
  readonly check: boolean;
  readonly diff: boolean;
  readonly become?: BecomeOptions;
  /** Per-command timeout for this task, when the task set `timeout`. */
  readonly timeoutMs?: number;
  /** The task's full variable scope (read-only). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Role of the task, if any: `src:` is looked up in its files/ or templates/. */
  readonly role?: RoleRef;
  /** Directory of the playbook: `src:` falls back to files/ and templates/ next to it. */
  readonly playbookDir: string;
  /** The run's controller files: find `src:` and scripts, read vars files (vault-aware). */
  readonly sources: Sources;
  /** Evaluate an expression (same language as `when`) over the task's scope. */
  evaluate(expression: string): unknown;
  /** Render a mustache template text over the task's scope, strict; `name` is used in errors. */
  renderTemplate(text: string, name: string): string;
  /**
   * Drop the connection to the host and dial again (the reboot module, after the host went down).
   * Rejects when the host does not answer yet; never remembered as unreachable.
   */
  reconnect?(): Promise<Connection>;
  /** The task's `async`/`poll`: only modules with supportsAsync get it (the loader refuses the others). */
  readonly async?: AsyncSettings;
}

/** How a task runs asynchronously: at most `timeoutSec`, its status read every `pollSec` (0: not waited for). */
export interface AsyncSettings {
  readonly timeoutSec: number;
  readonly pollSec: number;
}

export interface ModuleDefinition<Args = Record<string, unknown>> {
  readonly name: string;
  /** Draft-07 JSON Schema of the arguments; unknown arguments must be rejected (additionalProperties: false). */
  readonly schema: Readonly<Record<string, unknown>>;
  /**
   * Free-form modules accept a string (`command: ls -l`, `set_fact: a=1`); the loader turns it into
   * arguments with this function before validation.
   */
  readonly freeForm?: (text: string) => Record<string, unknown>;
  /** Modules that must not be skipped in check mode even though they act (e.g. set_fact, debug, assert). */
  readonly runsInCheckMode?: boolean;
  /** Modules that can run as an `async:` job on the target (command, shell, script). */
  readonly supportsAsync?: boolean;
  /** Modules that run on the controller only and need no connection (debug, set_fact, assert, fail, meta). */
  readonly controllerOnly?: boolean;
  /** Run once per batch with the result shared by every host, as if `run_once` were set (pause). */
  readonly runsOncePerBatch?: boolean;
  /**
   * The module dials the host itself through ctx.reconnect (wait_for_connection): the engine opens
   * no connection first, so a host that is not up yet is not marked unreachable before it runs.
   */
  readonly dialsItself?: boolean;
  run(ctx: ModuleContext, args: Args): Promise<ModuleResult>;
}
