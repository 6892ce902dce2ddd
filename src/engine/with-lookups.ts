// The `with_<lookup>` loops: each turns the (already templated) value written under `with_<name>`
// into the loop's items exactly as ansible-core 2.14's lookup plugin of that name does (read from
// its source, outputs compared with ansible-playbook in test/unit/engine/with-lookups.test.ts).
// The controller-side ones (fileglob, first_found) search the role's and the playbook's
// directories like Ansible's path_dwim_relative_stack.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { sequence } from './with-sequence.js';
import { fnmatchRegExp } from '../util/fnmatch.js';

/** What a lookup may need beyond its terms: where to look for controller files. */
export interface LookupPlace {
  /** The role's directory when the task comes from a role. */
  readonly roleDir?: string;
  readonly playbookDir: string;
  /** files, templates or vars: Ansible picks it from the task's action (template → templates...). */
  readonly subdir: 'files' | 'templates' | 'vars';
}

export type WithLookup = (terms: unknown[], place: LookupPlace) => unknown[];

const isMapping = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** LookupBase._flatten: one level of lists spread into the result. */
function flattenOnce(terms: readonly unknown[]): unknown[] {
  return terms.flatMap((term) => (Array.isArray(term) ? term : [term]));
}

/** listify_lookup_plugin_terms: a string or a scalar is a list of one; a list (or a mapping) stays. */
export function listifyTerms(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (isMapping(value)) return [value];
  return [value];
}

const items: WithLookup = (terms) => flattenOnce(terms);

const list: WithLookup = (terms) => terms;

const dict: WithLookup = (terms) =>
  terms.flatMap((term) => {
    if (!isMapping(term)) throw new Error('with_dict expects a dict');
    return Object.entries(term).map(([key, value]) => ({ key, value }));
  });

const indexedItems: WithLookup = (terms) => flattenOnce(terms).map((item, index) => [index, item]);

const randomChoice: WithLookup = (terms) => (terms.length > 0 ? [terms[Math.floor(Math.random() * terms.length)]] : terms);

const together: WithLookup = (terms) => {
  const lists = terms.map(listifyTerms);
  if (lists.length === 0) throw new Error('with_together requires at least one element in each list');
  const length = Math.max(...lists.map((l) => l.length));
  return Array.from({ length }, (_, i) => flattenOnce(lists.map((l) => (i < l.length ? l[i] : null))));
};

const nested: WithLookup = (terms) => {
  const lists = terms.map(listifyTerms);
  if (lists.length === 0) throw new Error('with_nested requires at least one element in the nested list');
  let combined: unknown[] = lists[0]!;
  for (const next of lists.slice(1)) combined = combined.flatMap((x) => next.map((y) => flattenOnce([x, y])));
  return combined.map((x) => (Array.isArray(x) ? flattenOnce(x) : [x]));
};

const SUBELEMENT_FLAGS = ['skip_missing'];

const subelements: WithLookup = (terms) => {
  const fail = (msg = ''): never => {
    throw new Error(`subelements lookup expects a list of two or three items, ${msg}`);
  };
  if (terms.length < 2 || terms.length > 3) fail();
  const [source, subkeyPath, flags = {}] = terms;
  if ((!Array.isArray(source) && !isMapping(source)) || typeof subkeyPath !== 'string') fail('first a dict or a list, second a string pointing to the subkey');
  if (!isMapping(flags) || !Object.keys(flags).every((key) => SUBELEMENT_FLAGS.includes(key))) fail(`the optional third item must be a dict with flags ${JSON.stringify(SUBELEMENT_FLAGS)}`);
  const subkeys = (subkeyPath as string).split('.');
  let elements: unknown[];
  if (isMapping(source)) {
    // A registered result that was skipped as a whole gives no items.
    if (source['skipped'] !== undefined && source['skipped'] !== false) return [];
    elements = Object.values(source);
  } else elements = source as unknown[];
  const skipMissing = [true, 'yes', 'true', 'on', '1', 1].includes((flags as Record<string, unknown>)['skip_missing'] as never);
  const result: unknown[] = [];
  for (const element of elements) {
    if (!isMapping(element)) throw new Error(`subelements lookup expects a dictionary, got '${JSON.stringify(element)}'`);
    if (element['skipped'] !== undefined && element['skipped'] !== false) continue;
    // Ansible pops the sub-list out of the element (item.0 no longer holds it): work on a copy.
    const copy = structuredClone(element);
    let value: Record<string, unknown> = copy;
    let sublist: unknown[] = [];
    for (const [i, subkey] of subkeys.entries()) {
      if (!(subkey in value)) {
        if (skipMissing) continue;
        throw new Error(`could not find '${subkey}' key in iterated item '${JSON.stringify(value)}'`);
      }
      const inner = value[subkey];
      if (i < subkeys.length - 1) {
        if (!isMapping(inner)) {
          if (skipMissing) continue;
          throw new Error(`the key ${subkey} should point to a dictionary, got '${JSON.stringify(inner)}'`);
        }
        value = inner;
      } else {
        if (!Array.isArray(inner)) throw new Error(`the key ${subkey} should point to a list, got '${JSON.stringify(inner)}'`);
        sublist = inner;
        delete value[subkey];
      }
    }
    for (const sub of sublist) result.push([copy, sub]);
  }
  return result;
};

/** path_dwim_relative_stack: for each base (role, playbook), <base>/<subdir>/<name> (unless the name
 * already starts with the subdir), then <base>/<name>. */
function searchCandidates(name: string, place: LookupPlace, subdir: string): string[] {
  if (isAbsolute(name)) return [name];
  const firstSegment = name.split('/')[0];
  const bases = [...(place.roleDir ? [place.roleDir, join(place.roleDir, 'tasks')] : []), place.playbookDir];
  return bases.flatMap((base) => [...(firstSegment !== subdir ? [join(base, subdir, name)] : []), join(base, name)]);
}

const firstFound: WithLookup = (terms, place) => {
  const { names, skip } = firstFoundNames(terms);
  for (const name of names) {
    const found = searchCandidates(name, place, place.subdir).find((path) => existsSync(path));
    if (found !== undefined) return [found];
  }
  if (skip) return [];
  throw new Error('No file was found when using first_found.');
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
    else throw new Error(`Invalid term supplied, can handle string, mapping or list of strings but got: ${JSON.stringify(term)}`);
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

const fileglob: WithLookup = (terms, place) =>
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

/** The lookups `with_<name>` may name (ansible.builtin's list-making ones); cartesian is nested's
 * older name. */
export const WITH_LOOKUPS: Readonly<Record<string, WithLookup>> = {
  items, list, dict, subelements, nested, cartesian: nested, together, sequence,
  indexed_items: indexedItems, random_choice: randomChoice, fileglob, first_found: firstFound,
};


/** The items `with_<name>` gives for its templated value. */
export function runWithLookup(name: string, value: unknown, place: LookupPlace): unknown[] {
  const lookup = WITH_LOOKUPS[name];
  if (lookup === undefined) throw new Error(`with_${name}: no such lookup`);
  // The value written is listified (a string or a mapping is a list of one) before the lookup runs;
  // with_items flattens what it gets, so a single mapping is one item.
  if (value === undefined || value === null) return name === 'items' ? [] : lookup([value], place);
  return lookup(listifyTerms(value), place);
}
