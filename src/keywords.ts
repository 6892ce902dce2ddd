// The one table of playbook keywords: every key a play, block, task, include, handler, role entry or
// import_playbook entry may hold, with its JSON Schema type, where it is allowed, the model field it
// is read into and how it passes down to inner blocks and tasks. The loader's readers and schemas
// (load/keyword-reader.ts, load/keyword-schemas.ts, the published src/schemas/*.json), the model's
// types and the engine's inheritance are derived from it: a new keyword is one row here.

/** Where a keyword may be written. `include` = import_tasks/include_tasks/import_role/include_role. */
export type Place = 'play' | 'import_playbook' | 'block' | 'task' | 'handler' | 'include' | 'role';

/**
 * How a keyword reaches the tasks inside what it is written on (blocks, roles, includes, plays):
 * - `none`: it applies where it is written only (register, loop, serial...);
 * - `inner`: the innermost setting wins (task over block over include/role over play);
 * - `and`: conditions add up, outer ones first (`when`);
 * - `union`: lists add up (`tags`);
 * - `layer`: mappings layer, inner keys win (`vars`, `environment`);
 * - `connection`: like `inner`, kept under the connection variable it defaults (remote_user → ansible_user).
 */
export type Inheritance = 'none' | 'inner' | 'and' | 'union' | 'layer' | 'connection';

/**
 * How the loader turns the written value into the model's: `value` as written (the schema checked it),
 * `conditions` a list of expressions (syntax checked), `tags` and `names` a list of strings (tags
 * also split on commas), `vars` a mapping of variables, `mapping` a mapping that may not be a template,
 * `moduleDefaults` module_defaults (a mapping of module names to arguments, or a list of them, merged).
 */
export type ReadAs = 'value' | 'conditions' | 'tags' | 'names' | 'vars' | 'mapping' | 'moduleDefaults';

export interface KeywordRow {
  /** The YAML key. */
  readonly key: string;
  /** JSON Schema of the value (draft-07; `#/definitions/...` refs point into KEYWORD_DEFINITIONS). */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly places: readonly Place[];
  /** The keyword must be present (in the first place listed: the one it names). */
  readonly required?: boolean;
  /** The model field the generic reader fills; without one, the place's own parser reads the key. */
  readonly field?: string;
  readonly readAs?: ReadAs;
  readonly inherit: Inheritance;
  /**
   * Variables that override the keyword: first the one it is kept under, then older spellings.
   * Ansible's rule, checked against ansible-playbook 2.14: a connection variable set anywhere (inventory,
   * play/block/task vars, -e) beats the keyword at any level, the keyword beats the command line.
   */
  readonly variables?: readonly string[];
  readonly description?: string;
}

const PLAY_BLOCK_TASK = ['play', 'block', 'task', 'include'] as const;
const BLOCK_TASK = ['block', 'task', 'include'] as const;
const TASK_INCLUDE = ['task', 'include'] as const;

const conditions = { $ref: '#/definitions/conditions' } as const;
const stringList = { $ref: '#/definitions/stringList' } as const;
const taskList = { type: ['array', 'null'] } as const;
const loopValue = { type: ['array', 'string'] } as const;
const identifier = '^[A-Za-z_][A-Za-z0-9_]*$';

/** The lookups a `with_<name>` loop may name (with_items first: it has its own row and schema). */
export const WITH_LOOKUP_NAMES = ['items', 'list', 'dict', 'subelements', 'nested', 'cartesian', 'together', 'sequence', 'indexed_items', 'random_choice', 'fileglob', 'first_found'] as const;
/** Every key that makes a task loop. */
export const LOOP_KEYS: readonly string[] = ['loop', ...WITH_LOOKUP_NAMES.map((name) => `with_${name}`)];

/** Shared schema pieces the rows refer to with `#/definitions/NAME`. */
export const KEYWORD_DEFINITIONS = {
  stringList: { type: ['string', 'array'], items: { type: ['string', 'number'] } },
  conditions: { type: ['string', 'boolean', 'array'], items: { type: ['string', 'boolean'] } },
  vars: { type: ['object', 'null'] },
  roleReference: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: { type: 'string' }, tasks_from: { type: 'string' }, handlers_from: { type: 'string' } },
  },
  // include_role also takes `apply`: block keywords given to every task of the role it includes.
  includeRoleReference: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: { name: { type: 'string' }, tasks_from: { type: 'string' }, handlers_from: { type: 'string' }, apply: { type: 'object' } },
  },
} as const;

// Row order is the order of the keys in the generated schemas and of did-you-mean candidates (the
// first of two equally close wins: `taks` suggests `tasks` because it comes before `tags`).
export const KEYWORDS = [
  { key: 'name', schema: { type: 'string' }, places: ['play', 'import_playbook', 'block', 'task', 'include', 'role'], field: 'name', inherit: 'none' },
  { key: 'hosts', schema: { type: ['string', 'array'], items: { type: 'string' } }, places: ['play'], required: true, inherit: 'none' },
  { key: 'import_playbook', schema: { type: 'string' }, places: ['import_playbook'], required: true, inherit: 'none' },
  { key: 'role', schema: { type: 'string' }, places: ['role'], inherit: 'none' },
  { key: 'when', schema: conditions, places: ['block', 'task', 'include', 'role'], field: 'when', readAs: 'conditions', inherit: 'and' },
  { key: 'become', schema: { type: 'boolean' }, places: ['play', 'block', 'task', 'include', 'role'], field: 'become', inherit: 'inner', variables: ['ansible_become'] },
  { key: 'become_user', schema: { type: 'string' }, places: ['play', 'block', 'task', 'include', 'role'], field: 'becomeUser', inherit: 'inner', variables: ['ansible_become_user'] },
  { key: 'become_method', schema: { enum: ['sudo'] }, places: PLAY_BLOCK_TASK, inherit: 'none' },
  { key: 'remote_user', schema: { type: 'string' }, places: PLAY_BLOCK_TASK, inherit: 'connection', variables: ['ansible_user', 'ansible_ssh_user'] },
  { key: 'port', schema: { type: ['integer', 'string'] }, places: PLAY_BLOCK_TASK, inherit: 'connection', variables: ['ansible_port', 'ansible_ssh_port'] },
  { key: 'connection', schema: { enum: ['ssh', 'local', 'paramiko', 'smart'] }, places: PLAY_BLOCK_TASK, inherit: 'connection', variables: ['ansible_connection'] },
  { key: 'gather_facts', schema: { type: 'boolean' }, places: ['play'], inherit: 'none' },
  { key: 'vars', schema: { $ref: '#/definitions/vars' }, places: ['play', 'import_playbook', 'block', 'task', 'include', 'role'], field: 'vars', readAs: 'vars', inherit: 'layer' },
  { key: 'vars_files', schema: { type: ['array', 'string'], items: { type: ['string', 'array'] } }, places: ['play'], inherit: 'none' },
  { key: 'roles', schema: { type: ['array', 'null'], items: { type: ['string', 'object'] } }, places: ['play'], inherit: 'none' },
  { key: 'pre_tasks', schema: taskList, places: ['play'], inherit: 'none' },
  { key: 'tasks', schema: taskList, places: ['play'], inherit: 'none' },
  { key: 'post_tasks', schema: taskList, places: ['play'], inherit: 'none' },
  { key: 'handlers', schema: taskList, places: ['play'], inherit: 'none' },
  { key: 'tags', schema: stringList, places: ['play', 'import_playbook', 'block', 'task', 'include', 'role'], field: 'tags', readAs: 'tags', inherit: 'union' },
  {
    key: 'serial',
    schema: {
      type: ['integer', 'string', 'array'],
      pattern: '^(\\d+%?|.*\\{\\{.*)$',
      minimum: 1,
      items: { type: ['integer', 'string'], pattern: '^\\d+%?$', minimum: 1 },
    },
    places: ['play'],
    inherit: 'none',
  },
  { key: 'strategy', schema: { enum: ['linear', 'free'] }, places: ['play'], inherit: 'none' },
  {
    key: 'order',
    schema: { enum: ['inventory', 'reverse_inventory', 'sorted', 'reverse_sorted', 'shuffle'] },
    places: ['play'],
    inherit: 'none',
    description: 'The order hosts run in within the play (and are split into serial batches).',
  },
  { key: 'max_fail_percentage', schema: { type: 'number', minimum: 0, maximum: 100 }, places: ['play'], inherit: 'none' },
  { key: 'force_handlers', schema: { type: 'boolean' }, places: ['play'], field: 'forceHandlers', inherit: 'none' },
  { key: 'environment', schema: { type: ['object', 'string'] }, places: PLAY_BLOCK_TASK, field: 'environment', readAs: 'mapping', inherit: 'layer' },
  {
    key: 'module_defaults',
    schema: { type: ['object', 'array'], items: { type: 'object' } },
    places: PLAY_BLOCK_TASK,
    field: 'moduleDefaults',
    readAs: 'moduleDefaults',
    inherit: 'layer',
    description: 'Arguments per module name (short or ansible.builtin.*) given to every such task below; the task\'s own arguments win.',
  },
  { key: 'no_log', schema: { type: 'boolean' }, places: PLAY_BLOCK_TASK, field: 'noLog', inherit: 'inner' },
  { key: 'check_mode', schema: { type: 'boolean' }, places: PLAY_BLOCK_TASK, field: 'checkMode', inherit: 'inner' },
  { key: 'ignore_errors', schema: { type: 'boolean' }, places: PLAY_BLOCK_TASK, field: 'ignoreErrors', inherit: 'inner' },
  { key: 'delegate_to', schema: { type: 'string' }, places: BLOCK_TASK, field: 'delegateTo', inherit: 'inner' },
  {
    key: 'delegate_facts',
    schema: { type: 'boolean' },
    places: ['task'],
    field: 'delegateFacts',
    inherit: 'none',
    description: 'With delegate_to: facts the task returns are set on the delegated host.',
  },
  // On a play too (ansible-playbook 2.14 takes it there): every task of the play runs once.
  { key: 'run_once', schema: { type: 'boolean' }, places: PLAY_BLOCK_TASK, field: 'runOnce', inherit: 'inner' },
  { key: 'any_errors_fatal', schema: { type: 'boolean' }, places: PLAY_BLOCK_TASK, field: 'anyErrorsFatal', inherit: 'inner' },
  {
    key: 'throttle',
    schema: { type: ['integer', 'string'], minimum: 0 },
    places: PLAY_BLOCK_TASK,
    field: 'throttle',
    inherit: 'inner',
    description: 'At most this many hosts run the task at once (0 = no limit beyond --forks); may be a template.',
  },
  {
    key: 'ignore_unreachable',
    schema: { type: 'boolean' },
    places: PLAY_BLOCK_TASK,
    field: 'ignoreUnreachable',
    inherit: 'inner',
    description: 'An unreachable host is counted as ok+ignored and stays in the play.',
  },
  { key: 'loop', schema: loopValue, places: TASK_INCLUDE, inherit: 'none' },
  { key: 'with_items', schema: loopValue, places: TASK_INCLUDE, inherit: 'none' },
  // The other with_<lookup> loops: a list, a mapping (with_dict, first_found's files/paths) or a string.
  ...WITH_LOOKUP_NAMES.filter((name) => name !== 'items').map((name) => ({
    key: `with_${name}` as const, schema: { type: ['array', 'string', 'object'] }, places: TASK_INCLUDE, inherit: 'none' as const,
  })),
  {
    key: 'loop_control',
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        loop_var: { type: 'string', pattern: identifier },
        index_var: { type: 'string', pattern: identifier },
        label: { type: 'string' },
        pause: { type: ['number', 'string'], minimum: 0 },
        extended: { type: 'boolean' },
        extended_allitems: { type: 'boolean' },
      },
    },
    places: TASK_INCLUDE,
    inherit: 'none',
  },
  { key: 'register', schema: { type: 'string', pattern: identifier }, places: ['task'], field: 'register', inherit: 'none' },
  // On a block: every task inside notifies them too (ansible-playbook 2.14 accepts it there).
  { key: 'notify', schema: stringList, places: ['task', 'block'], field: 'notify', readAs: 'names', inherit: 'union' },
  { key: 'changed_when', schema: conditions, places: ['task'], field: 'changedWhen', readAs: 'conditions', inherit: 'none' },
  { key: 'failed_when', schema: conditions, places: ['task'], field: 'failedWhen', readAs: 'conditions', inherit: 'none' },
  { key: 'until', schema: conditions, places: ['task'], field: 'until', readAs: 'conditions', inherit: 'none' },
  { key: 'retries', schema: { type: 'integer', minimum: 0 }, places: ['task'], field: 'retries', inherit: 'none' },
  { key: 'delay', schema: { type: 'number', minimum: 0 }, places: ['task'], field: 'delay', inherit: 'none' },
  { key: 'timeout', schema: { type: 'number', exclusiveMinimum: 0 }, places: ['task'], field: 'timeout', inherit: 'none' },
  {
    key: 'async',
    schema: { type: ['integer', 'string'], minimum: 0 },
    places: ['task'],
    field: 'asyncSeconds',
    inherit: 'none',
    description: 'Run the module as a detached job on the target for at most this many seconds (command, shell, script).',
  },
  {
    key: 'poll',
    schema: { type: ['integer', 'string'], minimum: 0 },
    places: ['task'],
    field: 'pollSeconds',
    inherit: 'none',
    description: "With async: seconds between status checks (default 15); 0 starts the job and goes on (check it with async_status).",
  },
  { key: 'args', schema: { type: 'object' }, places: ['task'], inherit: 'none' },
  { key: 'listen', schema: stringList, places: ['handler'], inherit: 'none' },
  { key: 'block', schema: { type: 'array' }, places: ['block'], required: true, inherit: 'none' },
  { key: 'rescue', schema: taskList, places: ['block'], inherit: 'none' },
  { key: 'always', schema: taskList, places: ['block'], inherit: 'none' },
  { key: 'import_tasks', schema: { type: 'string' }, places: ['include'], inherit: 'none' },
  {
    key: 'include_tasks',
    schema: { type: ['string', 'object'], additionalProperties: false, required: ['file'], properties: { file: { type: 'string' } } },
    places: ['include'],
    inherit: 'none',
  },
  { key: 'import_role', schema: { $ref: '#/definitions/roleReference' }, places: ['include'], inherit: 'none' },
  { key: 'include_role', schema: { $ref: '#/definitions/includeRoleReference' }, places: ['include'], inherit: 'none' },
] as const satisfies readonly KeywordRow[];

type Row = (typeof KEYWORDS)[number];
type RowAt<P extends Place> = Row extends infer R ? (R extends { places: readonly (infer Q)[] } ? (P extends Q ? R : never) : never) : never;
type FieldOf<R> = R extends { field: infer F extends string } ? F : never;

/** Model fields whose innermost setting wins (become, no_log, throttle...): what a block or play passes down. */
export type InnerField = FieldOf<Extract<Row, { inherit: 'inner' }>>;
/** Inner-wins fields a play may set as defaults for its tasks. */
export type PlayDefaultField = FieldOf<Extract<RowAt<'play'>, { inherit: 'inner' }>>;

/** The rows allowed at a place (a handler also takes every task keyword). */
export function keywordsAt(place: Place): readonly KeywordRow[] {
  const places: readonly Place[] = place === 'handler' ? ['task', 'handler'] : [place];
  return KEYWORDS.filter((row) => (row.places as readonly Place[]).some((p) => places.includes(p)));
}

/** The YAML keys allowed at a place, in table order. */
export function keysAt(place: Place): string[] {
  return keywordsAt(place).map((row) => row.key);
}

export function keywordRow(key: string): KeywordRow | undefined {
  return KEYWORDS.find((row) => row.key === key);
}

/** remote_user/port/connection: the keywords that default a connection variable, and those variables. */
export const CONNECTION_KEYWORDS: readonly { readonly key: string; readonly variables: readonly string[] }[] = KEYWORDS.flatMap((row) =>
  row.inherit === 'connection' ? [{ key: row.key, variables: row.variables }] : [],
);
