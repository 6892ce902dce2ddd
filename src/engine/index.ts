// runPlaybook: the engine's entry point. Plays run in order over one connection per host; the
// engine emits events and never prints; the outcome drives the exit code.
import { TsplayError } from '../errors.js';
import { CONNECTION_KEYWORDS } from '../keywords.js';
import type { Inventory, Playbook, Vars } from '../model.js';
import { HostState } from './host-state.js';
import { nameTable } from '../util/name-table.js';
import { createInventoryView } from '../plan/inventory-view.js';
import { createPlanInputs } from '../plan/play-plan.js';
import { ScopeBuilder } from './scope.js';
import type { HostStats } from './events.js';
import type { RunDependencies, RunOptions, RunOutcome } from './api.js';
import { ConnectionPool } from './connections.js';
import { keywordOrVariable } from './keyword-precedence.js';
import type { RunContext } from './context.js';
import { checkNotifyNames, HandlerIndex } from './handlers.js';
import { Limiter } from './limiter.js';
import { runPlay } from './play.js';
import { defaultServices, type EngineServices } from './services.js';
import { readVariable } from '../template/lazy-vars.js';

export type { RunDependencies, RunOptions, RunOutcome } from './api.js';
export type { EngineServices } from './services.js';

const LOCAL_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

export async function runPlaybook(playbook: Playbook, inventory: Inventory, options: RunOptions, deps: RunDependencies): Promise<RunOutcome> {
  const services: EngineServices = { ...defaultServices(), ...deps.services };
  if (options.limit !== undefined && options.limit !== '' && services.selectHosts(inventory, options.limit).length === 0) {
    throw new TsplayError('Specified inventory, host pattern and/or --limit leaves us with no hosts to target.', { kind: 'usage' });
  }
  // Unknown handler names fail the run before any host is contacted (Ansible's rc 1).
  const handlerIndexes = playbook.plays.map((play) => {
    const index = new HandlerIndex(play.handlers);
    checkNotifyNames(play, index);
    return index;
  });

  const hostStates = new Map<string, HostState>();
  const hostState = (host: string) => {
    let state = hostStates.get(host);
    if (!state) hostStates.set(host, (state = new HostState(host)));
    return state;
  };
  const view = createInventoryView(inventory);
  const runFacts = { extraVars: options.extraVars, check: options.check, diff: options.diff, limit: options.limit, playbookDir: playbook.dir, verbosity: options.verbosity };
  const scopes = new ScopeBuilder(view, hostState, runFacts);
  const connectionVars = (host: string, keywordDefaults: Vars | undefined): Vars => {
    const vars = scopes.forTask(host, { blockVars: [], magic: {} });
    if (!inventory.hosts.has(host) && LOCAL_NAMES.has(host) && vars['ansible_connection'] === undefined) vars['ansible_connection'] = 'local';
    // The keywords remote_user, port and connection lose to the host's own variables (keyword-precedence.ts);
    // where a keyword wins it becomes the variable, which the spec resolver prefers to -u. Keywords
    // are the author's (`remote_user: "{{ admin_user }}"`): templated here.
    for (const { key, variables } of CONNECTION_KEYWORDS) {
      const keyword = keywordDefaults?.[variables[0]!];
      if (keywordOrVariable(key, vars, keyword)?.from === 'keyword') vars[variables[0]!] = services.templateValue(keyword, vars, `${host}: ${key}`);
    }
    // Connection variables may be templates ("{{ node_ip }}"): resolve them, and only them, and
    // only those the author wrote (a fact or registered value is data: lazy-vars.ts).
    for (const [key, value] of Object.entries(vars)) {
      if (key.startsWith('ansible_') && typeof value === 'string' && value.includes('{{')) vars[key] = readVariable(vars, key, value, vars);
    }
    return vars;
  };
  const pool = new ConnectionPool(deps.connect, (host, keywordDefaults) => services.resolveConnectionSpec(host, connectionVars(host, keywordDefaults), {
    remoteUser: options.remoteUser,
    privateKeyFile: options.privateKeyFile,
    knownHostsFiles: options.knownHostsFiles,
    hostKeyChecking: options.hostKeyChecking,
    connectTimeoutSeconds: options.connectTimeoutSeconds,
  }));
  const stats = nameTable<HostStats>();
  const run: RunContext = {
    playbook, options, registry: deps.registry, services, scopes, pool,
    planInputs: createPlanInputs(view, runFacts, services),
    limiter: new Limiter(Math.max(1, options.forks || 1)),
    sources: deps.sources,
    tags: { only: options.tags, skip: options.skipTags },
    signal: deps.signal,
    stats,
    hostState,
    emit: deps.onEvent,
    failedHosts: new Set(),
    filesFromTargets: new Set(),
    unreachableHosts: new Set(),
    anyChanged: false,
    aborted: false,
    abortedWithFailure: false,
    startAtPending: options.startAtTask !== undefined && options.startAtTask !== '',
  };

  run.emit({ type: 'playbook_start', file: playbook.file, check: options.check });
  try {
    for (const [i, play] of playbook.plays.entries()) {
      if (run.aborted || deps.signal?.aborted) break;
      await runPlay(run, play, handlerIndexes[i]!);
    }
  } finally {
    await pool.closeAll();
  }
  run.emit({ type: 'recap', stats });
  const anyFailed = run.abortedWithFailure || run.failedHosts.size > 0 || Object.values(stats).some((s) => s.failed > 0);
  return {
    stats,
    anyFailed,
    anyUnreachable: run.unreachableHosts.size > 0,
    anyChanged: run.anyChanged,
    interrupted: deps.signal?.aborted === true,
    ...(run.startAtPending ? { startAtTaskNotFound: true } : {}),
  };
}
