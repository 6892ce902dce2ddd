// The engine's public contract: the CLI loads, then calls runPlaybook; the engine emits events and
// returns an outcome from which the CLI derives the exit code.
import type { Connection, ConnectionSpec } from '../connection/types.js';
import type { Inventory, Playbook, Vars } from '../model.js';
import type { ModuleRegistry } from '../modules/registry.js';
import type { HostStats, RunEventListener } from './events.js';
import type { Sources } from '../sources.js';
import type { EngineServices } from './services.js';

export interface RunOptions {
  readonly check: boolean;
  readonly diff: boolean;
  /** Hosts worked on at once within a task. Default high (connections are cheap). */
  readonly forks: number;
  readonly limit?: string;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  readonly extraVars: Vars;
  /** -b / --become-user / -K */
  readonly become?: boolean;
  readonly becomeUser?: string;
  readonly becomePassword?: string;
  /** -u / --private-key */
  readonly remoteUser?: string;
  readonly privateKeyFile?: string;
  /** --known-hosts FILE (repeatable) and --host-key-checking strict|accept-new|off */
  readonly knownHostsFiles?: readonly string[];
  readonly hostKeyChecking?: 'strict' | 'accept-new' | 'off';
  /** -T, seconds (default 10) */
  readonly connectTimeoutSeconds?: number;
  readonly startAtTask?: string;
  readonly forceHandlers: boolean;
  readonly verbosity: number;
}

export interface RunDependencies {
  readonly registry: ModuleRegistry;
  /** The run's controller files (task files included at run time, vars files, module sources), vault-aware. */
  readonly sources: Sources;
  /** Opens a connection; rejects with UnreachableError when the host cannot be reached. */
  readonly connect: (spec: ConnectionSpec) => Promise<Connection>;
  readonly onEvent: RunEventListener;
  /** Aborted on SIGINT: no new task starts, the recap so far is emitted. */
  readonly signal?: AbortSignal;
  /** Replace some collaborators (templating, patterns, connection specs, facts); tests use it. */
  readonly services?: Partial<EngineServices>;
}

export interface RunOutcome {
  readonly stats: Readonly<Record<string, HostStats>>;
  readonly anyFailed: boolean;
  readonly anyUnreachable: boolean;
  /** Some task reported changed (in check mode: would change). Drives --detailed-exitcode. */
  readonly anyChanged: boolean;
  readonly interrupted: boolean;
  /** --start-at-task named a task the run never reached (Ansible reports it as an error, exit code unchanged). */
  readonly startAtTaskNotFound?: boolean;
}
