// Run a playbook written as YAML files (a throwaway tree) through the real loader and the engine
// harness: for tests that compare with what ansible-playbook 2.14 does with the same files.
import { join } from 'node:path';
import { TsplayError } from '../../../src/errors.js';
import type { RunOptions } from '../../../src/engine/api.js';
import { loadPlaybook } from '../../../src/load/index.js';
import type { Inventory } from '../../../src/model.js';
import { allModules } from '../../../src/modules/all.js';
import { createRegistry } from '../../../src/modules/registry.js';
import { writeTree } from '../support/file-tree.js';
import { runTest, type Harness, type HarnessExtras } from './helpers.js';

/** Load `site.yml` of the given files and run it; the tree's directory comes back too. */
export async function runYaml(files: Record<string, string>, inv: Inventory, options: Partial<RunOptions> = {}, extra: HarnessExtras = {}): Promise<Harness & { dir: string }> {
  const dir = writeTree(files, 'tsplay-yaml-');
  const pb = await loadPlaybook(join(dir, 'site.yml'), { registry: createRegistry(allModules) });
  return { ...(await runTest(pb, inv, options, extra)), dir };
}

/** What loading `site.yml` of the given files refuses, as printed (file:line:col: message), file names relative. */
export async function loadRefusal(files: Record<string, string>): Promise<string> {
  const dir = writeTree(files, 'tsplay-yaml-');
  try {
    await loadPlaybook(join(dir, 'site.yml'), { registry: createRegistry(allModules) });
  } catch (error) {
    if (error instanceof TsplayError) return error.describe().split(`${dir}/`).join('');
    throw error;
  }
  throw new Error('the playbook loaded');
}
