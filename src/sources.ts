// The controller files a run reads after loading: vars files (include_vars), task files named at run
// time (include_tasks), and the files modules and lookups find by name (copy/template src, script).
// One object, built once per run by the CLI and implemented in load/sources.ts, reaches the engine
// through its dependencies and modules through ModuleContext: neither imports load/, and every read
// decrypts with the run's vault passwords and records what they reveal, so output can mask it.
import type { SourceLocation } from './errors.js';
import type { Role, RoleRef, TaskNode, Vars } from './model.js';

/** Where a relative controller file is looked for first: the role's (then the playbook's) KIND/ directory. */
export type ControllerFileKind = 'files' | 'templates' | 'vars';

/** A controller file found by name, or why not: the paths tried, or the directory the name climbs out of. */
export type FoundFile = { readonly path: string } | { readonly missing: readonly string[] } | { readonly escapes: string };

/** Where an include was written: its file, its role (if any) and its position. */
export interface IncludeOrigin {
  readonly file: string;
  readonly role?: RoleRef;
  readonly loc: SourceLocation;
}

export interface RuntimeTaskFile {
  /** Absolute path of the file that was read. */
  readonly file: string;
  readonly tasks: readonly TaskNode[];
}

/** include_role's tasks_from / handlers_from (file names in the role's tasks/ and handlers/). */
export interface RuntimeRoleEntry {
  readonly tasksFrom?: string;
  readonly handlersFrom?: string;
}

export interface Sources {
  /**
   * Every value the run's vault passwords revealed so far (whole decrypted files, their lines and
   * strings, `!vault` values), at load time and at run time. Live: output masks what it holds now.
   */
  readonly revealed: ReadonlySet<string>;
  /** A YAML or JSON mapping; a vault-encrypted file and `!vault` values decrypt. Problems are LoadErrors. */
  readVarsFile(path: string, from?: SourceLocation): Promise<Vars>;
  /** A task file named at run time, found from where the include was written; read once per run. */
  loadTaskFile(name: string, from: IncludeOrigin): Promise<RuntimeTaskFile>;
  /**
   * A role named at run time (include_role with a templated name), found on the role search path and
   * read as at load time, with tasks_from/handlers_from applied; read once per run.
   */
  loadRole(name: string, from: IncludeOrigin, entry: RuntimeRoleEntry): Promise<Role>;
  /**
   * The first existing candidate for a controller file named `name`: absolute as is, else in the
   * role's KIND/, the playbook's KIND/, the playbook directory. A name climbing out with `..` is refused.
   */
  findFile(name: string, kind: ControllerFileKind, roleDir: string | undefined): Promise<FoundFile>;
}
