// Text converted to the type a module's schema declares for an argument, as Ansible's argument
// spec converts it: `port: "8080"` is 8080, `enabled: "yes"` true. Used for text written in the
// playbook (load/module-task.ts) and for text a template gives at run time
// (engine/module-arg-types.ts: `"{{ base_port + 1 }}"` is text since Ansible 2.14's rule). Only
// clear cases are converted; anything else is left for the schema check or the module to refuse.

/** Ansible's BOOLEANS_TRUE / BOOLEANS_FALSE spellings (module_utils/parsing/convert_bool.py). */
const TRUE_WORDS: ReadonlySet<string> = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['n', 'no', 'off', '0', 'false', 'f']);
const INTEGER = /^[-+]?\d+$/;
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

export interface PropertySchema {
  readonly type?: unknown;
  readonly items?: PropertySchema;
  readonly anyOf?: readonly PropertySchema[];
}

function typesOf(schema: PropertySchema): string[] {
  const own = schema.type === undefined ? [] : [schema.type].flat().map(String);
  return [...own, ...(schema.anyOf ?? []).flatMap(typesOf)];
}

/** `value` as the type `schema` declares, when it is text that clearly spells that type (lists item by item). */
export function asDeclaredType(schema: PropertySchema | undefined, value: unknown): unknown {
  if (!schema) return value;
  const types = typesOf(schema);
  if (Array.isArray(value)) {
    const items = schema.items ?? schema.anyOf?.find((s) => s.items)?.items;
    return items && types.includes('array') ? value.map((item) => asDeclaredType(items, item)) : value;
  }
  if (typeof value !== 'string' || types.length === 0 || types.includes('string')) return value;
  const text = value.trim();
  if (types.includes('integer') && INTEGER.test(text)) return Number(text);
  if (types.includes('number') && DECIMAL.test(text)) return Number(text);
  if (types.includes('boolean')) {
    const word = text.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return value;
}
