// The JSON Schemas the loader validates with, cut into the pieces it checks one at a time (a play,
// a task, a block) for precise messages. The playbook and task-list schemas are assembled from the
// keyword table (keyword-schemas.ts); the others are read from src/schemas/ (published for editors).
import { readFileSync } from 'node:fs';
import { playbookSchemaDocument, tasksSchemaDocument } from './keyword-schemas.js';

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

const playbook = playbookSchemaDocument();
const tasks = tasksSchemaDocument();

export const schemas = {
  playbookList: playbook as Schema,
  play: definition(playbook, 'play'),
  importPlaybook: definition(playbook, 'importPlaybook'),
  taskList: tasks as Schema,
  task: definition(tasks, 'task'),
  block: definition(tasks, 'block'),
  include: definition(tasks, 'include'),
  apply: definition(tasks, 'apply'),
  listen: definition(tasks, 'listen'),
  roleMeta: readSchema('role-meta.schema.json') as Schema,
  argumentSpecs: readSchema('argument-specs.schema.json') as Schema,
  inventory: readSchema('inventory.schema.json') as Schema,
};

