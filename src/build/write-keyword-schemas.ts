// `npm run schemas:write`: writes src/schemas/playbook.schema.json and tasks.schema.json (published
// for editors) from the keyword table. test/unit/load/keyword-table.test.ts fails while they differ.
import { writeFileSync } from 'node:fs';
import { PLAYBOOK_SCHEMA_FILE, playbookSchemaDocument, schemaFileText, TASKS_SCHEMA_FILE, tasksSchemaDocument } from '../load/keyword-schemas.js';

for (const [file, document] of [[PLAYBOOK_SCHEMA_FILE, playbookSchemaDocument()], [TASKS_SCHEMA_FILE, tasksSchemaDocument()]] as const) {
  const url = new URL(`../schemas/${file}`, import.meta.url);
  writeFileSync(url, schemaFileText(document));
  console.log(`wrote ${url.pathname}`);
}
