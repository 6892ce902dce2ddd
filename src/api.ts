// The programmatic API: `import { runPlaybook } from 'tsplay'`. The same loading, validation, masking
// and engine as `tsplay run`, without the terminal: the caller gets the event stream (masked, as every
// reporter gets it) and the outcome with Ansible's exit code.
import { dirname, resolve } from 'node:path';
import { exitCodeForOutcome } from './cli/exit-code.js';
import { plainPasswords } from './cli/inventory-secrets.js';
import { defaultDependencies } from './cli/wiring.js';
import type { HostStats, RunEvent } from './engine/events.js';
import { maskValue } from './vault/mask.js';
import { vaultKeyringFrom } from './vault/passwords.js';

export type { HostStats, HostStatus, RunEvent, TaskRef } from './engine/events.js';

export interface RunPlaybookOptions {
  /** The playbook file (relative to `cwd`). */
  readonly playbook: string;
  /** Inventory sources as `-i` takes them: files, directories, scripts, 'h1,h2,'. */
  readonly inventory: string | readonly string[];
  /** As `-e`: a dict of variables (highest precedence). */
  readonly extraVars?: Readonly<Record<string, unknown>>;
  readonly check?: boolean;
  readonly diff?: boolean;
  readonly limit?: string;
  readonly tags?: readonly string[];
  readonly skipTags?: readonly string[];
  readonly forks?: number;
  readonly become?: boolean;
  readonly becomeUser?: string;
  /** Never printed: masked in every event. */
  readonly becomePassword?: string;
  readonly remoteUser?: string;
  readonly privateKeyFile?: string;
  readonly vaultPasswordFiles?: readonly string[];
  readonly rolesPath?: readonly string[];
  readonly hostKeyChecking?: 'strict' | 'accept-new' | 'off';
  readonly knownHostsFiles?: readonly string[];
  /** Base for relative paths; default process.cwd(). */
  readonly cwd?: string;
  /** Every event of the run (play and task starts, host results, warnings, the recap), secrets masked. */
  readonly onEvent?: (event: RunEvent) => void;
  /** Abort to stop after the tasks in flight, as Ctrl-C does. */
  readonly signal?: AbortSignal;
}

export interface RunPlaybookResult {
  /** ansible-playbook's exit code for this outcome (0, 2 failed, 4 unreachable, 3 with check...). */
  readonly exitCode: number;
  readonly stats: Readonly<Record<string, HostStats>>;
  readonly anyFailed: boolean;
  readonly anyUnreachable: boolean;
  readonly anyChanged: boolean;
  readonly interrupted: boolean;
}

/** Loads and validates everything (throwing a located error before any host is touched), then runs. */
export async function runPlaybook(options: RunPlaybookOptions): Promise<RunPlaybookResult> {
  const deps = defaultDependencies;
  const cwd = options.cwd ?? process.cwd();
  const playbookPath = resolve(cwd, options.playbook);
  const vault = await vaultKeyringFrom({ passwordFiles: options.vaultPasswordFiles ?? [], vaultIds: [], askVaultPass: false }, () => {
    throw new Error('runPlaybook cannot ask for a vault password: pass vaultPasswordFiles');
  }, process.env, cwd);
  const rolesPath = (options.rolesPath ?? []).map((p) => resolve(cwd, p));
  const sources = deps.createSources({ registry: deps.registry, playbookDir: dirname(playbookPath), rolesPath, vault });
  const playbook = await deps.loadPlaybook(playbookPath, { registry: deps.registry, rolesPath, vault: sources.vault });
  const inventorySources = typeof options.inventory === 'string' ? [options.inventory] : [...options.inventory];
  const inventory = await deps.loadInventory(inventorySources.map((s) => (s.includes(',') ? s : resolve(cwd, s))), { playbookDir: playbook.dir, vault: sources.vault });
  const extraVars = { ...(options.extraVars ?? {}) };
  const secrets = [...plainPasswords(inventory, extraVars), ...(options.becomePassword ? [options.becomePassword] : [])];
  const onEvent = options.onEvent ?? (() => undefined);
  const outcome = await deps.runPlaybook(playbook, inventory, {
    check: options.check ?? false,
    diff: options.diff ?? false,
    forks: options.forks ?? 100,
    limit: options.limit,
    tags: options.tags ?? [],
    skipTags: options.skipTags ?? [],
    extraVars,
    become: options.become,
    becomeUser: options.becomeUser,
    becomePassword: options.becomePassword,
    remoteUser: options.remoteUser,
    privateKeyFile: options.privateKeyFile,
    knownHostsFiles: options.knownHostsFiles,
    hostKeyChecking: options.hostKeyChecking,
    forceHandlers: false,
    verbosity: 0,
  }, {
    registry: deps.registry,
    sources,
    connect: (spec) => deps.connect(spec, options.becomePassword === undefined ? {} : { becomePassword: options.becomePassword }),
    onEvent: (event) => {
      const masked = sources.revealed.size === 0 ? secrets : [...secrets, ...sources.revealed];
      onEvent(masked.length === 0 ? event : maskValue(event, masked));
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const exitCode = exitCodeForOutcome(outcome, { check: options.check ?? false, detailedExitcode: false });
  return { exitCode, stats: outcome.stats, anyFailed: outcome.anyFailed, anyUnreachable: outcome.anyUnreachable, anyChanged: outcome.anyChanged, interrupted: outcome.interrupted };
}
