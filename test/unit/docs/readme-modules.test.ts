import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { allModules } from '../../../src/modules/all.js';
import { moduleReference, moduleSection, REFERENCE_BEGIN, REFERENCE_END } from '../../../src/docs/module-reference.js';

test("docs/MODULES.md's module reference is the one generated from the schemas (run npm run docs:modules)", () => {
  const readme = readFileSync(new URL('../../../docs/MODULES.md', import.meta.url), 'utf8');
  const start = readme.indexOf(REFERENCE_BEGIN);
  const end = readme.indexOf(REFERENCE_END);
  assert.ok(start >= 0 && end > start, 'docs/MODULES.md lacks the module reference markers');
  assert.equal(readme.slice(start, end + REFERENCE_END.length), moduleReference(allModules));
});

test('a module section lists every argument with its type, default and required marker', () => {
  const section = moduleSection({
    name: 'demo',
    schema: {
      description: 'Does a demo.',
      type: 'object',
      required: ['path'],
      properties: {
        path: { type: 'string', description: 'Where | to write.' },
        state: { enum: ['present', 'absent'], default: 'present' },
        names: { type: 'array', items: { type: 'string' } },
      },
    },
    run: async () => ({ changed: false }),
  });
  assert.match(section, /^### `demo`\n\nDoes a demo\./);
  assert.match(section, /\| `path` \| string \| \*\*required\*\* \| Where \\\| to write\. \|/);
  assert.match(section, /\| `state` \| `present` \\\| `absent` \| `"present"` \|/);
  assert.match(section, /\| `names` \| list of string \|/);
});
