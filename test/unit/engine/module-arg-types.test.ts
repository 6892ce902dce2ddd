// Templating gives text for numbers (Ansible 2.14's rule), so module arguments are converted to
// the type their schema declares after templating, as Ansible's argument_spec does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { convertArgTypes } from '../../../src/engine/module-arg-types.js';
import type { ModuleDefinition } from '../../../src/modules/types.js';
import { waitForModule } from '../../../src/modules/wait_for.js';
import { uriModule } from '../../../src/modules/uri.js';
import { inventory, play, playbook, runTest, task } from './helpers.js';

test('text spelling a number or a boolean becomes one where the schema declares that type', () => {
  const args = { port: '6444', timeout: ' 30 ', host: '10.0.0.1', delay: 'soon' };
  assert.deepEqual(convertArgTypes(waitForModule.schema, args), { port: 6444, timeout: 30, host: '10.0.0.1', delay: 'soon' }, "'soon' is left for the module to refuse");
  assert.deepEqual(convertArgTypes(uriModule.schema, { url: 'http://x', status_code: ['200', 201], validate_certs: 'no' }), { url: 'http://x', status_code: ['200', 201], validate_certs: false },
    'status_code also takes text: it stays');
  const same = { port: 1 };
  assert.equal(convertArgTypes(waitForModule.schema, same), same, 'nothing to convert: the same object');
});

test('a module declaring an integer gets a number from `{{ base + 1 }}` (text since Ansible 2.14\'s rule)', async () => {
  const seen: unknown[] = [];
  const typed: ModuleDefinition = {
    name: 'typed',
    schema: { type: 'object', properties: { port: { type: 'integer' }, name: { type: 'string' }, on: { type: 'boolean' } } },
    async run(_ctx, args) {
      seen.push(args);
      return { changed: false };
    },
  };
  const pb = playbook(play({ hosts: 'h1', vars: { base: 6443 }, tasks: [task('typed', { port: '{{ base + 1 }}', name: '{{ base + 1 }}', on: "{{ 'yes' }}" })] }));
  await runTest(pb, inventory({ h1: {} }), {}, { modules: [typed] });
  assert.deepEqual(seen, [{ port: 6444, name: '6444', on: true }]);
});
