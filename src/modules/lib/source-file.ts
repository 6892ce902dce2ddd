// `src:` of copy and template, and script's file, live on the controller: found through the run's
// Sources (the role's files/ or templates/, then the playbook's, then the playbook directory).
import { readFile } from 'node:fs/promises';
import type { ControllerFileKind } from '../../sources.js';
import { sha1OfFile } from '../../util/file-sha1.js';
import type { ModuleContext } from '../types.js';
import { ModuleFailure, type LocalFileContent } from './target.js';

/**
 * The controller path `src` names (a file or a directory). `label` names it in the not-found
 * message; a name climbing out of its base directory is refused.
 */
export async function findSourceFile(ctx: ModuleContext, src: string, kind: ControllerFileKind, label = `src '${src}'`): Promise<string> {
  const found = await ctx.sources.findFile(src, kind, ctx.role?.dir);
  if ('escapes' in found) {
    throw new ModuleFailure(`src '${src}' points outside ${found.escapes}; use a path inside the ${kind}/ directory or an absolute path`);
  }
  if ('missing' in found) throw new ModuleFailure(`could not find ${label} (looked in ${found.missing.join(', ')})`);
  return found.path;
}

/** The controller file `src` names, read whole (templates: they are rendered in memory anyway). */
export async function readSourceFile(ctx: ModuleContext, src: string, kind: ControllerFileKind, label = `src '${src}'`): Promise<{ path: string; content: Buffer }> {
  const path = await findSourceFile(ctx, src, kind, label);
  return { path, content: await readFile(path) };
}

/** A controller file described by its streamed sha1 and size, to be uploaded without reading it whole. */
export async function localFileContent(localPath: string): Promise<LocalFileContent> {
  try {
    return { localPath, ...await sha1OfFile(localPath) };
  } catch (error) {
    throw new ModuleFailure(`cannot read ${localPath} on the controller: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
