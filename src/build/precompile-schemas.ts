// Build step after tsc, before the bundle: compile every built-in schema (the playbook, task,
// inventory and role files' schemas, and each module's argument schema) to JavaScript with ajv's
// standalone code generator, into dist/src/load/precompiled-validators.js. At run time
// src/load/precompiled.ts looks validators up by a hash of the schema's JSON, so a schema that
// changed without a rebuild is simply compiled at run time instead of being checked wrongly.
// Run as `node dist/src/build/precompile-schemas.js` (package.json's build script).
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { schemaKey } from '../load/precompiled.js';
import { SCHEMA_CHECK_OPTIONS } from '../load/schema-options.js';
import { schemas } from '../load/schemas.js';
import { defaultRegistry } from '../modules/registry.js';

const distSrc = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(distSrc, 'load', 'precompiled-validators.js');

const all: Readonly<Record<string, unknown>>[] = [
  ...Object.values(schemas),
  ...defaultRegistry.names().map((name) => defaultRegistry.get(name)!.schema as Readonly<Record<string, unknown>>),
];

const ajv = new Ajv({ ...SCHEMA_CHECK_OPTIONS, code: { source: true, esm: true } });
const exports: Record<string, string> = {};
for (const schema of all) {
  const key = schemaKey(schema);
  if (exports[key]) continue; // the same schema twice (modules sharing one): one validator
  // The key is the schema's id in this ajv only; the root files' own $id would clash across copies.
  const { $id: _ownId, ...rest } = schema as Record<string, unknown>;
  ajv.addSchema({ ...rest, $id: key }, key);
  exports[key] = key;
}

// The generated code may require() ajv's small runtime helpers (equal, ucs2length): give the ES
// module a require that resolves them from here (unbundled) or from the bundle's directory.
const header = 'import { createRequire } from "node:module"; const require = createRequire(import.meta.url);\n';
// ajv's CommonJS module: Node hands its exports object over as the default import.
type Standalone = (ajv: Ajv, refs: Record<string, string>) => string;
const standalone = ((standaloneCode as unknown as { default?: Standalone }).default ?? standaloneCode) as unknown as Standalone;
writeFileSync(target, header + standalone(ajv, exports));
console.log(`precompiled ${Object.keys(exports).length} schema validators into ${target}`);
