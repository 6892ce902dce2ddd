// The JSON Schemas of src/schemas/ (published for editors too), read once and cut into the
// pieces the loader validates one at a time (a play, a task, a block) for precise messages.
import { readFileSync } from 'node:fs';

type Schema = Readonly<Record<string, unknown>>;

function readSchema(name: string): Record<string, unknown> {
  // Relative to this file, so it works from src/ (tsx) and from dist/src/ (the build copies the JSON).
  const url = new URL(`../schemas/${name}`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
}

/** One definition of a schema file, standalone (its #/definitions refs still resolve). */
function definition(root: Record<string, unknown>, name: string): Schema {
  const definitions = root.definitions as Record<string, Record<string, unknown>>;
  const def = definitions[name];
  if (!def) throw new Error(`schema definition '${name}' is missing`);
  return { ...def, definitions };
}

const playbook = readSchema('playbook.schema.json');
const tasks = readSchema('tasks.schema.json');

export const schemas = {
  playbookList: playbook as Schema,
  play: definition(playbook, 'play'),
  importPlaybook: definition(playbook, 'importPlaybook'),
  taskList: tasks as Schema,
  task: definition(tasks, 'task'),
  block: definition(tasks, 'block'),
  include: definition(tasks, 'include'),
  listen: definition(tasks, 'listen'),
  roleMeta: readSchema('role-meta.schema.json') as Schema,
  argumentSpecs: readSchema('argument-specs.schema.json') as Schema,
  inventory: readSchema('inventory.schema.json') as Schema,
};

/** Keys of a schema's `properties`, e.g. the task keywords. */
export function propertyNames(schema: Schema): string[] {
  return Object.keys((schema.properties as object | undefined) ?? {});
}
