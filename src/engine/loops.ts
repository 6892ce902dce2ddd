// Loops, resolved one way for module tasks and include_tasks: the list (`loop` as a list, a
// template giving one, or a bare expression naming one; `with_items` as Ansible's `items` lookup)
// and the variables each item brings (loop_var, index_var, ansible_loop_var, ansible_loop).
import type { Vars } from '../model.js';
import type { TemplateServices } from './services.js';

/** The loop keywords, as a module task and an include_tasks both carry them. */
export interface LoopSource {
  /** A list or a template/expression string that yields a list. */
  readonly loop?: unknown;
  /** Written as `with_items`: flattened one level. */
  readonly flattenLoop?: boolean;
  readonly loopVar: string;
  readonly indexVar?: string;
}

/** `with_items` is Ansible's `items` lookup: a list of lists is flattened one level, and a single
 * value (a string, a dict) is a list of one. `loop` takes the list as it is. */
export function flattenWithItems(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [value];
  return value.flatMap((item) => (Array.isArray(item) ? item : [item]));
}

/** The items of a loop; throws (a message fit for the failed result) when it does not give a list. */
export function loopItems(source: LoopSource, scope: Vars, where: string, templating: Pick<TemplateServices, 'templateValue' | 'evaluate'>): unknown[] {
  const loop = source.loop;
  // with_items: a bare string is a one-item list, never an expression; lists flatten one level.
  if (source.flattenLoop) return flattenWithItems(templating.templateValue(loop, scope, where));
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
      first: index === 0, last: index === items.length - 1, length: items.length, allitems: items,
      previtem: index > 0 ? items[index - 1] : undefined, nextitem: items[index + 1],
    },
  };
  if (source.indexVar) vars[source.indexVar] = index;
  return vars;
}
