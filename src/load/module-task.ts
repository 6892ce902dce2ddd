// A task whose action is a module: find the module key, normalise its arguments (free-form text,
// `args:`), and validate them with that module's own schema.
import { asDeclaredType, type PropertySchema } from '../util/declared-type.js';
import { LoadError, type SourceLocation } from '../errors.js';
import type { Handler, ModuleTask } from '../model.js';
import { KNOWN_COLLECTION_PREFIXES, canonicalModuleName, collectionOf, type ModuleRegistry } from '../modules/registry.js';
import type { ModuleDefinition } from '../modules/types.js';
import type { LoadContext, TaskScope } from './context.js';
import { unavailableReason } from './unavailable-modules.js';
import { closestName, didYouMean } from './did-you-mean.js';
import { parseKv, type KeyValueText } from '../util/parse-kv.js';
import { checkSchema } from './schema-check.js';
import { schemas } from './schemas.js';
import { keysAt } from '../keywords.js';
import { readCommon } from './task-common.js';
import { loopKeyOf, readLoop } from './loop-keys.js';
import { isPlainObject, toStringList } from './values.js';
import type { YamlPath, YamlSource } from './yaml-source.js';
import { isTemplateText } from '../template/template-syntax.js';

const TASK_KEYWORDS: readonly string[] = keysAt('task');

/** `meta:` actions, used when no `meta` module is registered (the engine acts on them itself). */
const META_ACTIONS = ['flush_handlers', 'end_play', 'end_batch', 'end_host', 'noop', 'clear_facts', 'refresh_inventory', 'reset_connection'];

const metaModule: ModuleDefinition = {
  name: 'meta',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['free_form'],
    properties: { free_form: { enum: META_ACTIONS } },
  },
  freeForm: (text) => ({ free_form: text.trim() }),
  controllerOnly: true,
  runsInCheckMode: true,
  run: async () => {
    throw new Error('meta actions are carried out by the engine');
  },
};

function findModule(registry: ModuleRegistry, key: string): ModuleDefinition | undefined {
  return registry.get(key) ?? (canonicalModuleName(key) === 'meta' ? metaModule : undefined);
}

/** What a module task needs from the load: the registry and the library/ folders seen so far. */
export type ModuleLookup = Pick<LoadContext, 'registry' | 'libraryDirs'>;

/**
 * A module Ansible has but tsplay lacks (unavailable-modules.ts): it loads with any arguments and
 * the task carries why, so the engine fails it, located, on the hosts that reach it.
 */
function unavailableModule(name: string, libraryDirs: Iterable<string>): (ModuleDefinition & { unavailable: string }) | undefined {
  const why = unavailableReason(name, libraryDirs);
  if (why === undefined) return undefined;
  return {
    name: canonicalModuleName(name),
    schema: { type: 'object' },
    unavailable: why,
    controllerOnly: true,
    runsInCheckMode: true,
    run: async () => {
      throw new Error(`module '${name}' is not available in tsplay (${why})`);
    },
  };
}

/** Pick the one key that names the module; every other key must be a task keyword. */
function moduleKeyOf(raw: Record<string, unknown>, keywords: readonly string[], src: YamlSource, path: YamlPath, registry: ModuleRegistry, known: (name: string) => ModuleDefinition | undefined): string {
  const others = Object.keys(raw).filter((k) => !keywords.includes(k));
  const modules = others.filter((k) => known(k));
  const unknown = others.filter((k) => !known(k));
  if (modules.length > 1) {
    throw new LoadError(`a task can run only one module, found ${modules.map((m) => `'${m}'`).join(' and ')}`, src.keyLoc([...path, modules[1]!]));
  }
  const typo = unknown.find((k) => closestName(k, keywords));
  if (typo !== undefined && (modules.length === 1 || unknown.length > 1 || !closestName(typo, registry.names()))) {
    throw new LoadError(`unknown task keyword '${typo}'${didYouMean(typo, keywords)}`, src.keyLoc([...path, typo]));
  }
  if (modules.length === 1 && unknown.length > 0) {
    throw new LoadError(`unknown task keyword '${unknown[0]}'`, src.keyLoc([...path, unknown[0]!]));
  }
  if (modules.length === 1) return modules[0]!;
  if (unknown.length > 0) {
    const name = unknown[0]!;
    const collection = collectionOf(name);
    if (collection !== undefined && !['ansible.builtin', 'ansible.legacy'].includes(collection)) {
      const known = KNOWN_COLLECTION_PREFIXES.some((prefix) => prefix === `${collection}.`);
      const why = known ? `tsplay has only some modules of collection '${collection}'` : `collection '${collection}' is not built in`;
      throw new UnavailableModuleError(`module '${name}' is not available in tsplay (${why})`, src.keyLoc([...path, name]));
    }
    const hint = didYouMean(canonicalModuleName(name), [...registry.names(), 'meta']);
    throw new UnavailableModuleError(`unknown module '${name}'${hint}`, src.keyLoc([...path, name]));
  }
  throw new LoadError('task has no module to run (every key is a task keyword)', src.loc(path));
}

/** A task names a module tsplay does not have: include_tasks defers it to run time (tasks.ts). */
export class UnavailableModuleError extends LoadError {}

/**
 * `copy: src=a dest=b mode=0644` — Ansible accepts key=value text for every module (read as its
 * parse_kv: spaces inside quotes or `{{ }}` keep a value together). Values are text; where the module's schema wants a number or a boolean, clear cases are converted.
 */
function keyValueArgs(module: ModuleDefinition, text: string, loc: SourceLocation): Record<string, unknown> {
  const properties = (module.schema.properties ?? {}) as Record<string, PropertySchema>;
  const args: Record<string, unknown> = {};
  let parsed: KeyValueText;
  try {
    parsed = parseKv(text);
  } catch (error) {
    throw new LoadError((error as Error).message, loc);
  }
  const stray = parsed.rawParams[0];
  if (stray !== undefined) throw new LoadError(`module '${module.name}' takes key=value arguments or a mapping; got '${stray}'`, loc);
  for (const [name, value] of Object.entries(parsed.options)) args[name] = withType(properties[name], value);
  return args;
}

/**
 * Text where the schema wants a number or a boolean, converted in the clear cases, as Ansible's
 * argument spec converts `enabled: "yes"` or `port: "8080"`; anything else is left for the schema
 * check to refuse (and `{{ }}` for run time).
 */
function withType(property: PropertySchema | undefined, value: string): unknown {
  return isTemplateText(value) ? value : asDeclaredType(property, value);
}

/** The mapping form's text values given the type the module declares (see asDeclaredType). */
function withDeclaredTypes(module: ModuleDefinition, args: Record<string, unknown>): Record<string, unknown> {
  const properties = (module.schema.properties ?? {}) as Record<string, PropertySchema>;
  return Object.fromEntries(Object.entries(args).map(([name, value]) => [name, typeof value === 'string' ? withType(properties[name], value) : value]));
}

function moduleArgs(module: ModuleDefinition, key: string, raw: Record<string, unknown>, src: YamlSource, path: YamlPath): Record<string, unknown> {
  const written = raw[key];
  let inline: Record<string, unknown>;
  if (written === null || written === undefined) inline = {};
  else if (typeof written === 'string' || typeof written === 'number') {
    inline = module.freeForm ? module.freeForm(String(written)) : keyValueArgs(module, String(written), src.loc([...path, key]));
  } else if (isPlainObject(written)) inline = withDeclaredTypes(module, written);
  else throw new LoadError(`arguments of '${key}' must be a mapping${module.freeForm ? ' or text' : ''}`, src.loc([...path, key]));
  // `args:` supplies extra arguments (chdir, creates ...); what is written on the module line wins.
  const extra = isPlainObject(raw.args) ? raw.args : {};
  return { ...extra, ...inline };
}

export function parseModuleTask(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: ModuleLookup): ModuleTask {
  return parseAction(raw, src, path, scope, ctx, TASK_KEYWORDS);
}

export function parseHandler(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: ModuleLookup): Handler {
  const task = parseAction(raw, src, path, scope, ctx, keysAt('handler'));
  if (raw.listen !== undefined) checkSchema(raw.listen, schemas.listen, { src, path: [...path, 'listen'], what: 'listen' });
  return { ...task, listen: toStringList(raw.listen) };
}

function parseAction(raw: Record<string, unknown>, src: YamlSource, path: YamlPath, scope: TaskScope, ctx: ModuleLookup, keywords: readonly string[]): ModuleTask {
  // Before the module is looked for: an unknown with_<name> is a loop error, not an unknown module.
  loopKeyOf(raw, src, path);
  const known = (name: string) => findModule(ctx.registry, name) ?? unavailableModule(name, ctx.libraryDirs);
  const key = moduleKeyOf(raw, keywords, src, path, ctx.registry, known);
  const module = known(key)!;
  const { [key]: _module, listen: _listen, ...keywordValues } = raw;
  checkSchema(keywordValues, schemas.task, { src, path, what: 'task keyword' });
  if (raw.async !== undefined && raw.async !== 0 && module.supportsAsync !== true) {
    throw new LoadError(`async is not supported for module '${module.name}' (tsplay runs command, shell and script asynchronously)`, src.keyLoc([...path, 'async']));
  }
  const args = moduleArgs(module, key, raw, src, path);
  checkSchema(args, module.schema, { src, path: [...path, key], what: `${module.name} argument` });
  const task = {
    ...readCommon(raw, src, path, scope, 'task'),
    kind: 'task',
    module: module.name,
    action: key,
    args,
    ...('unavailable' in module ? { unavailable: `module '${key}' is not available in tsplay (${String(module.unavailable)})` } : {}),
    ...readLoop(raw, src, path),
  };
  return task as unknown as ModuleTask;
}
