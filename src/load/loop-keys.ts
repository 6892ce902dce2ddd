// The loop of a module task or an include_tasks, read one way: which loop key it uses (`loop`,
// `with_items` or another `with_<lookup>`), at most one of them, and loop_control. An unknown
// `with_<name>` is a load error at its key, naming the lookup, before anyone takes it for a module.
import { LoadError } from '../errors.js';
import { LOOP_KEYS, WITH_LOOKUP_NAMES } from '../keywords.js';
import { didYouMean } from './did-you-mean.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** The model fields a loop fills (ModuleTask and IncludeTasks share them). */
export interface LoopFields {
  loop?: unknown;
  flattenLoop?: true;
  loopWith?: string;
  loopVar: string;
  indexVar?: string;
  loopLabel?: string;
  loopPause?: number | string;
  loopExtended?: boolean;
  loopAllItems?: boolean;
}

/** The loop key used, if any (`loop`, `with_dict`...). */
export function loopKeyOf(raw: Record<string, unknown>, src: YamlSource, path: YamlPath): string | undefined {
  for (const key of Object.keys(raw)) {
    if (!key.startsWith('with_') || LOOP_KEYS.includes(key)) continue;
    const known = WITH_LOOKUP_NAMES.map((name) => `with_${name}`);
    throw new LoadError(`unknown loop '${key}': tsplay has no lookup '${key.slice(5)}' to loop with${didYouMean(key, known)} (it knows ${known.join(', ')})`, src.keyLoc([...path, key]));
  }
  const used = LOOP_KEYS.filter((key) => raw[key] !== undefined);
  if (used.length > 1) throw new LoadError(`a task has one loop; use either '${used[0]}' or '${used[1]}', not both`, src.keyLoc([...path, used[1]!]));
  return used[0];
}

/** The loop fields of a task or include (the schema already checked loop_control's shape). */
export function readLoop(raw: Record<string, unknown>, src: YamlSource, path: YamlPath): LoopFields {
  const key = loopKeyOf(raw, src, path);
  const control = (raw.loop_control ?? {}) as Record<string, unknown>;
  const fields: LoopFields = { loopVar: (control.loop_var as string | undefined) ?? 'item' };
  if (key !== undefined) fields.loop = raw[key];
  if (key === 'with_items') fields.flattenLoop = true;
  else if (key !== undefined && key !== 'loop') fields.loopWith = key.slice('with_'.length);
  if (control.index_var !== undefined) fields.indexVar = control.index_var as string;
  if (control.label !== undefined) fields.loopLabel = control.label as string;
  if (control.pause !== undefined) fields.loopPause = control.pause as number | string;
  if (control.extended === true) fields.loopExtended = true;
  if (control.extended_allitems === false) fields.loopAllItems = false;
  return fields;
}
