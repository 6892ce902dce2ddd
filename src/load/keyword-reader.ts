// Reads the keywords written on a play, block, task or include into the model's fields, as the
// keyword table (src/keywords.ts) says: which keys the place takes, which field each fills and how
// its value is normalised. Runs after the place's schema check, so types are already right.
import { LoadError } from '../errors.js';
import { keywordsAt, type KeywordRow, type Place } from '../keywords.js';
import { checkConditionSyntax } from './condition-syntax.js';
import { isTemplated } from './schema-check.js';
import { isPlainObject, toConditions, toStringList, toVars } from './values.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** Accumulating keywords and lists are always present in the model (empty when not written). */
function alwaysPresent(row: KeywordRow): boolean {
  return row.inherit === 'and' || row.inherit === 'union' || row.readAs === 'vars' || row.readAs === 'names';
}

function readValue(row: KeywordRow, value: unknown, src: YamlSource, path: YamlPath): unknown {
  const at = () => src.loc([...path, row.key]);
  switch (row.readAs ?? 'value') {
    case 'conditions':
      return checkConditionSyntax(toConditions(value), at(), row.key);
    case 'tags':
      return toStringList(value, true);
    case 'names':
      return toStringList(value);
    case 'vars':
      return toVars(value, at(), row.key);
    case 'moduleDefaults':
      return readModuleDefaults(value, src, [...path, row.key]);
    case 'mapping':
      // One template (`environment: "{{ proxy_env }}"`) gives its mapping at run time.
      if (!isPlainObject(value) && !isTemplated(value)) throw new LoadError(`${row.key} must be a mapping or a template that gives one`, at());
      return value;
    default:
      return value;
  }
}

/**
 * module_defaults: one mapping of module name → arguments (a list of them merges, later entries'
 * arguments winning). Action groups (`group/...`) are refused: tsplay does not know them yet.
 */
function readModuleDefaults(value: unknown, src: YamlSource, path: YamlPath): Record<string, Record<string, unknown>> {
  const entries = Array.isArray(value) ? value.map((entry, i) => [entry, [...path, i]] as const) : [[value, path] as const];
  const merged: Record<string, Record<string, unknown>> = {};
  for (const [entry, at] of entries) {
    if (!isPlainObject(entry)) throw new LoadError('module_defaults must map module names to their arguments (a template string is not supported)', src.loc(at));
    for (const [module, args] of Object.entries(entry)) {
      if (module.startsWith('group/')) throw new LoadError(`module_defaults action groups ('${module}') are not supported yet: name the modules`, src.keyLoc([...at, module]));
      if (!isPlainObject(args)) throw new LoadError(`module_defaults for '${module}' must be a mapping of arguments`, src.loc([...at, module]));
      merged[module] = { ...merged[module], ...args };
    }
  }
  return merged;
}

/**
 * The model fields of the keywords written at `place`; remote_user/port/connection go into
 * `connectionDefaults`, keyed by the connection variable each one defaults.
 */
export function readKeywords(raw: Record<string, unknown>, place: Place, src: YamlSource, path: YamlPath): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const connectionDefaults: Record<string, unknown> = {};
  for (const row of keywordsAt(place)) {
    const value = raw[row.key];
    if (row.inherit === 'connection') {
      if (value !== undefined) connectionDefaults[row.variables![0]!] = value;
    } else if (row.field !== undefined && (value !== undefined || alwaysPresent(row))) {
      fields[row.field] = readValue(row, value, src, path);
    }
  }
  if (Object.keys(connectionDefaults).length > 0) fields.connectionDefaults = connectionDefaults;
  return fields;
}
