// `tsplay run PLAYBOOK`: load everything (nothing is contacted before the playbook, its roles and
// the inventory validate), then list, syntax-check or run with the chosen reporter.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RunOptions } from '../engine/api.js';
import { TsplayError } from '../errors.js';
import type { Inventory } from '../model.js';
import { createInventoryView } from '../plan/inventory-view.js';
import { createPlanInputs, planPlay } from '../plan/play-plan.js';
import type { Sources } from '../sources.js';
import { shouldUseColor } from '../report/color.js';
import { createJsonReporter } from '../report/json.js';
import { createPlainReporter } from '../report/plain.js';
import type { Reporter } from '../report/reporter.js';
import type { RunArgs } from './args.js';
import { describeError } from './error-output.js';
import { exitCodeForError, exitCodeForOutcome, EXIT } from './exit-code.js';
import { redact, type CliIO } from './io.js';
import { listingOutput, syntaxCheckOutput } from './listing.js';
import { PromptCancelled, promptHidden } from './prompt.js';
import type { CliDependencies } from './wiring.js';
import { maskValue } from '../vault/mask.js';
import { vaultKeyringFrom } from '../vault/passwords.js';
import { plainPasswords } from './inventory-secrets.js';
import { teeReporters } from '../report/tee.js';
import { openRunLog, openRunRecorder } from './run-outputs.js';

export const DEFAULT_INVENTORY = 'inventory/hosts.yml';
export const NO_HOSTS_MESSAGE = 'Specified inventory, host pattern and/or --limit leaves us with no hosts to target.';
export const INTERRUPT_MESSAGE = 'interrupted, finishing tasks in flight (press Ctrl-C again to stop at once)';

export type ReporterKind = 'json' | 'plain' | 'listr';

/** --json > --plain > live view on a terminal > plain lines. */
export function chooseReporterKind(args: Pick<RunArgs, 'json' | 'plain'>, stdoutIsTty: boolean): ReporterKind {
  if (args.json) return 'json';
  if (args.plain || !stdoutIsTty) return 'plain';
  return 'listr';
}

function inventorySources(args: RunArgs, io: CliIO): string[] | undefined {
  if (args.inventories.length > 0) return [...args.inventories];
  const fallback = resolve(io.cwd, DEFAULT_INVENTORY);
  return existsSync(fallback) ? [fallback] : undefined;
}

/** Throws Ansible's message when the inventory, narrowed by --limit, leaves no host. */
function checkHostsLeft(inventory: Inventory, args: RunArgs, deps: CliDependencies): void {
  if (args.limit === undefined) {
    if (inventory.hosts.size === 0) throw new TsplayError(NO_HOSTS_MESSAGE, { kind: 'usage' });
    return;
  }
  let hosts: string[];
  try {
    hosts = deps.selectHosts(inventory, args.limit);
  } catch {
    hosts = [];
  }
  if (hosts.length === 0) throw new TsplayError(NO_HOSTS_MESSAGE, { kind: 'usage' });
}

async function createReporter(kind: ReporterKind, args: RunArgs, io: CliIO): Promise<Reporter> {
  if (kind === 'json') return createJsonReporter({ stdout: io.stdout, stderr: io.stderr });
  const options = { stdout: io.stdout, stderr: io.stderr, verbosity: args.verbosity, diff: args.diff, color: shouldUseColor(io.stdout, io.env), timing: args.timing === true };
  if (kind !== 'listr') return createPlainReporter(options);
  // listr2 is only needed for the live view on a terminal: not loaded for piped or CI output.
  const { createListrReporter } = await import('../report/listr.js');
  return createListrReporter(options);
}

export function toRunOptions(args: RunArgs, extraVars: Record<string, unknown>, becomePassword: string | undefined): RunOptions {
  return {
    check: args.check,
    diff: args.diff,
    forks: args.forks,
    limit: args.limit,
    tags: args.tags,
    skipTags: args.skipTags,
    extraVars,
    // Only -b turns become on; without it plays and tasks decide.
    become: args.become ? true : undefined,
    becomeUser: args.becomeUser,
    becomePassword,
    remoteUser: args.user,
    privateKeyFile: args.privateKey,
    knownHostsFiles: args.knownHosts.length > 0 ? args.knownHosts : undefined,
    hostKeyChecking: args.hostKeyChecking,
    connectTimeoutSeconds: args.timeout,
    startAtTask: args.startAtTask,
    forceHandlers: args.forceHandlers,
    verbosity: args.verbosity,
  };
}

/** `secrets` collects values (the become password) that error output must never show. */
export async function runCommand(args: RunArgs, io: CliIO, deps: CliDependencies, secrets: string[] = []): Promise<number> {
  const playbookPath = resolve(io.cwd, args.playbook);
  if (!existsSync(playbookPath)) throw new TsplayError(`the playbook: ${args.playbook} could not be found`, { kind: 'usage' });
  const inventoryPaths = inventorySources(args, io);
  if (inventoryPaths === undefined && !args.syntaxCheck) {
    throw new TsplayError(`no inventory given (-i) and ${DEFAULT_INVENTORY} does not exist`, { kind: 'usage', hint: 'pass -i FILE, a directory, or a host list such as -i "host1,host2,"' });
  }
  // Vault passwords are asked before loading (as Ansible does): vars files and `!vault` values
  // decrypt in memory, at load time and at run time (include_vars), and every value they reveal is
  // masked in the output (see execute).
  const keyring = await vaultKeyringFrom(
    { passwordFiles: args.vaultPasswordFiles ?? [], vaultIds: args.vaultIds ?? [], askVaultPass: args.askVaultPass === true },
    (question) => promptHidden(question, io.stdin, io.stderr),
    io.env,
    io.cwd,
  );
  // The one loader object of the run: the load-time readers share its keyring, the engine and the
  // modules read the files of the run through it.
  const rolesPath = args.rolesPath.map((p) => resolve(io.cwd, p));
  const sources = deps.createSources({ registry: deps.registry, playbookDir: dirname(playbookPath), rolesPath, vault: keyring });
  const extraVars = deps.parseExtraVars(args.extraVars, io.cwd, sources.vault);
  const playbook = await deps.loadPlaybook(playbookPath, { registry: deps.registry, rolesPath, vault: sources.vault });
  for (const warning of playbook.warnings ?? []) io.stderr.write(`[WARNING]: ${warning}\n`);
  const inventory = inventoryPaths === undefined
    ? undefined
    : await deps.loadInventory(inventoryPaths.map((s) => (s.includes(',') ? s : resolve(io.cwd, s))), { playbookDir: playbook.dir, vault: sources.vault });
  secrets.push(...plainPasswords(inventory, extraVars));
  if (args.syntaxCheck) {
    io.stdout.write(syntaxCheckOutput(args.playbook));
    return EXIT.OK;
  }
  checkHostsLeft(inventory!, args, deps);
  if (args.listHosts || args.listTasks || args.listTags) {
    const planInputs = createPlanInputs(createInventoryView(inventory!), {
      extraVars, check: args.check, diff: args.diff, limit: args.limit, playbookDir: playbook.dir, verbosity: args.verbosity,
    }, deps);
    const text = listingOutput(playbook, {
      playbookArg: args.playbook,
      listHosts: args.listHosts,
      listTasks: args.listTasks,
      listTags: args.listTags,
      tags: { only: args.tags, skip: args.skipTags },
      planOf: (play) => planPlay(play, planInputs),
    });
    io.stdout.write(text);
    return EXIT.OK;
  }

  let becomePassword: string | undefined;
  if (args.askBecomePass) {
    try {
      becomePassword = await promptHidden('BECOME password: ', io.stdin, io.stderr);
      secrets.push(becomePassword);
    } catch (error) {
      if (error instanceof PromptCancelled) return EXIT.INTERRUPTED;
      throw error;
    }
  }
  return execute(args, io, deps, { playbook, inventory: inventory!, extraVars, becomePassword, sources }, secrets);
}

/** --connect-retries N: waits of 0.5 s, 1 s, 2 s, ... (capped at 4 s) between attempts. */
export function connectRetryOptions(args: Pick<RunArgs, 'connectRetries'>): { retryDelaysMs?: number[] } {
  if (args.connectRetries === undefined) return {};
  return { retryDelaysMs: Array.from({ length: args.connectRetries }, (_, i) => Math.min(500 * 2 ** i, 4000)) };
}

async function execute(
  args: RunArgs,
  io: CliIO,
  deps: CliDependencies,
  loaded: { playbook: Awaited<ReturnType<CliDependencies['loadPlaybook']>>; inventory: Inventory; extraVars: Record<string, unknown>; becomePassword?: string; sources: Sources },
  secrets: string[],
): Promise<number> {
  const { becomePassword, sources } = loaded;
  // Read at each event: a vault file read at run time (include_vars) adds its values as it goes.
  const secretsNow = (): string[] => (sources.revealed.size === 0 ? secrets : [...secrets, ...sources.revealed]);
  const screen = await createReporter(chooseReporterKind(args, io.stdout.isTTY === true), args, io);
  const log = openRunLog(args, io);
  const record = openRunRecorder(args, io, { playbook: loaded.playbook.file, inventories: loaded.inventory.sources, mask: (text) => redact(text, [becomePassword, ...secretsNow()]) });
  const reporters = [screen, ...(log ? [createPlainReporter({ stdout: log, stderr: log, verbosity: args.verbosity, diff: args.diff, color: false, timing: args.timing === true })] : [])];
  const reporter = teeReporters(...reporters, ...(record ? [record] : []));
  const controller = new AbortController();
  let interrupts = 0;
  const unsubscribe = io.onInterrupt(() => {
    interrupts++;
    if (interrupts === 1) {
      io.stderr.write(`\n${INTERRUPT_MESSAGE}\n`);
      controller.abort();
    } else {
      io.exitNow(EXIT.INTERRUPTED);
    }
  });
  try {
    const outcome = await deps.runPlaybook(loaded.playbook, loaded.inventory, toRunOptions(args, loaded.extraVars, becomePassword), {
      registry: deps.registry,
      sources,
      connect: (spec) => deps.connect(spec, { ...(becomePassword === undefined ? {} : { becomePassword }), ...connectRetryOptions(args) }),
      // The one masking step: vault-sourced values and the become password never reach a renderer.
      onEvent: (event) => {
        const masked = secretsNow();
        reporter.onEvent(masked.length === 0 ? event : maskValue(event, masked));
      },
      signal: controller.signal,
    });
    const interrupted = outcome.interrupted || controller.signal.aborted;
    const exitCode = exitCodeForOutcome({ ...outcome, interrupted }, args);
    await reporter.finish({ interrupted, exitCode });
    if (outcome.startAtTaskNotFound && !interrupted) {
      // ansible-playbook 2.14 prints this after the recap and still exits 0.
      io.stderr.write(`[ERROR]: No matching task "${args.startAtTask}" found. Note: --start-at-task can only follow static includes.\n`);
    }
    return exitCode;
  } catch (error) {
    // main() reports the error with `secrets`: it must know the values revealed during the run too.
    secrets.push(...sources.revealed);
    await reporter.finish({ interrupted: controller.signal.aborted, error: redact(describeError(error), [becomePassword, ...secrets]), exitCode: exitCodeForError(error) });
    throw error;
  } finally {
    unsubscribe();
    await log?.close().catch((error: Error) => io.stderr.write(`[WARNING]: log file ${log.path} was not fully written: ${error.message}\n`));
  }
}

