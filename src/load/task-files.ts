// Finding and reading task files (import_tasks, include_tasks, a role's tasks/*.yml), with
// cycle detection: a file that (directly or not) imports itself is a load error naming the cycle.
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { LoadError, type SourceLocation } from '../errors.js';
import type { LoadContext, LoadStack, StackEntry } from './context.js';
import type { RoleRef } from '../model.js';

/** Candidates for a relative task file name, in Ansible's order of preference. */
export function resolveTaskFile(name: string, fromFile: string, role: RoleRef | undefined, ctx: LoadContext, loc: SourceLocation): string {
  if (isAbsolute(name)) {
    if (isFile(name)) return name;
    throw new LoadError(`task file '${name}' not found`, loc);
  }
  const candidates = [resolve(dirname(fromFile), name)];
  if (role) candidates.push(join(role.dir, 'tasks', name), join(role.dir, name));
  candidates.push(resolve(ctx.playbookDir, name));
  const found = candidates.find(isFile);
  if (found) return found;
  const looked = [...new Set(candidates)].map((c) => relative(ctx.playbookDir, c) || c).join(', ');
  throw new LoadError(`task file '${name}' not found (looked in: ${looked})`, loc);
}

export function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

export function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

/** Throw if `entry` is already being loaded; otherwise the stack with `entry` pushed. */
export function pushStack(stack: LoadStack, entry: StackEntry, loc: SourceLocation): LoadStack {
  const seen = stack.findIndex((e) => e.kind === entry.kind && e.path === entry.path);
  if (seen >= 0) {
    const cycle = [...stack.slice(seen), entry].map((e) => e.label).join(' -> ');
    const what = entry.kind === 'role' ? 'circular role dependency' : 'import/include cycle';
    throw new LoadError(`${what}: ${cycle}`, loc);
  }
  return [...stack, entry];
}

export function fileEntry(path: string, ctx: LoadContext): StackEntry {
  return { kind: 'file', path, label: relative(ctx.playbookDir, path) || path };
}
