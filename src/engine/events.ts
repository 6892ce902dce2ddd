// The engine's output contract: it emits these typed events and never prints; renderers (listr2 on
// a TTY, plain lines, JSON) subscribe. The contract lives here so report depends on the engine and
// never the reverse. Results in events are already censored for no_log and vault values.
import type { FileDiff } from '../diff/unified.js';

export type HostStatus = 'ok' | 'changed' | 'skipped' | 'failed' | 'unreachable' | 'rescued' | 'ignored';

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export interface TaskRef {
  /** Display title as Ansible prints it: "role : name", or the module name when unnamed. */
  readonly title: string;
  /** "file:line:col" of the task. */
  readonly where: string;
  readonly isHandler: boolean;
  /** Canonical module name (e.g. 'debug'), when known: debug results are always shown, like Ansible. */
  readonly module?: string;
}

export type RunEvent =
  | { readonly type: 'playbook_start'; readonly file: string; readonly check: boolean }
  | { readonly type: 'play_start'; readonly name: string; readonly hosts: readonly string[] }
  | { readonly type: 'task_start'; readonly task: TaskRef; readonly hosts: readonly string[] }
  | {
      readonly type: 'host_result';
      readonly task: TaskRef;
      readonly host: string;
      readonly status: HostStatus;
      /** The (censored) module result; for loops also `results`. */
      readonly result: Readonly<Record<string, unknown>>;
      readonly item?: unknown;
      readonly delegatedTo?: string;
      readonly diff?: readonly FileDiff[];
      /** For failures with ignore_errors (printed as "...ignoring"). */
      readonly ignored?: boolean;
    }
  | { readonly type: 'retry'; readonly task: TaskRef; readonly host: string; readonly retriesLeft: number }
  | { readonly type: 'included'; readonly file: string; readonly hosts: readonly string[] }
  | { readonly type: 'no_hosts_left' }
  | { readonly type: 'warning'; readonly message: string }
  | { readonly type: 'recap'; readonly stats: Readonly<Record<string, HostStats>> };

export type RunEventListener = (event: RunEvent) => void;

export function emptyStats(): HostStats {
  return { ok: 0, changed: 0, unreachable: 0, failed: 0, skipped: 0, rescued: 0, ignored: 0 };
}
