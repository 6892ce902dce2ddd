// Where a relative controller-side file name is looked up, like Ansible: the role's files/ (or
// templates/, vars/), then the playbook's, then the playbook directory itself. Used by copy and
// template `src`, lookup('file') and include_vars. A name that climbs out of its base directory with
// `..` is refused, so a role cannot read arbitrary controller files through a variable.
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export type LocalFileKind = 'files' | 'templates' | 'vars';

export interface LocalSearchBase {
  roleDir: string | undefined;
  playbookDir: string;
}

/** Candidate paths in lookup order, or the base directory the name escapes from. */
export function localFileCandidates(base: LocalSearchBase, name: string, kind: LocalFileKind): { candidates: string[] } | { escapes: string } {
  if (isAbsolute(name)) return { candidates: [name] };
  const dirs = [...(base.roleDir ? [join(base.roleDir, kind)] : []), join(base.playbookDir, kind), base.playbookDir];
  const candidates: string[] = [];
  for (const dir of dirs) {
    const full = resolve(dir, name);
    const rel = relative(dir, full);
    if (rel === '' || rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel)) return { escapes: dir };
    candidates.push(full);
  }
  return { candidates };
}
