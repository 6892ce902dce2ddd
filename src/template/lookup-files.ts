// The controller-file lookups, first_found and fileglob, as ansible-core 2.14's plugins: shared by
// the `with_first_found`/`with_fileglob` loops (engine/with-lookups.ts) and lookup()/query() in
// templates (lookups.ts). Both search the role's and the playbook's directories like Ansible's
// path_dwim_relative_stack.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { ExpressionFailure } from './python-values.js';
import { fnmatchRegExp } from '../util/fnmatch.js';

/** What a lookup may need beyond its terms: where to look for controller files. */
export interface LookupPlace {
  /** The role's directory when the task comes from a role. */
  readonly roleDir?: string;
  readonly playbookDir: string;
  /** files, templates or vars: Ansible picks it from the task's action (template → templates...). */
  readonly subdir: 'files' | 'templates' | 'vars';
}

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** path_dwim_relative_stack: for each base (role, playbook), <base>/<subdir>/<name> (unless the name
 * already starts with the subdir), then <base>/<name>. */
function searchCandidates(name: string, place: LookupPlace, subdir: string): string[] {
  if (isAbsolute(name)) return [name];
  const firstSegment = name.split('/')[0];
  const bases = [...(place.roleDir ? [place.roleDir, join(place.roleDir, 'tasks')] : []), place.playbookDir];
  return bases.flatMap((base) => [...(firstSegment !== subdir ? [join(base, subdir, name)] : []), join(base, name)]);
}

/** The first of the named files that exists (a list of one), none with skip: true, else an error. */
export function firstFound(terms: readonly unknown[], place: LookupPlace): string[] {
  const { names, skip } = firstFoundNames(terms);
  for (const name of names) {
    const found = searchCandidates(name, place, place.subdir).find((path) => existsSync(path));
    if (found !== undefined) return [found];
  }
  if (skip) return [];
  throw new ExpressionFailure('No file was found when using first_found.');
};

/** first_found's terms: file names, or mappings with files/paths (split on , ; and :) and skip. */
function firstFoundNames(terms: readonly unknown[]): { names: string[]; skip: boolean } {
  const names: string[] = [];
  let skip = false;
  const splitOn = (value: unknown, separators: RegExp): string[] =>
    (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).flatMap((v) => String(v).split(separators)).map((s) => s.trim()).filter((s) => s !== '');
  for (const term of terms) {
    if (Array.isArray(term)) {
      const inner = firstFoundNames(term);
      names.push(...inner.names);
      skip = inner.skip;
    } else if (isMapping(term)) {
      const files = splitOn(term['files'], /[,;]/);
      const paths = splitOn(term['paths'], /[,:;]/);
      skip = [true, 'yes', 'true', 'on', '1'].includes(term['skip'] as never);
      if (paths.length > 0) names.push(...paths.flatMap((path) => files.map((file) => join(path, file))));
      else names.push(...files);
    } else if (typeof term === 'string') names.push(term);
    else throw new ExpressionFailure(`Invalid term supplied, can handle string, mapping or list of strings but got: ${JSON.stringify(term)}`);
  }
  return { names, skip };
}

function globFiles(dir: string, pattern: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const matcher = fnmatchRegExp(pattern);
  const hiddenOk = pattern.startsWith('.');
  return entries
    .filter((entry) => (hiddenOk || !entry.startsWith('.')) && matcher.test(entry))
    .map((entry) => join(dir, entry))
    .filter((path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    })
    .sort();
}

export const fileglob = (terms: readonly unknown[], place: LookupPlace): string[] =>
  terms.flatMap((term) => {
    const pattern = String(term);
    const file = basename(pattern);
    let dirs: string[];
    if (file !== pattern) {
      // A pattern with a directory: the first existing directory found like a file, then globbed.
      const found = searchCandidates(dirname(pattern), place, 'files').find((path) => existsSync(path));
      dirs = found === undefined ? [] : [found];
    } else {
      const bases = [...(place.roleDir ? [place.roleDir] : []), place.playbookDir];
      dirs = bases.flatMap((base) => [join(base, 'files'), base]);
    }
    for (const dir of dirs) {
      const matches = globFiles(dir, file);
      if (matches.length > 0) return matches;
    }
    return [];
  });

