// import_role / include_role entries. import_role is read now (its role inlined by the engine);
// include_role may also loop, `apply` keywords to the role's tasks, and name its role with a
// template, which is then read at run time per host and item (through the run's Sources).
import { LoadError } from '../errors.js';
import type { AppliedKeywords, IncludeRole, TaskCommon } from '../model.js';
import type { LoadContext, TaskScope } from './context.js';
import { readKeywords } from './keyword-reader.js';
import { readLoop } from './loop-keys.js';
import type { RoleEntryPoints } from './role-entry-points.js';
import { checkSchema, isTemplated } from './schema-check.js';
import { schemas } from './schemas.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

interface RoleReference {
  readonly name: string;
  readonly tasks_from?: string;
  readonly handlers_from?: string;
  readonly apply?: Record<string, unknown>;
}

export async function parseRoleInclude(
  key: 'import_role' | 'include_role',
  raw: Record<string, unknown>,
  src: YamlSource,
  path: YamlPath,
  scope: TaskScope,
  ctx: LoadContext,
  common: TaskCommon,
  loopKey: string | undefined,
): Promise<IncludeRole> {
  const valuePath = [...path, key];
  const at = (name: string) => src.loc([...valuePath, name]);
  const ref = raw[key] as RoleReference;
  const imported = key === 'import_role';
  if (imported && loopKey !== undefined) throw new LoadError("import_role cannot loop; use include_role with 'loop'", src.keyLoc([...path, loopKey]));
  const templatedName = isTemplated(ref.name);
  if (templatedName && imported) throw new LoadError('import_role needs a role name without {{ }}; use include_role for a templated name', at('name'));
  for (const option of ['tasks_from', 'handlers_from'] as const) {
    if (isTemplated(ref[option])) throw new LoadError(`${key} ${option} with {{ }} is not supported yet`, at(option));
  }
  const entry: RoleEntryPoints = {
    ...(ref.tasks_from !== undefined ? { tasksFrom: { name: ref.tasks_from, loc: at('tasks_from') } } : {}),
    ...(ref.handlers_from !== undefined ? { handlersFrom: { name: ref.handlers_from, loc: at('handlers_from') } } : {}),
  };
  const include: IncludeRole = {
    ...common,
    kind: 'include_role',
    roleName: ref.name,
    ...(ref.tasks_from !== undefined ? { tasksFrom: ref.tasks_from } : {}),
    ...(ref.handlers_from !== undefined ? { handlersFrom: ref.handlers_from } : {}),
    ...(ref.apply !== undefined ? { apply: readApply(ref.apply, src, [...valuePath, 'apply']) } : {}),
    ...(imported ? { imported: true } : readLoop(raw, src, path)),
  };
  if (templatedName) return include;
  return { ...include, loaded: await ctx.loadRole(ref.name, at('name'), scope.stack, entry) };
}

/** `apply:` holds block keywords (when, tags, become, vars, environment...), checked as a block's. */
function readApply(value: Record<string, unknown>, src: YamlSource, path: YamlPath): AppliedKeywords {
  checkSchema(value, schemas.apply, { src, path, what: 'apply keyword' });
  return readKeywords(value, 'block', src, path) as unknown as AppliedKeywords;
}
