// The one place the CLI reaches the other stages (load, plan, engine, connection). Everything the
// run needs is in CliDependencies so tests can replace any part with a fake.
import type { Connection, ConnectionSpec } from '../connection/types.js';
import type { RunDependencies, RunOptions, RunOutcome } from '../engine/api.js';
import type { Inventory, Playbook, Vars } from '../model.js';
import { defaultRegistry, type ModuleRegistry } from '../modules/registry.js';
import {
  createSources, loadInventory, loadPlaybook, parseExtraVars, type LoaderSources, type LoadInventoryOptions, type LoadPlaybookOptions, type SourcesOptions,
} from '../load/index.js';
import type { VaultKeyring } from '../vault/keyring.js';
import { selectHosts } from '../plan/patterns.js';
import { templateValue } from '../template/index.js';
import { connect } from '../connection/index.js';
import { runPlaybook } from '../engine/index.js';

export type RunPlaybookFn = (playbook: Playbook, inventory: Inventory, options: RunOptions, deps: RunDependencies) => Promise<RunOutcome>;

export interface CliDependencies {
  readonly registry: ModuleRegistry;
  loadPlaybook(file: string, options: LoadPlaybookOptions): Promise<Playbook>;
  loadInventory(sources: readonly string[], options?: LoadInventoryOptions): Promise<Inventory>;
  parseExtraVars(values: readonly string[], cwd?: string, vault?: VaultKeyring): Vars;
  /** The run's loader object (vault keyring, run-time files), built once per run. */
  createSources(options: SourcesOptions): LoaderSources;
  /** Hosts a pattern selects in inventory order; throws when it selects none. */
  selectHosts(inventory: Inventory, pattern: string): string[];
  /** Templates a play's `hosts` and `serial` for the listing, as the engine does for the run. */
  templateValue(value: unknown, scope: Vars, where: string): unknown;
  runPlaybook: RunPlaybookFn;
  connect(spec: ConnectionSpec, options?: { becomePassword?: string; retryDelaysMs?: readonly number[] }): Promise<Connection>;
}

export const defaultDependencies: CliDependencies = {
  registry: defaultRegistry,
  loadPlaybook,
  loadInventory,
  parseExtraVars,
  createSources,
  selectHosts,
  templateValue,
  runPlaybook,
  connect,
};
