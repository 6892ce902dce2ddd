import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { checkLayering } from '../../layering/check-layering.js';

/** A tree of tiny files: path → the paths it imports (all relative to the tree's root). */
async function writeTree(root: string, files: Record<string, readonly string[]>): Promise<void> {
  for (const [path, imports] of Object.entries(files)) {
    const lines = imports.map((target, i) => {
      const specifier = relative(dirname(path), target).replace(/\.ts$/, '.js');
      return `import * as m${i} from '${specifier.startsWith('.') ? specifier : `./${specifier}`}';\nexport const use${i} = m${i};`;
    });
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), lines.join('\n') + '\nexport const here = 1;\n');
  }
}

test('the layering check reports forbidden imports and folder cycles, with no known exceptions left', async () => {
  const root = await mkdtemp(join(tmpdir(), 'tsplay-layering-'));
  try {
    await writeTree(root, {
      // Allowed: report reads the engine's event contract, modules use src/diff.
      'src/engine/events.ts': ['src/diff/unified.ts'],
      'src/report/plain.ts': ['src/engine/events.ts', 'src/diff/unified.ts'],
      'src/diff/unified.ts': [],
      // Forbidden edges.
      'src/engine/play.ts': ['src/report/plain.ts'],
      'src/connection/ssh.ts': ['src/modules/copy.ts'],
      'src/modules/copy.ts': ['src/diff/unified.ts'],
      // No exceptions are known today: every modules → load import is an error.
      'src/modules/include_vars.ts': ['src/load/vars-file.ts', 'src/load/playbook.ts'],
      'src/modules/set_fact.ts': ['src/load/vars-file.ts'],
      'src/load/vars-file.ts': [],
      'src/load/playbook.ts': [],
      'src/load/module-task.ts': ['src/modules/copy.ts'],
      // A cycle between folders without a cycle between files.
      'src/plan/a.ts': ['src/template/b.ts'],
      'src/template/c.ts': ['src/plan/d.ts'],
      'src/plan/d.ts': [],
      'src/template/b.ts': [],
    });
    const { errors, known } = await checkLayering(root);
    assert.deepEqual([...errors].sort(), [
      'connection-not-to-modules: src/connection/ssh.ts → src/modules/copy.ts',
      'engine-not-to-report: src/engine/play.ts → src/report/plain.ts',
      // report → engine is allowed, so a forbidden engine → report import also closes a cycle.
      'folder cycle between engine, report: src/engine/play.ts → src/report/plain.ts; src/report/plain.ts → src/engine/events.ts',
      'folder cycle between load, modules: src/load/module-task.ts → src/modules/copy.ts; src/modules/include_vars.ts → src/load/playbook.ts; src/modules/include_vars.ts → src/load/vars-file.ts; src/modules/set_fact.ts → src/load/vars-file.ts',
      'folder cycle between plan, template: src/plan/a.ts → src/template/b.ts; src/template/c.ts → src/plan/d.ts',
      'modules-not-to-load: src/modules/include_vars.ts → src/load/playbook.ts',
      'modules-not-to-load: src/modules/include_vars.ts → src/load/vars-file.ts',
      'modules-not-to-load: src/modules/set_fact.ts → src/load/vars-file.ts',
    ]);
    assert.deepEqual(known, []);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
