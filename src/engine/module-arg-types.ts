// Module arguments converted to their declared type after templating, as Ansible's argument_spec
// does. Templating gives text for numbers (`port: "{{ base_port + 1 }}"` is '6444', Ansible 2.14's
// rule: template/template-value.ts), so a module declaring an integer must accept '6444', and a
// boolean 'yes'. Only clear cases are converted; anything else is left for the module to refuse.

/** Ansible's BOOLEANS_TRUE / BOOLEANS_FALSE spellings (module_utils/parsing/convert_bool.py). */
const TRUE_WORDS: ReadonlySet<string> = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['n', 'no', 'off', '0', 'false', 'f']);

interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly items?: PropertySchema;
  readonly anyOf?: readonly PropertySchema[];
}

function typesOf(schema: PropertySchema): string[] {
  const own = schema.type === undefined ? [] : [schema.type].flat();
  return [...own, ...(schema.anyOf ?? []).flatMap(typesOf)];
}

/** `value` converted to what `schema` declares, when it is text that clearly spells that type. */
function converted(value: unknown, schema: PropertySchema): unknown {
  const types = typesOf(schema);
  if (Array.isArray(value)) {
    const items = schema.items ?? schema.anyOf?.find((s) => s.items)?.items;
    return items && types.includes('array') ? value.map((item) => converted(item, items)) : value;
  }
  if (typeof value !== 'string' || types.length === 0 || types.includes('string')) return value;
  const text = value.trim();
  if (types.includes('integer') && /^[-+]?\d+$/.test(text)) return Number(text);
  if (types.includes('number') && text !== '' && Number.isFinite(Number(text))) return Number(text);
  if (types.includes('boolean')) {
    const word = text.toLowerCase();
    if (TRUE_WORDS.has(word)) return true;
    if (FALSE_WORDS.has(word)) return false;
  }
  return value;
}

/** The templated arguments with text converted where the module's schema declares a number or a boolean. */
export function convertArgTypes(schema: Readonly<Record<string, unknown>>, args: Record<string, unknown>): Record<string, unknown> {
  const properties = schema['properties'] as Readonly<Record<string, PropertySchema>> | undefined;
  if (!properties) return args;
  let out: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(args)) {
    const property = Object.hasOwn(properties, name) ? properties[name] : undefined;
    if (!property) continue;
    const next = converted(value, property);
    if (next !== value) (out ??= { ...args })[name] = next;
  }
  return out ?? args;
}
