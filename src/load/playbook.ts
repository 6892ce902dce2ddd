// Playbooks: a list of plays (and import_playbook entries, expanded relative to the importing file).
import { dirname, join, resolve } from 'node:path';
import { LoadError } from '../errors.js';
import type { Handler, HostOrder, Play, Playbook, Role, RoleUse, SerialSpec, TaskNode, Vars } from '../model.js';
import type { ModuleRegistry } from '../modules/registry.js';
import type { LoadContext, LoadStack } from './context.js';
import { RoleLoader, configuredRoleDirs, parseRoleUses } from './roles.js';
import { withShortActionNames } from './action-names.js';
import { checkSchema, isTemplated } from './schema-check.js';
import { schemas } from './schemas.js';
import { readKeywords } from './keyword-reader.js';
import { fileEntry, pushStack } from './task-files.js';
import { parseHandlerList } from './handler-list.js';
import { withBooleanWords } from './boolean-words.js';
import { parseTaskList } from './tasks.js';
import { deepFreeze } from './values.js';
import { loadVarsFile } from './vars-file.js';
import { readYamlFile, type YamlPath, type YamlSource } from './yaml-source.js';
import { VaultKeyring } from '../vault/keyring.js';

export interface LoadPlaybookOptions {
  readonly registry: ModuleRegistry;
  /** Extra role directories, searched after roles/ next to the playbook and the *_ROLES_PATH variables. */
  readonly rolesPath?: readonly string[];
  /** Vault passwords for encrypted files and `!vault` values (none when absent). */
  readonly vault?: VaultKeyring;
}

export async function loadPlaybook(file: string, options: LoadPlaybookOptions): Promise<Playbook> {
  const path = resolve(file);
  const dir = dirname(path);
  const roles = new RoleLoader(configuredRoleDirs(dir, options.rolesPath ?? []));
  const warnings = new Set<string>();
  const ctx: LoadContext = {
    registry: options.registry,
    vault: options.vault ?? new VaultKeyring([]),
    playbookDir: dir,
    libraryDirs: new Set(),
    loadRole(name, from, stack, entry) {
      return roles.load(name, from, stack, this, entry);
    },
    warn: (message) => warnings.add(message),
  };
  const plays = await readPlaybookFile(path, [fileEntry(path, ctx)], ctx);
  return deepFreeze({ file: path, dir, plays, ...(warnings.size > 0 ? { warnings: [...warnings] } : {}) });
}

async function readPlaybookFile(file: string, stack: LoadStack, outer: LoadContext): Promise<Play[]> {
  // Like Ansible's loader basedir: an imported playbook finds roles/ and relative files next to itself.
  const ctx: LoadContext = { ...outer, playbookDir: dirname(file) };
  ctx.libraryDirs.add(join(dirname(file), 'library'));
  const src = await readYamlFile(file, ctx.vault, undefined, 'playbook');
  const entries = src.toJS() ?? [];
  checkSchema(entries, schemas.playbookList, { src, path: [], what: 'playbook entry' });
  const plays: Play[] = [];
  for (let i = 0; i < (entries as unknown[]).length; i++) {
    const raw = withShortActionNames(withBooleanWords((entries as Record<string, unknown>[])[i]!), ['import_playbook'], src, [i]);
    if ('import_playbook' in raw) plays.push(...(await importPlaybook(raw, src, [i], stack, ctx)));
    else plays.push(await parsePlay(raw, src, [i], stack, ctx));
  }
  return plays;
}

async function importPlaybook(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, stack: LoadStack, ctx: LoadContext): Promise<Play[]> {
  checkSchema(raw, schemas.importPlaybook, { src, path, what: 'import_playbook keyword' });
  const at = src.loc([...path, 'import_playbook']);
  const name = raw.import_playbook as string;
  if (isTemplated(name)) throw new LoadError('import_playbook needs a file name without {{ }}', at);
  const file = resolve(dirname(src.file), name);
  const plays = await readPlaybookFile(file, pushStack(stack, fileEntry(file, ctx), at), ctx).catch((error: unknown) => {
    // Only the imported file itself missing: a role not found inside it keeps its own message.
    if (error instanceof LoadError && error.message === `playbook '${file}' not found`) {
      throw new LoadError(`imported playbook '${name}' not found`, at);
    }
    throw error;
  });
  const { vars, tags } = readKeywords(raw, 'import_playbook', src, path) as { vars: Vars; tags: string[] };
  return plays.map((play) => ({ ...play, vars: { ...vars, ...play.vars }, tags: [...new Set([...tags, ...play.tags])] }));
}

function parseSerial(value: unknown): SerialSpec {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'string' && /^\d+$/.test(item) ? Number(item) : (item as number | string)));
}

async function readVarsFiles(value: unknown, src: YamlSource, path: YamlPath, vault: VaultKeyring): Promise<Vars[]> {
  if (value === undefined || value === null) return [];
  const entries = Array.isArray(value) ? value : [value];
  const result: Vars[] = [];
  for (let i = 0; i < entries.length; i++) {
    const at = src.loc(Array.isArray(value) ? [...path, i] : path);
    // A list inside vars_files means "the first of these that exists".
    const names = (Array.isArray(entries[i]) ? entries[i] : [entries[i]]) as unknown[];
    if (names.some((n) => typeof n !== 'string')) throw new LoadError('vars_files entries must be file names', at);
    if (names.some((n) => isTemplated(n))) throw new LoadError('vars_files names with {{ }} are not supported yet; use a fixed file name', at);
    const files = (names as string[]).map((n) => resolve(dirname(src.file), n));
    const found = await firstReadable(files, at, vault);
    result.push(found);
  }
  return result;
}

async function firstReadable(files: string[], at: ReturnType<YamlSource['loc']>, vault: VaultKeyring): Promise<Vars> {
  let lastError: unknown;
  for (const file of files) {
    try {
      return await loadVarsFile(file, vault, at);
    } catch (error) {
      if (!(error instanceof LoadError && error.location === at)) throw error;
      lastError = error;
    }
  }
  throw lastError;
}

async function parsePlay(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, stack: LoadStack, ctx: LoadContext): Promise<Play> {
  checkSchema(raw, schemas.play, { src, path, what: 'play keyword' });
  const hosts = Array.isArray(raw.hosts) ? (raw.hosts as string[]).join(',') : String(raw.hosts);
  const scope = { file: src.file, stack };
  const roles = await parseRoleUses(raw.roles, src, [...path, 'roles'], stack, ctx);
  const preTasks = await parseTaskList(raw.pre_tasks, src, [...path, 'pre_tasks'], scope, ctx, 'pre_tasks');
  const tasks = await parseTaskList(raw.tasks, src, [...path, 'tasks'], scope, ctx, 'tasks');
  const postTasks = await parseTaskList(raw.post_tasks, src, [...path, 'post_tasks'], scope, ctx, 'post_tasks');
  const playHandlers = await parseHandlerList(raw.handlers, src, [...path, 'handlers'], scope, ctx);
  const usedRoles = rolesUsed(roles, [preTasks, tasks, postTasks]);
  // The table's play keywords (tags, vars, become, environment, the task defaults...), then the rest.
  const keywords = readKeywords(raw, 'play', src, path) as Partial<Play> & Pick<Play, 'tags' | 'vars'>;
  const play: Play = {
    ...keywords,
    name: typeof raw.name === 'string' ? raw.name : hosts,
    loc: src.loc(path),
    hosts,
    gatherFacts: raw.gather_facts !== false,
    varsFiles: await readVarsFiles(raw.vars_files, src, [...path, 'vars_files'], ctx.vault),
    roles,
    preTasks,
    tasks,
    postTasks,
    // Role handlers first (roles are defined before the play's own tasks), each role once.
    handlers: [...new Set<Handler>([...usedRoles.flatMap((r) => r.handlers), ...playHandlers])],
    serial: parseSerial(raw.serial),
    strategy: (raw.strategy as 'linear' | 'free' | undefined) ?? 'linear',
    ...(typeof raw.order === 'string' ? { order: raw.order as HostOrder } : {}),
    anyErrorsFatal: raw.any_errors_fatal === true,
    ...(typeof raw.max_fail_percentage === 'number' ? { maxFailPercentage: raw.max_fail_percentage } : {}),
  };
  return play;
}

/** Every role a play uses (roles:, their dependencies, include/import_role), first-seen order, once each. */
function rolesUsed(uses: readonly RoleUse[], taskLists: readonly (readonly TaskNode[])[]): Role[] {
  const seen = new Set<Role>();
  const visitRole = (role: Role): void => {
    if (seen.has(role)) return;
    role.dependencies.forEach((d) => visitRole(d.role));
    seen.add(role);
    visitTasks(role.tasks);
  };
  const visitTasks = (nodes: readonly TaskNode[]): void => {
    for (const node of nodes) {
      if (node.kind === 'block') [node.block, node.rescue, node.always].forEach(visitTasks);
      else if (node.kind === 'include_tasks' && node.loaded) visitTasks(node.loaded);
      else if (node.kind === 'include_role' && node.loaded) visitRole(node.loaded);
    }
  };
  uses.forEach((u) => visitRole(u.role));
  taskLists.forEach(visitTasks);
  return [...seen];
}
