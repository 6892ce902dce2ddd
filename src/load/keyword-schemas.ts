// The playbook and task-list JSON Schemas, assembled from the keyword table (src/keywords.ts): one
// object schema per place (play, import_playbook, task, block, include) listing exactly the keys
// allowed there. The loader validates with these; `npm run schemas:write` writes the same documents
// to src/schemas/ for editors, and a unit test fails when those files are out of date.
import { KEYWORD_DEFINITIONS, keywordsAt, type Place } from '../keywords.js';

type Schema = Record<string, unknown>;

/** The object schema of one place: its keys, nothing else, and the required ones. */
export function placeSchema(place: Place): Schema {
  const rows = keywordsAt(place);
  const required = rows.filter((row) => row.required && row.places[0] === place).map((row) => row.key);
  const properties = Object.fromEntries(rows.map((row) => [row.key, row.description ? { ...row.schema, description: row.description } : row.schema]));
  return { type: 'object', additionalProperties: false, ...(required.length ? { required } : {}), properties };
}

/** include_role's `apply:`: the keywords of a block, without the block's task lists. */
function applySchema(): Schema {
  const { required: _required, properties, ...rest } = placeSchema('block') as { required?: unknown; properties: Schema };
  const keywords = Object.entries(properties).filter(([key]) => !['block', 'rescue', 'always'].includes(key));
  return { ...rest, properties: Object.fromEntries(keywords) };
}

function listDocument(file: string, title: string, description: string, definitions: Schema): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `https://tsplay.dev/schemas/${file}`,
    title,
    description,
    type: 'array',
    items: { type: 'object' },
    definitions: { ...KEYWORD_DEFINITIONS, ...definitions },
  };
}

export const PLAYBOOK_SCHEMA_FILE = 'playbook.schema.json';
export const TASKS_SCHEMA_FILE = 'tasks.schema.json';

export function playbookSchemaDocument(): Schema {
  return listDocument(PLAYBOOK_SCHEMA_FILE, 'tsplay playbook', 'A list of plays or import_playbook entries. Tasks are described by tasks.schema.json.', {
    importPlaybook: placeSchema('import_playbook'),
    play: placeSchema('play'),
  });
}

export function tasksSchemaDocument(): Schema {
  return listDocument(
    TASKS_SCHEMA_FILE,
    'tsplay task list',
    "A list of tasks (tasks/main.yml, pre_tasks, tasks, post_tasks, handlers). The module key of a task is validated with that module's own schema.",
    {
      task: placeSchema('task'),
      listen: keywordsAt('handler').find((row) => row.key === 'listen')!.schema,
      block: placeSchema('block'),
      include: placeSchema('include'),
      apply: applySchema(),
    },
  );
}

/** The generated files' text, as written to src/schemas/. */
export function schemaFileText(document: Schema): string {
  return JSON.stringify(document, null, 2) + '\n';
}
