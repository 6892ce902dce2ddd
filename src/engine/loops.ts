// Loops, resolved one way for module tasks and include_tasks: the list (`loop` as a list, a
// template giving one, or a bare expression naming one; `with_<lookup>` through that lookup, see
// with-lookups.ts) and the variables each item brings (loop_var, index_var, ansible_loop_var,
// ansible_loop, as loop_control sets them).
import type { Vars } from '../model.js';
import type { TemplateServices } from './services.js';
import { runWithLookup, type LookupPlace } from './with-lookups.js';

/** The loop keywords, as a module task and an include_tasks both carry them. */
export interface LoopSource {
  /** A list or a template/expression string that yields a list. */
  readonly loop?: unknown;
  /** Written as `with_items`: flattened one level (the same as loopWith 'items'). */
  readonly flattenLoop?: boolean;
  /** Written as `with_<name>`: the lookup that makes the items. */
  readonly loopWith?: string;
  readonly loopVar: string;
  readonly indexVar?: string;
  /** loop_control.extended_allitems: false leaves ansible_loop.allitems out. */
  readonly loopAllItems?: boolean;
}

/** `with_items` is Ansible's `items` lookup: a list of lists is flattened one level, and a single
 * value (a string, a dict) is a list of one. `loop` takes the list as it is. */
export function flattenWithItems(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [value];
  return value.flatMap((item) => (Array.isArray(item) ? item : [item]));
}

/** Ansible gives a lookup the task's action as context: template → templates/, *var* → vars/, else files/. */
function lookupSubdir(action: string | undefined): LookupPlace['subdir'] {
  if (action?.includes('template')) return 'templates';
  if (action?.includes('var')) return 'vars';
  return 'files';
}

/** first_found templates each candidate on its own and drops one that fails (an undefined variable
 * in a name means "not this one" in Ansible, not an error). */
function templateSkippingUndefined(value: unknown, scope: Vars, where: string, templating: Pick<TemplateServices, 'templateValue'>): unknown {
  if (Array.isArray(value)) return value.flatMap((entry) => {
    const templated = templateSkippingUndefined(entry, scope, where, templating);
    return templated === SKIPPED ? [] : [templated];
  });
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, templateSkippingUndefined(entry, scope, where, templating)]).filter(([, entry]) => entry !== SKIPPED));
  }
  try {
    return templating.templateValue(value, scope, where);
  } catch {
    return SKIPPED;
  }
}

const SKIPPED = Symbol('skipped');

/** The items `with_<name>` gives: its value templated (a bare string stays a string, never an expression), then the lookup. */
function withLookupItems(name: string, source: LoopSource, scope: Vars, where: string, templating: Pick<TemplateServices, 'templateValue'>, action: string | undefined): unknown[] {
  const roleDir = scope['role_path'];
  const playbookDir = scope['playbook_dir'];
  const place: LookupPlace = {
    ...(typeof roleDir === 'string' ? { roleDir } : {}),
    playbookDir: typeof playbookDir === 'string' ? playbookDir : process.cwd(),
    subdir: lookupSubdir(action),
  };
  try {
    const value = name === 'first_found' ? templateSkippingUndefined(source.loop, scope, where, templating) : templating.templateValue(source.loop, scope, where);
    return runWithLookup(name, value === SKIPPED ? [] : value, place);
  } catch (error) {
    throw new Error(`with_${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The items of a loop; throws (a message fit for the failed result) when it does not give a list.
 * `action` is the task's module (first_found looks in templates/ for a template task). */
export function loopItems(source: LoopSource, scope: Vars, where: string, templating: Pick<TemplateServices, 'templateValue' | 'evaluate'>, action?: string): unknown[] {
  const loop = source.loop;
  // with_items: a bare string is a one-item list, never an expression; lists flatten one level.
  if (source.flattenLoop) return flattenWithItems(templating.templateValue(loop, scope, where));
  if (source.loopWith !== undefined) return withLookupItems(source.loopWith, source, scope, where, templating, action);
  let value: unknown;
  if (typeof loop === 'string' && !loop.includes('{{')) {
    try {
      value = templating.evaluate(loop, scope, where);
    } catch (error) {
      throw new Error(`loop '${loop}': ${error instanceof Error ? error.message : String(error)}`);
    }
  } else value = templating.templateValue(loop, scope, where);
  if (!Array.isArray(value)) {
    throw new Error(`Invalid data passed to 'loop', it requires a list, got this instead: ${JSON.stringify(value)}. Hint: use dict2items for a dict`);
  }
  return value;
}

/** The variables item `index` of `items` brings to the task (or the included tasks). */
export function loopItemVars(source: LoopSource, items: readonly unknown[], index: number): Vars {
  const vars: Vars = {
    [source.loopVar]: items[index],
    ansible_loop_var: source.loopVar,
    ansible_loop: {
      index: index + 1, index0: index, revindex: items.length - index, revindex0: items.length - index - 1,
      first: index === 0, last: index === items.length - 1, length: items.length,
      ...(source.loopAllItems === false ? {} : { allitems: items }),
      previtem: index > 0 ? items[index - 1] : undefined, nextitem: items[index + 1],
    },
  };
  if (source.indexVar) {
    vars[source.indexVar] = index;
    vars['ansible_index_var'] = source.indexVar;
  }
  return vars;
}
