// Task lists: module tasks, blocks, import_tasks (inlined now), include_tasks / include_role /
// import_role (loaded and validated now when their names are static).
import { formatLocation, LoadError } from '../errors.js';
import type { Block, IncludeTasks, TaskCommon, TaskNode } from '../model.js';
import type { LoadContext, TaskScope } from './context.js';
import { shortActionName, withShortActionNames } from './action-names.js';
import { parseModuleTask, UnavailableModuleError } from './module-task.js';
import { checkSchema, isTemplated } from './schema-check.js';
import { schemas } from './schemas.js';
import { inheritFromImport, readCommon } from './task-common.js';
import { loopKeyOf, readLoop } from './loop-keys.js';
import { fileEntry, pushStack, resolveTaskFile } from './task-files.js';
import { parseRoleInclude } from './role-include.js';
import { isPlainObject } from './values.js';
import { withBooleanWords } from './boolean-words.js';
import { readYamlFile, type YamlPath, type YamlSource } from './yaml-source.js';

export const INCLUDE_KEYS = ['import_tasks', 'include_tasks', 'import_role', 'include_role'] as const;

export function asList(value: unknown, src: YamlSource, path: YamlPath, what: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new LoadError(`${what} must be a list of tasks`, src.loc(path));
  return value;
}

export function asTask(value: unknown, src: YamlSource, path: YamlPath): Record<string, unknown> {
  if (!isPlainObject(value)) throw new LoadError('a task must be a mapping of keywords and one module', src.loc(path));
  return withBooleanWords(value);
}

export async function parseTaskList(value: unknown, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: LoadContext, what = 'tasks'): Promise<TaskNode[]> {
  const nodes: TaskNode[] = [];
  const items = asList(value, src, path, what);
  for (let i = 0; i < items.length; i++) nodes.push(...(await parseTaskEntry(items[i], src, [...path, i], scope, ctx)));
  return nodes;
}

/** Read a task file (YAML list of tasks); an empty file is an empty list. */
export async function loadTaskFile(file: string, scope: TaskScope, ctx: LoadContext): Promise<TaskNode[]> {
  const src = await readYamlFile(file, ctx.vault);
  return parseTaskList(src.toJS(), src, [], { ...scope, file }, ctx, `task file '${fileEntry(file, ctx).label}'`);
}

export async function parseTaskEntry(value: unknown, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: LoadContext): Promise<TaskNode[]> {
  const written = asTask(value, src, path);
  const raw = withShortActionNames(written, INCLUDE_KEYS, src, path);
  if ('block' in raw) return [await parseBlock(raw, src, path, scope, ctx)];
  const includeKeys = INCLUDE_KEYS.filter((k) => k in raw);
  if (includeKeys.length > 1) throw new LoadError(`a task can hold only one of ${includeKeys.join(', ')}`, src.keyLoc([...path, includeKeys[1]!]));
  if (includeKeys.length === 1) {
    const key = includeKeys[0]!;
    const action = Object.keys(written).find((k) => k === key || shortActionName(k, [key]) === key) ?? key;
    return parseInclude(key, action, raw, src, path, scope, ctx);
  }
  return [parseModuleTask(raw, src, path, scope, ctx)];
}

async function parseBlock(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: LoadContext): Promise<Block> {
  checkSchema(raw, schemas.block, { src, path, what: 'block keyword' });
  return {
    ...(readCommon(raw, src, path, scope, 'block') as TaskCommon & Pick<Block, 'notify'>),
    kind: 'block',
    block: await parseTaskList(raw.block, src, [...path, 'block'], scope, ctx, 'block'),
    rescue: await parseTaskList(raw.rescue, src, [...path, 'rescue'], scope, ctx, 'rescue'),
    always: await parseTaskList(raw.always, src, [...path, 'always'], scope, ctx, 'always'),
  };
}

async function parseInclude(key: (typeof INCLUDE_KEYS)[number], action: string, raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: LoadContext): Promise<TaskNode[]> {
  const loopKey = loopKeyOf(raw, src, path);
  checkSchema(raw, schemas.include, { src, path, what: `${key} keyword` });
  const common = { ...readCommon(raw, src, path, scope, 'include'), action };
  const valuePath = [...path, key];
  const valueLoc = src.loc(valuePath);

  if (key === 'import_tasks') {
    const name = raw.import_tasks as string;
    if (loopKey !== undefined) throw new LoadError("import_tasks cannot loop; use include_tasks with 'loop'", src.keyLoc([...path, loopKey]));
    if (isTemplated(name)) throw new LoadError('import_tasks needs a file name without {{ }}; use include_tasks for a templated name', valueLoc);
    const file = resolveTaskFile(name, scope.file, scope.role, ctx, valueLoc);
    const stack = pushStack(scope.stack, fileEntry(file, ctx), valueLoc);
    const nodes = await loadTaskFile(file, { ...scope, stack }, ctx);
    return nodes.map((node) => inheritFromImport(node, common));
  }

  if (key === 'include_tasks') {
    const name = typeof raw.include_tasks === 'string' ? raw.include_tasks : (raw.include_tasks as { file: string }).file;
    const include: IncludeTasks & { loaded?: readonly TaskNode[] } = { ...common, kind: 'include_tasks', file: name, ...readLoop(raw, src, path) };
    if (isTemplated(name)) return [include];
    const file = resolveTaskFile(name, scope.file, scope.role, ctx, valueLoc);
    // A file including itself under a `when:` (or a loop) that ends it, the retry idiom, is read
    // again at run time each time it is reached (include_tasks is dynamic; the engine bounds the
    // depth). Without either nothing can end it (ansible-playbook loops forever): a cycle error.
    const guarded = include.when.length > 0 || include.loop !== undefined;
    if (guarded && scope.stack.some((entry) => entry.kind === 'file' && entry.path === file)) return [{ ...include, file }];
    const stack = pushStack(scope.stack, fileEntry(file, ctx), valueLoc);
    try {
      return [{ ...include, file, loaded: await loadTaskFile(file, { ...scope, stack }, ctx) }];
    } catch (error) {
      // Ansible reads an include_tasks file only when the include runs, so a module it lacks fails
      // the hosts that reach it, not the load (a role's setup-Archlinux.yml using pacman, say).
      // tsplay does the same, loading the file again at run time, and warns now.
      if (!(error instanceof UnavailableModuleError) || ctx.warn === undefined) throw error;
      ctx.warn(`${error.location ? formatLocation(error.location) + ': ' : ''}${error.message}: the include_tasks at ${formatLocation(valueLoc)} will fail on the hosts that run it`);
      return [{ ...include, file }];
    }
  }

  return [await parseRoleInclude(key, raw, src, path, scope, ctx, common, loopKey)];
}
