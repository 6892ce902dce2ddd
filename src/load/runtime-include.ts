// Task files whose name is only known at run time (`include_tasks: "{{ ansible_os_family }}.yml"`):
// resolved relative to the including file (its directory, its role's tasks/, the playbook dir),
// then read and validated exactly as at load time. A problem is a LoadError with file:line:col;
// the engine fails the hosts that asked for the file with it.
import type { ModuleRegistry } from '../modules/registry.js';
import type { IncludeOrigin, RuntimeTaskFile } from '../sources.js';
import type { VaultKeyring } from '../vault/keyring.js';
import type { LoadContext } from './context.js';
import { deepFreeze } from './values.js';
import { RoleLoader, roleSearchPath } from './roles.js';
import { fileEntry, pushStack, resolveTaskFile } from './task-files.js';
import { loadTaskFile } from './tasks.js';

export interface RuntimeTaskLoader {
  load(name: string, from: IncludeOrigin): Promise<RuntimeTaskFile>;
}

export function createRuntimeTaskLoader(playbookDir: string, registry: ModuleRegistry, rolesPath: readonly string[], vault: VaultKeyring): RuntimeTaskLoader {
  const roles = new RoleLoader(playbookDir, roleSearchPath(playbookDir, rolesPath));
  const ctx: LoadContext = {
    registry,
    vault,
    playbookDir,
    loadRole: (name, from, stack) => roles.load(name, from, stack, ctx),
  };
  // Each file is read once per run, however many hosts or loop items include it.
  const cache = new Map<string, Promise<RuntimeTaskFile>>();
  return {
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
