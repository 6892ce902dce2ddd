// `src:` of copy and template is a file on the controller. Relative names are looked up like
// Ansible: the role's files/ (or templates/), then the playbook's files/ (templates/), then the
// playbook directory itself. A name that climbs out of its base directory with `..` is refused, so
// a role cannot read arbitrary controller files through a variable.
import { access, readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ModuleContext } from '../types.js';
import { ModuleFailure } from './target.js';

export type SourceKind = 'files' | 'templates';

/** Candidate paths in lookup order; throws ModuleFailure when `src` escapes a base directory. */
export function sourceCandidates(ctx: Pick<ModuleContext, 'role' | 'playbookDir'>, src: string, kind: SourceKind): string[] {
  if (isAbsolute(src)) return [src];
  const bases = [
    ...(ctx.role ? [join(ctx.role.dir, kind)] : []),
    join(ctx.playbookDir, kind),
    ctx.playbookDir,
  ];
  return bases.map((base) => {
    const full = resolve(base, src);
    const rel = relative(base, full);
    if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) {
      throw new ModuleFailure(`src '${src}' points outside ${base}; use a path inside the ${kind}/ directory or an absolute path`);
    }
    return full;
  });
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
