// A handlers list (a play's `handlers:`, a role's handlers/main.yml). As in ansible-playbook 2.14 an
// entry may be a module task, an `include_tasks` (notified by its own name or `listen`; its tasks run
// as handlers), a block or an `import_tasks`: those two are flattened into the handlers they hold,
// each notified by its own name, with the block's or import's keywords copied on as import_tasks does.
import { LoadError } from '../errors.js';
import type { Handler, IncludeTasks } from '../model.js';
import type { LoadContext, TaskScope } from './context.js';
import { withShortActionNames } from './action-names.js';
import { parseHandler } from './module-task.js';
import { checkSchema, isTemplated } from './schema-check.js';
import { schemas } from './schemas.js';
import { loopKeyOf } from './loop-keys.js';
import { inheritFromImport, readCommon } from './task-common.js';
import { fileEntry, pushStack, resolveTaskFile } from './task-files.js';
import { asList, asTask, INCLUDE_KEYS, parseTaskEntry } from './tasks.js';
import { toStringList } from './values.js';
import { readYamlFile, type YamlPath, type YamlSource } from './yaml-source.js';

export async function parseHandlerList(value: unknown, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: LoadContext): Promise<Handler[]> {
  const handlers: Handler[] = [];
  const items = asList(value, src, path, 'handlers');
  for (let i = 0; i < items.length; i++) handlers.push(...(await parseHandlerEntry(items[i], src, [...path, i], scope, ctx)));
  return handlers;
}

async function parseHandlerEntry(value: unknown, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: LoadContext): Promise<Handler[]> {
  const written = asTask(value, src, path);
  const raw = withShortActionNames(written, INCLUDE_KEYS, src, path);
  if ('block' in raw) return parseHandlerBlock(raw, src, path, scope, ctx);
  if ('import_tasks' in raw) return importHandlers(raw, src, path, scope, ctx);
  if ('include_tasks' in raw) {
    const { listen, ...rest } = written;
    const [include] = await parseTaskEntry(rest, src, path, scope, ctx);
    return [{ ...(include as IncludeTasks), listen: readListen(listen, src, path) }];
  }
  const role = ['import_role', 'include_role'].find((key) => key in raw);
  if (role !== undefined) {
    throw new LoadError(`${role} as a handler is not supported yet (a handler may be a module task, a block, include_tasks or import_tasks)`, src.keyLoc([...path, Object.keys(written).find((k) => k.endsWith(role)) ?? role]));
  }
  return [parseHandler(raw, src, path, scope, ctx)];
}

function readListen(value: unknown, src: YamlSource, path: YamlPath): readonly string[] {
  if (value !== undefined) checkSchema(value, schemas.listen, { src, path: [...path, 'listen'], what: 'listen' });
  return toStringList(value);
}

/** The block's tasks, each a handler of its own with the block's keywords (when, become, notify...). */
async function parseHandlerBlock(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: LoadContext): Promise<Handler[]> {
  checkSchema(raw, schemas.block, { src, path, what: 'block keyword' });
  for (const section of ['rescue', 'always'] as const) {
    if (Array.isArray(raw[section]) && raw[section].length > 0) throw new LoadError(`${section} in a handler block is not supported yet`, src.keyLoc([...path, section]));
  }
  const common = readCommon(raw, src, path, scope, 'block');
  const inner = await parseHandlerList(raw.block, src, [...path, 'block'], scope, ctx);
  return inner.map((handler) => inheritFromImport(handler, common) as Handler);
}

/** import_tasks in a handlers list: the file's entries are handlers, read as this list's are. */
async function importHandlers(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: LoadContext): Promise<Handler[]> {
  const loopKey = loopKeyOf(raw, src, path);
  if (loopKey !== undefined) throw new LoadError("import_tasks cannot loop; use include_tasks with 'loop'", src.keyLoc([...path, loopKey]));
  checkSchema(raw, schemas.include, { src, path, what: 'import_tasks keyword' });
  const name = raw.import_tasks as string;
  const valueLoc = src.loc([...path, 'import_tasks']);
  if (isTemplated(name)) throw new LoadError('import_tasks needs a file name without {{ }}; use include_tasks for a templated name', valueLoc);
  const common = readCommon(raw, src, path, scope, 'include');
  const file = resolveTaskFile(name, scope.file, scope.role, ctx, valueLoc);
  const stack = pushStack(scope.stack, fileEntry(file, ctx), valueLoc);
  const imported = await readYamlFile(file, ctx.vault);
  const handlers = await parseHandlerList(imported.toJS(), imported, [], { ...scope, file, stack }, ctx);
  return handlers.map((handler) => inheritFromImport(handler, common) as Handler);
}
