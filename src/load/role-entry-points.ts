// tasks_from / handlers_from of import_role and include_role: the role with its tasks/main.yml or
// handlers/main.yml replaced by the file named (NAME, NAME.yml or NAME.yaml in tasks/ or handlers/).
import { join } from 'node:path';
import { LoadError, type SourceLocation } from '../errors.js';
import type { Role } from '../model.js';
import type { LoadContext, LoadStack, TaskScope } from './context.js';
import { parseHandlerList } from './handler-list.js';
import { fileEntry, isFile, pushStack } from './task-files.js';
import { loadTaskFile } from './tasks.js';
import { readYamlFile } from './yaml-source.js';

/** A file of the role named where the role is included, and where that name is written. */
export interface EntryPointName {
  readonly name: string;
  readonly loc: SourceLocation;
}

export interface RoleEntryPoints {
  readonly tasksFrom?: EntryPointName;
  readonly handlersFrom?: EntryPointName;
}

function entryFile(role: Role, sub: 'tasks' | 'handlers', entry: EntryPointName): string {
  const names = /\.ya?ml$/.test(entry.name) ? [entry.name] : [`${entry.name}.yml`, `${entry.name}.yaml`, entry.name];
  const file = names.map((n) => join(role.ref.dir, sub, n)).find(isFile);
  if (file) return file;
  throw new LoadError(`role '${role.ref.name}' has no ${sub} file '${entry.name}' (looked for ${names.map((n) => `${sub}/${n}`).join(', ')} in ${role.ref.dir})`, entry.loc);
}

export async function roleWithEntryPoints(role: Role, entry: RoleEntryPoints, stack: LoadStack, ctx: LoadContext): Promise<Role> {
  let result = role;
  const scopeOf = (file: string, loc: SourceLocation): TaskScope => ({ file, role: role.ref, stack: pushStack(stack, fileEntry(file, ctx), loc) });
  if (entry.tasksFrom) {
    const file = entryFile(role, 'tasks', entry.tasksFrom);
    result = { ...result, tasks: await loadTaskFile(file, scopeOf(file, entry.tasksFrom.loc), ctx) };
  }
  if (entry.handlersFrom) {
    const file = entryFile(role, 'handlers', entry.handlersFrom);
    const src = await readYamlFile(file, ctx.vault);
    result = { ...result, handlers: await parseHandlerList(src.toJS(), src, [], scopeOf(file, entry.handlersFrom.loc), ctx) };
  }
  return result;
}
