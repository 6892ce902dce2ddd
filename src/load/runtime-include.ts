// Task files whose name is only known at run time (`include_tasks: "{{ ansible_os_family }}.yml"`):
// resolved relative to the including file (its directory, its role's tasks/, the playbook dir),
// then read and validated exactly as at load time. A problem is a LoadError with file:line:col;
// the engine fails the hosts that asked for the file with it.
import { join } from 'node:path';
import type { ModuleRegistry } from '../modules/registry.js';
import type { Role } from '../model.js';
import type { IncludeOrigin, RuntimeRoleEntry, RuntimeTaskFile } from '../sources.js';
import type { VaultKeyring } from '../vault/keyring.js';
import type { LoadContext } from './context.js';
import { deepFreeze } from './values.js';
import { RoleLoader, configuredRoleDirs } from './roles.js';
import { fileEntry, pushStack, resolveTaskFile } from './task-files.js';
import { loadTaskFile } from './tasks.js';

export interface RuntimeTaskLoader {
  load(name: string, from: IncludeOrigin): Promise<RuntimeTaskFile>;
  loadRole(name: string, from: IncludeOrigin, entry: RuntimeRoleEntry): Promise<Role>;
}

export function createRuntimeTaskLoader(playbookDir: string, registry: ModuleRegistry, rolesPath: readonly string[], vault: VaultKeyring): RuntimeTaskLoader {
  const roles = new RoleLoader(configuredRoleDirs(playbookDir, rolesPath));
  const ctx: LoadContext = {
    registry,
    vault,
    playbookDir,
    libraryDirs: new Set([join(playbookDir, 'library')]),
    loadRole: (name, from, stack, entry) => roles.load(name, from, stack, ctx, entry),
  };
  // Each file is read once per run, however many hosts or loop items include it.
  const cache = new Map<string, Promise<RuntimeTaskFile>>();
  const roleCache = new Map<string, Promise<Role>>();
  return {
    loadRole(name, from, entry) {
      const key = JSON.stringify([name, from.role?.dir, entry.tasksFrom, entry.handlersFrom]);
      let pending = roleCache.get(key);
      if (!pending) {
        const at = (file: string | undefined) => (file === undefined ? undefined : { name: file, loc: from.loc });
        const points = { tasksFrom: at(entry.tasksFrom), handlersFrom: at(entry.handlersFrom) };
        pending = roles.load(name, from.loc, [], ctx, points).then((role) => deepFreeze(role));
        roleCache.set(key, pending);
      }
      return pending;
    },
    async load(name, from) {
      const file = resolveTaskFile(name, from.file, from.role, ctx, from.loc);
      let pending = cache.get(file);
      if (!pending) {
        const stack = pushStack([], fileEntry(file, ctx), from.loc);
        pending = loadTaskFile(file, { file, role: from.role, stack }, ctx).then((tasks) => ({ file, tasks: deepFreeze(tasks) }));
        cache.set(file, pending);
      }
      return pending;
    },
  };
}
