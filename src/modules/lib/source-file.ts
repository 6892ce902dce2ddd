// `src:` of copy and template is a file on the controller, found like Ansible (util/local-search.ts).
import { access, readFile } from 'node:fs/promises';
import { localFileCandidates, type LocalFileKind } from '../../util/local-search.js';
import type { ModuleContext } from '../types.js';
import { ModuleFailure } from './target.js';

export type SourceKind = LocalFileKind;

/** Candidate paths in lookup order; throws ModuleFailure when `src` escapes a base directory. */
export function sourceCandidates(ctx: Pick<ModuleContext, 'role' | 'playbookDir'>, src: string, kind: SourceKind): string[] {
  const found = localFileCandidates({ roleDir: ctx.role?.dir, playbookDir: ctx.playbookDir }, src, kind);
  if ('escapes' in found) {
    throw new ModuleFailure(`src '${src}' points outside ${found.escapes}; use a path inside the ${kind}/ directory or an absolute path`);
  }
  return found.candidates;
}

/** The first existing candidate, read whole. */
export async function readSourceFile(ctx: ModuleContext, src: string, kind: SourceKind): Promise<{ path: string; content: Buffer }> {
  const candidates = sourceCandidates(ctx, src, kind);
  for (const path of candidates) {
    try {
      await access(path);
    } catch {
      continue;
    }
    return { path, content: await readFile(path) };
  }
  throw new ModuleFailure(`could not find src '${src}' (looked in ${candidates.join(', ')})`);
}
