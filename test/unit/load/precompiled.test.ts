// The build step's precompiled validators (src/build/precompile-schemas.ts) cover every built-in
// schema of the current source and report exactly the errors a run-time compile reports.
// Needs `npm run build` first (test/run.sh builds before the unit tests).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { Ajv, type ErrorObject } from 'ajv';
import { schemas } from '../../../src/load/schemas.js';
import { SCHEMA_CHECK_OPTIONS } from '../../../src/load/schema-options.js';
import { defaultRegistry } from '../../../src/modules/registry.js';

const BUILT = join(dirname(fileURLToPath(import.meta.url)), '../../../dist/src/load/precompiled.js');
type Schema = Readonly<Record<string, unknown>>;

const builtIn: [string, Schema][] = [
  ...Object.entries(schemas),
  ...defaultRegistry.names().map((name): [string, Schema] => [`module ${name}`, defaultRegistry.get(name)!.schema as Schema]),
];

/** Values that break a schema in different ways: unknown keys, wrong types for every property. */
function badValues(schema: Schema): unknown[] {
  const properties = Object.keys((schema.properties as object | undefined) ?? {});
  return [
    'a string', 42, [1, 2], { no_such_key_tsplay: 1 },
    ...properties.map((p) => ({ [p]: { nested: [1, { deeper: true }] } })),
    ...properties.map((p) => ({ [p]: 12345 })),
  ];
}

const comparable = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map(({ keyword, instancePath, schemaPath, params, message }) => ({ keyword, instancePath, schemaPath, params, message }));

describe('precompiled schema validators', { skip: !existsSync(BUILT) && 'not built' }, () => {
  it('exist for every built-in schema and agree with a run-time compile', async () => {
    const { precompiledValidator, precompiledCount } = await import(BUILT) as typeof import('../../../src/load/precompiled.js');
    assert.ok(precompiledCount() >= 40, `only ${precompiledCount()} validators were built`);
    const ajv = new Ajv({ ...SCHEMA_CHECK_OPTIONS });
    let compared = 0;
    for (const [name, schema] of builtIn) {
      const built = precompiledValidator(schema);
      assert.ok(built, `${name}: no precompiled validator (stale build?)`);
      const runtime = ajv.compile({ ...schema, $id: undefined } as Record<string, unknown>);
      for (const value of badValues(schema)) {
        assert.equal(built(value), runtime(value), `${name}: ${JSON.stringify(value)}`);
        assert.deepEqual(comparable(built.errors), comparable(runtime.errors), `${name}: ${JSON.stringify(value)}`);
        compared++;
      }
    }
    assert.ok(compared > 500, `${compared} comparisons`);
  });
});
