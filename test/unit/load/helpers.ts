// Shared test helpers: a small fake module registry and an assertion for located load errors.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { LoadError } from '../../../src/errors.js';
import { createRegistry } from '../../../src/modules/registry.js';
import type { ModuleDefinition } from '../../../src/modules/types.js';

export const fixtures = fileURLToPath(new URL('../../fixtures/load/', import.meta.url));
export const fixture = (...parts: string[]): string => join(fixtures, ...parts);

const run = async () => ({ changed: false });
const kv = (text: string): Record<string, unknown> =>
  Object.fromEntries(text.split(/\s+/).filter(Boolean).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));

const fakeModules: ModuleDefinition[] = [
  { name: 'command', schema: { type: 'object', additionalProperties: false, properties: { cmd: { type: 'string' }, chdir: { type: 'string' }, creates: { type: 'string' } } }, freeForm: (cmd) => ({ cmd }), run },
  { name: 'shell', schema: { type: 'object', additionalProperties: false, properties: { cmd: { type: 'string' }, chdir: { type: 'string' } } }, freeForm: (cmd) => ({ cmd }), run },
  { name: 'copy', schema: { type: 'object', additionalProperties: false, required: ['dest'], properties: { src: { type: 'string' }, dest: { type: 'string' }, mode: { type: ['integer', 'string'] }, force: { type: 'boolean' }, backup: { type: 'boolean' } } }, run },
  { name: 'debug', schema: { type: 'object', additionalProperties: false, properties: { msg: {}, var: { type: 'string' } } }, freeForm: kv, run },
  { name: 'set_fact', schema: { type: 'object' }, freeForm: (text) => {
    // Quoted values, like the real set_fact free form.
    const out: Record<string, unknown> = {};
    for (const m of text.matchAll(/(\w+)=("([^"]*)"|\S+)/g)) out[m[1]!] = m[3] ?? m[2];
    return out;
  }, run },
];

export const registry = createRegistry(fakeModules);

/** Assert that `action` rejects with a LoadError at file:line:col whose message matches. */
export async function assertLoadError(action: () => Promise<unknown>, file: string, line: number, col: number, message: RegExp | string): Promise<LoadError> {
  try {
    await action();
  } catch (error) {
    assert.ok(error instanceof LoadError, `expected a LoadError, got ${String(error)}`);
    assert.deepEqual(error.location, { file, line, col }, `wrong location for: ${error.describe()}`);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return error;
  }
  assert.fail('expected a LoadError, but loading succeeded');
}
