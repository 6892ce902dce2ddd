// Validators for the built-in schemas (playbook, tasks, inventory, every module's arguments),
// compiled to code at build time by src/build/precompile-schemas.ts. Compiling them at run time
// cost ~60-110 ms of every run's startup. Running from source (tsx) there is no generated file:
// schemas are compiled at run time as before, and so are schemas not known at build time.
import { createHash } from 'node:crypto';
import type { ValidateFunction } from 'ajv';

let table: Readonly<Record<string, ValidateFunction>> = {};
try {
  table = await import('./precompiled-validators.js') as unknown as Record<string, ValidateFunction>;
} catch {
  // not built (running from source): every schema is compiled when first used
}

/** A schema's name in the generated table: a hash of its JSON, the same at build and run time. */
export function schemaKey(schema: Readonly<Record<string, unknown>>): string {
  return 'v' + createHash('sha1').update(JSON.stringify(schema)).digest('hex').slice(0, 20);
}

export function precompiledValidator(schema: Readonly<Record<string, unknown>>): ValidateFunction | undefined {
  return table[schemaKey(schema)];
}

/** How many validators the build provided (tests check the build step ran). */
export function precompiledCount(): number {
  return Object.keys(table).length;
}
