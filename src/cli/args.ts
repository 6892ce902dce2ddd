// Our own small argument parser: node's parseArgs cannot count `-vvv`, repeat `-e`, and accept
// `--flag=value`, `-fN` and `-f N` together. Parse errors are UsageError (exit 2, like argparse in
// ansible-playbook); values that parse but make no sense are OptionsError (exit 5, Ansible's
// AnsibleOptionsError).
import { TsplayError } from '../errors.js';

export type HostKeyChecking = 'strict' | 'accept-new' | 'off';

export interface RunArgs {
  readonly playbook: string;
  readonly inventories: readonly string[];
  readonly limit?: string;
  readonly tags: readonly string[];
  readonly skipTags: readonly string[];
  /** Raw -e values in order, for the loader's parseExtraVars. */
  readonly extraVars: readonly string[];
  readonly forks: number;
  readonly user?: string;
  readonly become: boolean;
  readonly becomeUser?: string;
  readonly askBecomePass: boolean;
  readonly privateKey?: string;
  readonly knownHosts: readonly string[];
  readonly hostKeyChecking?: HostKeyChecking;
  /** -T, seconds. */
  readonly timeout?: number;
  readonly check: boolean;
  readonly diff: boolean;
  readonly verbosity: number;
  readonly listHosts: boolean;
  readonly listTasks: boolean;
  readonly listTags: boolean;
  readonly syntaxCheck: boolean;
  readonly startAtTask?: string;
  readonly forceHandlers: boolean;
  readonly json: boolean;
  readonly plain: boolean;
  /** --log-file: the plain lines also appended to this file (Ansible's log_path). */
  readonly logFile?: string;
  /** --timing: the slowest tasks after the recap (also with -v). */
  readonly timing?: boolean;
  /** --runs-dir: where run records go ('off': none). */
  readonly runsDir?: string;
  /** The command line as given (for run records; masked there). */
  readonly argv?: readonly string[];
  readonly detailedExitcode: boolean;
  readonly rolesPath: readonly string[];
  /** --vault-password-file (repeatable), --vault-id [LABEL@]FILE|prompt (repeatable), --ask-vault-pass (-J). */
  readonly vaultPasswordFiles?: readonly string[];
  readonly vaultIds?: readonly string[];
  readonly askVaultPass?: boolean;
  /** --connect-retries N: retries of a transient connection failure before a host is unreachable. */
  readonly connectRetries?: number;
}

export type ParsedCommand =
  | { readonly command: 'help'; readonly topic?: 'run' }
  | { readonly command: 'version' }
  | { readonly command: 'run'; readonly args: RunArgs };

/**
 * A malformed command line: unknown flag, missing value, bad number (exit 2). A usage error like every
 * TsplayError of kind 'usage'; only its exit code and the usage line printed before it differ.
 */
export class UsageError extends TsplayError {
  constructor(message: string, readonly topic?: 'run') {
    super(message, { kind: 'usage' });
    this.name = 'UsageError';
  }
}

/** Flags that parse but contradict each other or are out of range (exit 5); a usage error too. */
export class OptionsError extends TsplayError {
  constructor(message: string) {
    super(message, { kind: 'usage' });
    this.name = 'OptionsError';
  }
}

export const DEFAULT_FORKS = 100;

interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  readonly takesValue: boolean;
}

/** Every `run` flag; the key is the field the value goes to. */
const FLAGS = {
  inventory: { long: 'inventory', short: 'i', takesValue: true },
  limit: { long: 'limit', short: 'l', takesValue: true },
  tags: { long: 'tags', short: 't', takesValue: true },
  skipTags: { long: 'skip-tags', takesValue: true },
  extraVars: { long: 'extra-vars', short: 'e', takesValue: true },
  forks: { long: 'forks', short: 'f', takesValue: true },
  user: { long: 'user', short: 'u', takesValue: true },
  become: { long: 'become', short: 'b', takesValue: false },
  becomeUser: { long: 'become-user', takesValue: true },
  askBecomePass: { long: 'ask-become-pass', short: 'K', takesValue: false },
  privateKey: { long: 'private-key', takesValue: true },
  knownHosts: { long: 'known-hosts', takesValue: true },
  hostKeyChecking: { long: 'host-key-checking', takesValue: true },
  timeout: { long: 'timeout', short: 'T', takesValue: true },
  check: { long: 'check', short: 'C', takesValue: false },
  diff: { long: 'diff', short: 'D', takesValue: false },
  verbose: { long: 'verbose', short: 'v', takesValue: false },
  listHosts: { long: 'list-hosts', takesValue: false },
  listTasks: { long: 'list-tasks', takesValue: false },
  listTags: { long: 'list-tags', takesValue: false },
  syntaxCheck: { long: 'syntax-check', takesValue: false },
  startAtTask: { long: 'start-at-task', takesValue: true },
  forceHandlers: { long: 'force-handlers', takesValue: false },
  json: { long: 'json', takesValue: false },
  plain: { long: 'plain', takesValue: false },
  logFile: { long: 'log-file', takesValue: true },
  timing: { long: 'timing', takesValue: false },
  runsDir: { long: 'runs-dir', takesValue: true },
  detailedExitcode: { long: 'detailed-exitcode', takesValue: false },
  rolesPath: { long: 'roles-path', takesValue: true },
  vaultPasswordFiles: { long: 'vault-password-file', takesValue: true },
  vaultIds: { long: 'vault-id', takesValue: true },
  askVaultPass: { long: 'ask-vault-pass', short: 'J', takesValue: false },
  connectRetries: { long: 'connect-retries', takesValue: true },
  help: { long: 'help', short: 'h', takesValue: false },
} as const satisfies Record<string, FlagSpec>;

type FlagName = keyof typeof FLAGS;

const BY_LONG = new Map<string, FlagName>(Object.entries(FLAGS).map(([name, spec]) => [spec.long, name as FlagName]));
const BY_SHORT = new Map<string, FlagName>(
  Object.entries(FLAGS).flatMap(([name, spec]) => ('short' in spec ? [[spec.short, name as FlagName] as const] : [])),
);

export const RUN_ALIASES = ['run', 'playbook'] as const;

/** Split "a,b, c" lists (tags), dropping empty entries. */
function commaList(value: string): string[] {
  return value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function integer(flag: string, value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new UsageError(`argument ${flag}: invalid int value: '${value}'`, 'run');
  return Number.parseInt(value, 10);
}

function flagName(name: FlagName): string {
  const spec: FlagSpec = FLAGS[name];
  return spec.short ? `-${spec.short}/--${spec.long}` : `--${spec.long}`;
}

/** Parse argv (without node and the script path). */
export function parseArgs(argv: readonly string[]): ParsedCommand {
  if (argv.length === 0) throw new UsageError('a command is required: tsplay run PLAYBOOK [options] (see tsplay --help)');
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') return rest[0] !== undefined && (RUN_ALIASES as readonly string[]).includes(rest[0]) ? { command: 'help', topic: 'run' } : { command: 'help' };
  if (first === '--version' || first === 'version') return { command: 'version' };
  if (!(RUN_ALIASES as readonly string[]).includes(first!)) {
    if (first!.startsWith('-')) throw new UsageError(`unrecognized arguments: ${first}`);
    throw new UsageError(`unknown command '${first}' (commands: run, playbook; see tsplay --help)`);
  }
  const parsed = parseRun(rest);
  return parsed.command === 'run' ? { command: 'run', args: { ...parsed.args, argv: [...argv] } } : parsed;
}

interface Collected {
  values: Map<FlagName, string[]>;
  counts: Map<FlagName, number>;
  positionals: string[];
}

function collect(argv: readonly string[]): Collected {
  const values = new Map<FlagName, string[]>();
  const counts = new Map<FlagName, number>();
  const positionals: string[] = [];
  const set = (name: FlagName, value: string | undefined) => {
    if (value === undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
    else values.set(name, [...(values.get(name) ?? []), value]);
  };
  // A value may not look like a flag (argparse's rule), so `-e -C` reports the missing value.
  const takeValue = (name: FlagName, index: number): string => {
    const value = argv[index];
    if (value === undefined || (value.startsWith('-') && value.length > 1 && !/^-\d/.test(value))) {
      throw new UsageError(`argument ${flagName(name)}: expected one argument`, 'run');
    }
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const long = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const name = BY_LONG.get(long);
      if (!name) throw new UsageError(`unrecognized arguments: ${arg}${suggest(long)}`, 'run');
      const spec: FlagSpec = FLAGS[name];
      if (spec.takesValue) set(name, eq >= 0 ? arg.slice(eq + 1) : takeValue(name, ++i));
      else if (eq >= 0) throw new UsageError(`argument ${flagName(name)}: ignored explicit argument '${arg.slice(eq + 1)}'`, 'run');
      else set(name, undefined);
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      // A cluster of short flags: -vvv, -bK, -f10, -bf10, -e@vars.yml.
      for (let j = 1; j < arg.length; j++) {
        const name = BY_SHORT.get(arg[j]!);
        if (!name) throw new UsageError(`unrecognized arguments: ${arg.length > 2 ? `-${arg[j]} (in ${arg})` : arg}`, 'run');
        const spec: FlagSpec = FLAGS[name];
        if (!spec.takesValue) {
          set(name, undefined);
          continue;
        }
        const attached = arg.slice(j + 1);
        set(name, attached !== '' ? attached.replace(/^=/, '') : takeValue(name, ++i));
        break;
      }
      continue;
    }
    positionals.push(arg);
  }
  return { values, counts, positionals };
}

function suggest(long: string): string {
  const names = [...BY_LONG.keys()];
  const close = names.find((n) => n.startsWith(long) || long.startsWith(n) || editDistance(n, long) <= 2);
  return close ? ` (did you mean --${close}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function parseRun(argv: readonly string[]): ParsedCommand {
  const { values, counts, positionals } = collect(argv);
  if (counts.has('help')) return { command: 'help', topic: 'run' };
  const all = (name: FlagName) => values.get(name) ?? [];
  const last = (name: FlagName) => all(name).at(-1);
  const flag = (name: FlagName) => counts.has(name);

  if (positionals.length === 0) throw new UsageError('the following arguments are required: playbook', 'run');
  if (positionals.length > 1) throw new UsageError(`unrecognized arguments: ${positionals.slice(1).join(' ')} (run takes one playbook)`, 'run');

  const forksText = last('forks');
  const forks = forksText === undefined ? DEFAULT_FORKS : integer('-f/--forks', forksText);
  const timeoutText = last('timeout');
  const timeout = timeoutText === undefined ? undefined : integer('-T/--timeout', timeoutText);
  const hkc = last('hostKeyChecking');
  if (hkc !== undefined && hkc !== 'strict' && hkc !== 'accept-new' && hkc !== 'off') {
    throw new UsageError(`argument --host-key-checking: invalid choice: '${hkc}' (choose from 'strict', 'accept-new', 'off')`, 'run');
  }

  const args: RunArgs = {
    playbook: positionals[0]!,
    inventories: all('inventory'),
    limit: last('limit'),
    tags: all('tags').flatMap(commaList),
    skipTags: all('skipTags').flatMap(commaList),
    extraVars: all('extraVars'),
    forks,
    user: last('user'),
    become: flag('become'),
    becomeUser: last('becomeUser'),
    askBecomePass: flag('askBecomePass'),
    privateKey: last('privateKey'),
    knownHosts: all('knownHosts'),
    hostKeyChecking: hkc,
    timeout,
    check: flag('check'),
    diff: flag('diff'),
    verbosity: counts.get('verbose') ?? 0,
    listHosts: flag('listHosts'),
    listTasks: flag('listTasks'),
    listTags: flag('listTags'),
    syntaxCheck: flag('syntaxCheck'),
    startAtTask: last('startAtTask'),
    forceHandlers: flag('forceHandlers'),
    json: flag('json'),
    plain: flag('plain'),
    logFile: last('logFile'),
    timing: flag('timing'),
    runsDir: last('runsDir'),
    detailedExitcode: flag('detailedExitcode'),
    // Colon-separated like ANSIBLE_ROLES_PATH, and repeatable.
    rolesPath: all('rolesPath').flatMap((p) => p.split(':')).filter((p) => p !== ''),
    vaultPasswordFiles: all('vaultPasswordFiles'),
    vaultIds: all('vaultIds'),
    askVaultPass: flag('askVaultPass'),
    connectRetries: last('connectRetries') === undefined ? undefined : integer('--connect-retries', last('connectRetries')!),
  };
  validate(args);
  return { command: 'run', args };
}

/** Checks Ansible reports as option errors (exit 5) rather than parse errors. */
function validate(args: RunArgs): void {
  if (args.connectRetries !== undefined && (args.connectRetries < 0 || args.connectRetries > 10)) throw new OptionsError('--connect-retries must be between 0 and 10');
  if (args.forks < 1) throw new OptionsError('The number of processes (--forks) must be >= 1');
  if (args.timeout !== undefined && args.timeout < 1) throw new OptionsError('The connection timeout (-T/--timeout) must be >= 1 second');
  if (args.detailedExitcode && !args.check) throw new OptionsError('--detailed-exitcode is only valid with --check (-C)');
  if (args.json && args.plain) throw new OptionsError('--json and --plain cannot be used together');
  if (args.extraVars.some((v) => v.trim() === '')) throw new OptionsError('an empty -e/--extra-vars value was given');
}
