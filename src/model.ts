// The typed, immutable model that `load` produces and `plan`/`engine` consume.
// Everything a user wrote keeps its source location so runtime errors can point back at it.
import type { SourceLocation } from './errors.js';
import type { PlayDefaultField } from './keywords.js';

export type Vars = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Inventory
// ---------------------------------------------------------------------------

export interface InventoryHost {
  readonly name: string;
  /** Host variables from the inventory itself and host_vars/ (host_vars win). */
  readonly vars: Vars;
  /** Groups the host is a direct member of (not 'all'). */
  readonly groups: readonly string[];
  /** The inventory file the host was first declared in (none for an `-i h1,h2,` list). */
  readonly file?: string;
}

export interface InventoryGroup {
  readonly name: string;
  /** Hosts listed directly in this group, in inventory order. */
  readonly hosts: readonly string[];
  readonly children: readonly string[];
  readonly parents: readonly string[];
  /** Group variables from the inventory and group_vars/ (group_vars win). */
  readonly vars: Vars;
  /** Distance from 'all' (all=0, its children=1, ...): parents merge before children. */
  readonly depth: number;
  /** ansible_group_priority, default 1: higher merges later among siblings. */
  readonly priority: number;
}

export interface Inventory {
  /** All hosts in first-seen order. */
  readonly hosts: ReadonlyMap<string, InventoryHost>;
  /** All groups including the implicit 'all' and 'ungrouped'. */
  readonly groups: ReadonlyMap<string, InventoryGroup>;
  /** Files the inventory was read from (for messages). */
  readonly sources: readonly string[];
}

// ---------------------------------------------------------------------------
// Playbook
// ---------------------------------------------------------------------------

/** Where a role's files live, so modules can resolve `src:` for copy/template. */
export interface RoleRef {
  readonly name: string;
  /** Absolute path of roles/NAME. */
  readonly dir: string;
}

/**
 * Keywords shared by tasks, blocks and includes (they inherit down into a block's tasks). src/keywords.ts
 * says where each may be written and how it passes down; this declares the field types once.
 */
export interface TaskCommon {
  readonly name?: string;
  /**
   * The module or include action as written (`ansible.builtin.copy`, `include_role`): Ansible
   * titles an unnamed task with it. Unset for blocks.
   */
  readonly action?: string;
  readonly loc: SourceLocation;
  /** Expressions, all must be true (a YAML list means AND). Imports copy their `when` here. */
  readonly when: readonly string[];
  readonly tags: readonly string[];
  readonly become?: boolean;
  readonly becomeUser?: string;
  readonly vars: Vars;
  /** A mapping, or a template string that gives one on each host (`"{{ proxy_env }}"`). */
  readonly environment?: Readonly<Record<string, unknown>> | string;
  /** module_defaults: arguments by module name as written (short or FQCN), not yet templated. */
  readonly moduleDefaults?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly noLog?: boolean;
  /** true = always simulate, false = run for real even under --check, undefined = follow the run. */
  readonly checkMode?: boolean;
  readonly ignoreErrors?: boolean;
  readonly delegateTo?: string;
  readonly runOnce?: boolean;
  readonly anyErrorsFatal?: boolean;
  /** At most this many hosts run the task at once (a number or a template yielding one). */
  readonly throttle?: number | string;
  /** An unreachable host is counted ok+ignored and stays in the play. */
  readonly ignoreUnreachable?: boolean;
  /**
   * `remote_user`, `port` and `connection`, as the connection variables they default
   * (ansible_user, ansible_port, ansible_connection): a host's own variable still wins.
   */
  readonly connectionDefaults?: Vars;
  /** Set for tasks that come from a role (also used for the `TASK [role : name]` title). */
  readonly role?: RoleRef;
}

export interface ModuleTask extends TaskCommon {
  readonly kind: 'task';
  /** Canonical module name, e.g. 'copy' (ansible.builtin.copy is normalised to copy). */
  readonly module: string;
  /** Set when Ansible has the module and tsplay does not: the located failure the task gives if it runs. */
  readonly unavailable?: string;
  /**
   * The module's arguments as written, not yet templated. Free-form modules (command, shell,
   * set_fact k=v ...) are normalised by the loader: command/shell get `{ cmd: "..." }`.
   */
  readonly args: Readonly<Record<string, unknown>>;
  /** A list or a template/expression string that yields a list. */
  readonly loop?: unknown;
  /** Written as `with_items`: the list is flattened one level, like Ansible's `items` lookup. */
  readonly flattenLoop?: boolean;
  /** Written as `with_<name>` (other than with_items): the lookup that makes the items. */
  readonly loopWith?: string;
  readonly loopVar: string;
  readonly indexVar?: string;
  readonly loopLabel?: string;
  /** loop_control.pause: seconds to wait between items (a number or a template). */
  readonly loopPause?: number | string;
  /** loop_control.extended: each item's result also carries ansible_loop. */
  readonly loopExtended?: boolean;
  /** loop_control.extended_allitems: false leaves ansible_loop.allitems out. */
  readonly loopAllItems?: boolean;
  readonly register?: string;
  readonly notify: readonly string[];
  readonly changedWhen?: readonly string[];
  readonly failedWhen?: readonly string[];
  readonly until?: readonly string[];
  /** Ansible runs retries+1 attempts when `until` is set; default retries 3, delay 5 s. */
  readonly retries?: number;
  readonly delay?: number;
  /** Per-task command timeout in seconds (fault tests use it). */
  readonly timeout?: number;
  /** `async`: run as a detached job on the target for at most this many seconds (a number or a template). */
  readonly asyncSeconds?: number | string;
  /** `poll`: seconds between the job's status checks; 0 = do not wait (async_status reads it later). */
  readonly pollSeconds?: number | string;
  /** With delegate_to: facts the task returns go to the delegated host, not the current one. */
  readonly delegateFacts?: boolean;
}

export interface Block extends TaskCommon {
  readonly kind: 'block';
  /** Handlers every task inside notifies when it changes (Ansible's `notify` on a block). */
  readonly notify: readonly string[];
  readonly block: readonly TaskNode[];
  readonly rescue: readonly TaskNode[];
  readonly always: readonly TaskNode[];
}

/**
 * `include_tasks` / `include_role`: evaluated at run time (its `when` applies once, to the include).
 * The loader already read and validated the file when its name had no template in it, so a
 * broken include is a load error and no host is contacted. The one exception is a module tsplay
 * lacks: `loaded` is then absent, the playbook carries a warning, and the include fails when it runs.
 */
export interface IncludeTasks extends TaskCommon {
  readonly kind: 'include_tasks';
  readonly file: string;
  readonly loaded?: readonly TaskNode[];
  readonly loop?: unknown;
  /** Written as `with_items`: flattened one level. */
  readonly flattenLoop?: boolean;
  /** Written as `with_<name>` (other than with_items): the lookup that makes the items. */
  readonly loopWith?: string;
  readonly loopVar: string;
  readonly indexVar?: string;
  readonly loopLabel?: string;
  readonly loopPause?: number | string;
  readonly loopExtended?: boolean;
  readonly loopAllItems?: boolean;
}

/** include_role's `apply:`: block keywords given to every task of the included role. */
export type AppliedKeywords = Omit<TaskCommon, 'loc' | 'name' | 'action' | 'role'> & { readonly notify: readonly string[] };

export interface IncludeRole extends TaskCommon {
  readonly kind: 'include_role';
  /** The role's name as written: a template (`{{ role_var }}`) is resolved per host and item at run time. */
  readonly roleName: string;
  /** The role, read at load time when its name is not a template (with tasks_from/handlers_from applied). */
  readonly loaded?: Role;
  readonly tasksFrom?: string;
  /** handlers/<handlersFrom>.yml replaces the role's handlers/main.yml. */
  readonly handlersFrom?: string;
  readonly apply?: AppliedKeywords;
  /** include_role loops as include_tasks does: the role runs once per item, with the item's variables. */
  readonly loop?: unknown;
  readonly flattenLoop?: boolean;
  readonly loopWith?: string;
  readonly loopVar?: string;
  readonly indexVar?: string;
  readonly loopLabel?: string;
  readonly loopPause?: number | string;
  readonly loopExtended?: boolean;
  readonly loopAllItems?: boolean;
  /**
   * true for `import_role`: inlined at load time, so (as in Ansible) its `when` and tags apply to
   * each task of the role rather than once to the include. `loaded` is always set then.
   */
  readonly imported?: boolean;
}

export type TaskNode = ModuleTask | Block | IncludeTasks | IncludeRole;

/**
 * A handler: a module task, or an `include_tasks` whose tasks run as handlers when it is notified.
 * Blocks and `import_tasks` in a handlers list are flattened by the loader into the handlers they hold.
 */
export type Handler = (ModuleTask | IncludeTasks) & {
  /** Topics this handler also answers to (`listen:`). */
  readonly listen: readonly string[];
};

/** One argument in meta/argument_specs.yml (Ansible's format), converted to JSON Schema by the loader. */
export interface RoleArgumentSpec {
  readonly entryPoint: string;
  /** A draft-07 JSON Schema over the role's variables. */
  readonly schema: Readonly<Record<string, unknown>>;
  readonly loc: SourceLocation;
}

export interface Role {
  readonly ref: RoleRef;
  readonly defaults: Vars;
  readonly vars: Vars;
  readonly tasks: readonly TaskNode[];
  readonly handlers: readonly Handler[];
  /** Dependencies from meta/main.yml, already resolved (run before this role, once per play). */
  readonly dependencies: readonly RoleUse[];
  readonly argumentSpecs?: RoleArgumentSpec;
  /** meta/main.yml `allow_duplicates`: the role runs again even with the same parameters. */
  readonly allowDuplicates?: boolean;
}

/** A role as used in a play's `roles:` list (with the parameters and keywords given there). */
export interface RoleUse {
  readonly role: Role;
  readonly params: Vars;
  readonly when: readonly string[];
  readonly tags: readonly string[];
  readonly become?: boolean;
  readonly becomeUser?: string;
  readonly loc: SourceLocation;
}

export type SerialSpec = readonly (number | string)[];

export type HostOrder = 'inventory' | 'reverse_inventory' | 'sorted' | 'reverse_sorted' | 'shuffle';

/**
 * Play-level defaults of the task keywords of the same names (become, no_log, throttle...; tasks and
 * blocks override them), plus its `environment` and connection keywords; which ones is the keyword table's.
 */
export type PlayTaskDefaults = Pick<TaskCommon, Exclude<PlayDefaultField, 'anyErrorsFatal'> | 'environment' | 'moduleDefaults' | 'connectionDefaults'>;

export interface Play extends PlayTaskDefaults {
  readonly name: string;
  readonly loc: SourceLocation;
  /** Host pattern as written (Ansible pattern syntax). */
  readonly hosts: string;
  readonly gatherFacts: boolean;
  readonly vars: Vars;
  /** vars_files already read, in order (later files win). */
  readonly varsFiles: readonly Vars[];
  readonly roles: readonly RoleUse[];
  readonly preTasks: readonly TaskNode[];
  readonly tasks: readonly TaskNode[];
  readonly postTasks: readonly TaskNode[];
  /** Play handlers plus the handlers of every role in the play, in definition order. */
  readonly handlers: readonly Handler[];
  /** Batch sizes; empty = all hosts at once. Numbers or '30%'. The last size repeats. */
  readonly serial: SerialSpec;
  readonly strategy: 'linear' | 'free';
  /** The order hosts run in (Ansible's `order`); default inventory order. */
  readonly order?: HostOrder;
  readonly anyErrorsFatal: boolean;
  readonly maxFailPercentage?: number;
  readonly forceHandlers?: boolean;
  readonly tags: readonly string[];
}

export interface Playbook {
  /** Absolute path of the top playbook file. */
  readonly file: string;
  /** Directory of the playbook (group_vars/, host_vars/, roles/ are looked up next to it). */
  readonly dir: string;
  /** Plays in order, with import_playbook already expanded. */
  readonly plays: readonly Play[];
  /** What loaded but will fail when it runs (an include_tasks file using a module tsplay lacks), located. */
  readonly warnings?: readonly string[];
}
