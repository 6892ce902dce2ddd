// Roles: found on the search path, read once per load (tasks, handlers, defaults, vars, meta,
// argument specs), dependencies resolved recursively with cycle detection.
import { readdirSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { LoadError, type SourceLocation } from '../errors.js';
import { keysAt } from '../keywords.js';
import type { Role, RoleArgumentSpec, RoleRef, RoleUse, Vars } from '../model.js';
import { argumentSpecToSchema } from './argument-specs.js';
import type { LoadContext, LoadStack, TaskScope } from './context.js';
import { didYouMean } from './did-you-mean.js';
import { checkSchema } from './schema-check.js';
import { schemas } from './schemas.js';
import { isDirectory, isFile, pushStack } from './task-files.js';
import { parseHandlerList } from './handler-list.js';
import { withBooleanWords } from './boolean-words.js';
import { roleWithEntryPoints, type RoleEntryPoints } from './role-entry-points.js';
import { parseTaskList } from './tasks.js';
import { isPlainObject, toConditions, toStringList, toVars } from './values.js';
import { readYamlFile, type YamlPath, type YamlSource } from './yaml-source.js';
import { bundledRolesDir } from '../util/package-root.js';

/**
 * Where roles are looked for: next to the playbook, then TSPLAY_ROLES_PATH, ANSIBLE_ROLES_PATH, the
 * option, and last the roles shipped with tsplay (so `- role: lb` works in any playbook).
 * A relative path in the environment is relative to the working directory, as Ansible reads a
 * pathspec setting that comes from the environment (`extra` is already absolute).
 */
export function roleSearchPath(playbookDir: string, extra: readonly string[] = [], env: NodeJS.ProcessEnv = process.env, bundled: string | undefined = bundledRolesDir(), cwd: string = process.cwd()): string[] {
  const fromEnv = (name: string) => (env[name] ?? '').split(':').filter(Boolean).map((p) => resolve(cwd, p));
  const paths = [join(playbookDir, 'roles'), ...fromEnv('TSPLAY_ROLES_PATH'), ...fromEnv('ANSIBLE_ROLES_PATH'), ...extra, ...(bundled ? [bundled] : [])];
  return [...new Set(paths.map((p) => resolve(playbookDir, p)))];
}

/** roles/NAME/<dir>/main.yml or main.yaml, if present. */
function mainFile(roleDir: string, sub: string): string | undefined {
  return ['main.yml', 'main.yaml', 'main'].map((f) => join(roleDir, sub, f)).find(isFile);
}

export class RoleLoader {
  private readonly cache = new Map<string, Promise<Role>>();

  constructor(
    private readonly playbookDir: string,
    private readonly searchPath: readonly string[],
  ) {}

  private findDir(name: string, from: SourceLocation): string {
    const candidates = isAbsolute(name) ? [name] : [...this.searchPath.map((p) => join(p, name)), resolve(this.playbookDir, name)];
    const found = candidates.find(isDirectory);
    if (found) return found;
    const known = this.searchPath.flatMap((p) => (isDirectory(p) ? readdirSync(p) : []));
    throw new LoadError(`role '${name}' not found${didYouMean(name, known)} (searched: ${this.searchPath.join(', ')})`, from);
  }

  load(name: string, from: SourceLocation, stack: LoadStack, ctx: LoadContext, entry?: RoleEntryPoints): Promise<Role> {
    const dir = this.findDir(name, from);
    const nextStack = pushStack(stack, { kind: 'role', path: dir, label: name }, from);
    let role = this.cache.get(dir);
    if (!role) {
      role = this.read({ name: basename(dir), dir }, nextStack, ctx);
      this.cache.set(dir, role);
    }
    if (!entry?.tasksFrom && !entry?.handlersFrom) return role;
    return role.then((whole) => roleWithEntryPoints(whole, entry, nextStack, ctx));
  }

  private async read(ref: RoleRef, stack: LoadStack, ctx: LoadContext): Promise<Role> {
    const scope = (file: string): TaskScope => ({ file, role: ref, stack });
    const varsOf = async (sub: string): Promise<Vars> => {
      const file = mainFile(ref.dir, sub);
      if (!file) return {};
      const src = await readYamlFile(file, ctx.vault);
      return toVars(src.toJS(), src.loc([]), `${sub}/${basename(file)}`);
    };
    const defaults = await varsOf('defaults');
    const vars = await varsOf('vars');

    let dependencies: RoleUse[] = [];
    let argumentSpecs: RoleArgumentSpec | undefined;
    let allowDuplicates: boolean | undefined;
    const metaFile = mainFile(ref.dir, 'meta');
    if (metaFile) {
      const src = await readYamlFile(metaFile, ctx.vault);
      const meta = src.toJS();
      checkSchema(meta, schemas.roleMeta, { src, path: [], what: 'role meta key' });
      const deps = isPlainObject(meta) ? meta.dependencies : undefined;
      dependencies = await parseRoleUses(deps, src, ['dependencies'], stack, ctx);
      if (isPlainObject(meta) && typeof meta.allow_duplicates === 'boolean') allowDuplicates = meta.allow_duplicates;
      if (isPlainObject(meta) && meta.argument_specs) argumentSpecs = readArgumentSpecs({ argument_specs: meta.argument_specs }, src, []);
    }
    const specsFile = ['argument_specs.yml', 'argument_specs.yaml'].map((f) => join(ref.dir, 'meta', f)).find(isFile);
    if (specsFile) {
      const src = await readYamlFile(specsFile, ctx.vault);
      argumentSpecs = readArgumentSpecs(src.toJS(), src, []);
    }

    const tasksFile = mainFile(ref.dir, 'tasks');
    let tasks: Role['tasks'] = [];
    if (tasksFile) {
      const src = await readYamlFile(tasksFile, ctx.vault);
      tasks = await parseTaskList(src.toJS(), src, [], scope(tasksFile), ctx, 'tasks/main.yml');
    }
    const handlersFile = mainFile(ref.dir, 'handlers');
    let handlers: Role['handlers'] = [];
    if (handlersFile) {
      const src = await readYamlFile(handlersFile, ctx.vault);
      handlers = await parseHandlerList(src.toJS(), src, [], scope(handlersFile), ctx);
    }
    return { ref, defaults, vars, tasks, handlers, dependencies, ...(argumentSpecs ? { argumentSpecs } : {}), ...(allowDuplicates !== undefined ? { allowDuplicates } : {}) };
  }
}

function readArgumentSpecs(value: unknown, src: YamlSource, path: YamlPath): RoleArgumentSpec | undefined {
  checkSchema(value, schemas.argumentSpecs, { src, path, what: 'argument_specs key' });
  const specs = (value as { argument_specs: Record<string, Record<string, unknown>> }).argument_specs;
  const main = specs.main;
  if (!main) return undefined;
  return { entryPoint: 'main', schema: argumentSpecToSchema(main), loc: src.loc([...path, 'argument_specs', 'main']) };
}

/** Keys of a role entry that are keywords; every other key is a role parameter. */
const ROLE_USE_KEYWORDS = new Set(keysAt('role'));

/** A `roles:` list of a play or a role's `dependencies:`: `- NAME` or `- role: NAME` with params and keywords. */
export async function parseRoleUses(value: unknown, src: YamlSource, path: YamlPath, stack: LoadStack, ctx: LoadContext): Promise<RoleUse[]> {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) throw new LoadError('roles must be a list', src.loc(path));
  const uses: RoleUse[] = [];
  for (let i = 0; i < value.length; i++) {
    const written = value[i] as unknown;
    const at = [...path, i];
    if (typeof written === 'string') {
      uses.push({ role: await ctx.loadRole(written, src.loc(at), stack), params: {}, when: [], tags: [], loc: src.loc(at) });
      continue;
    }
    if (!isPlainObject(written)) throw new LoadError('a role entry must be a name or a mapping with `role:`', src.loc(at));
    const entry = withBooleanWords(written);
    const nameKey = 'role' in entry ? 'role' : 'name';
    const name = entry[nameKey];
    if (typeof name !== 'string') throw new LoadError("a role entry needs 'role: NAME'", src.loc(at));
    const params: Vars = { ...toVars(entry.vars, src.loc([...at, 'vars'])) };
    for (const [k, v] of Object.entries(entry)) if (!ROLE_USE_KEYWORDS.has(k)) params[k] = v;
    const use: RoleUse = {
      role: await ctx.loadRole(name, src.loc([...at, nameKey]), stack),
      params,
      when: toConditions(entry.when),
      tags: toStringList(entry.tags, true),
      ...(typeof entry.become === 'boolean' ? { become: entry.become } : {}),
      ...(typeof entry.become_user === 'string' ? { becomeUser: entry.become_user } : {}),
      loc: src.loc(at),
    };
    uses.push(use);
  }
  return uses;
}
