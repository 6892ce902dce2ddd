// `src:` of copy and template, and script's file, live on the controller: found through the run's
// Sources (the role's files/ or templates/, then the playbook's, then the playbook directory).
import { readFile } from 'node:fs/promises';
import type { ControllerFileKind } from '../../sources.js';
import type { ModuleContext } from '../types.js';
import { ModuleFailure } from './target.js';

/**
 * The controller file `src` names, read whole. `label` names it in the not-found message;
 * a name climbing out of its base directory is refused.
 */
export async function readSourceFile(ctx: ModuleContext, src: string, kind: ControllerFileKind, label = `src '${src}'`): Promise<{ path: string; content: Buffer }> {
  const found = await ctx.sources.findFile(src, kind, ctx.role?.dir);
  if ('escapes' in found) {
    throw new ModuleFailure(`src '${src}' points outside ${found.escapes}; use a path inside the ${kind}/ directory or an absolute path`);
  }
  if ('missing' in found) throw new ModuleFailure(`could not find ${label} (looked in ${found.missing.join(', ')})`);
  return { path: found.path, content: await readFile(found.path) };
}
