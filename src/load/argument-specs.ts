// meta/argument_specs.yml (Ansible's format) converted to a draft-07 JSON Schema over role variables.

type Spec = Record<string, unknown>;

const TYPES: Record<string, Spec> = {
  str: { type: 'string' },
  path: { type: 'string' },
  int: { type: 'integer' },
  float: { type: 'number' },
  bool: { type: 'boolean' },
  list: { type: 'array' },
  dict: { type: 'object' },
  bytes: { type: ['string', 'integer'] },
  bits: { type: ['string', 'integer'] },
  raw: {},
  json: {},
  jsonarg: {},
};

function optionSchema(option: Spec): Spec {
  // Ansible's default type is 'str'.
  const schema: Spec = { ...TYPES[String(option.type ?? 'str')] };
  if (typeof option.description === 'string') schema.description = option.description;
  else if (Array.isArray(option.description)) schema.description = option.description.join(' ');
  if (Array.isArray(option.choices)) schema.enum = option.choices;
  if (option.default !== undefined) schema.default = option.default;
  if (option.type === 'list' && option.elements !== undefined) {
    schema.items = option.options ? { ...objectSchema(option.options as Record<string, Spec>, false) } : { ...TYPES[String(option.elements)] };
  }
  if (option.type === 'dict' && option.options) Object.assign(schema, objectSchema(option.options as Record<string, Spec>, false));
  return schema;
}

function objectSchema(options: Record<string, Spec> | null, openEnded: boolean): Spec {
  const properties: Record<string, Spec> = {};
  const required: string[] = [];
  for (const [name, option] of Object.entries(options ?? {})) {
    properties[name] = optionSchema(option ?? {});
    if (option?.required === true) required.push(name);
  }
  // The role's scope holds every variable of the play, so only sub-options are closed.
  return { type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: openEnded };
}

/** The JSON Schema for one entry point (`main`, or a tasks_from name) of an argument_specs mapping. */
export function argumentSpecToSchema(entry: { options?: Record<string, Spec> | null; short_description?: string }): Spec {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    ...(entry.short_description ? { description: entry.short_description } : {}),
    ...objectSchema(entry.options ?? null, true),
  };
}
