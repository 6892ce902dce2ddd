// State shared while one playbook (and everything it pulls in) is loaded.
import type { SourceLocation } from '../errors.js';
import type { Role, RoleRef } from '../model.js';
import type { ModuleRegistry } from '../modules/registry.js';
import type { RoleEntryPoints } from './role-entry-points.js';
import type { VaultKeyring } from '../vault/keyring.js';

export interface LoadContext {
  readonly registry: ModuleRegistry;
  /** The run's vault passwords: every file read decrypts with them, and records what they reveal. */
  readonly vault: VaultKeyring;
  /** Directory of the playbook file being read: roles/ and relative includes fall back to it. */
  readonly playbookDir: string;
  /**
   * library/ folders next to every playbook and role read so far (shared by the whole load, as
   * Ansible adds them globally): a module found there loads, though tsplay cannot run it.
   */
  readonly libraryDirs: Set<string>;
  /**
   * Load (once) and return the role called `name`; `stack` detects circular dependencies. With entry
   * points (tasks_from, handlers_from) the role comes back with those files as its tasks or handlers.
   */
  loadRole(name: string, from: SourceLocation, stack: LoadStack, entry?: RoleEntryPoints): Promise<Role>;
  /** Record a load warning (the playbook's `warnings`); absent for files loaded at run time. */
  warn?(message: string): void;
}

/** Files and roles being loaded right now, outermost first: an entry seen twice is a cycle. */
export type LoadStack = readonly StackEntry[];

export interface StackEntry {
  readonly kind: 'file' | 'role';
  /** Absolute path of the file or of the role directory. */
  readonly path: string;
  /** What the user calls it: a file name relative to the playbook, or the role name. */
  readonly label: string;
}

/** Where the task list being read comes from. */
export interface TaskScope {
  readonly file: string;
  readonly role?: RoleRef;
  readonly stack: LoadStack;
}
