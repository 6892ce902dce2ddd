// The `with_<lookup>` loops: each turns the (already templated) value written under `with_<name>`
// into the loop's items exactly as ansible-core 2.14's lookup plugin of that name does (read from
// its source, outputs compared with ansible-playbook in test/unit/engine/with-lookups.test.ts).
// The controller-side ones (fileglob, first_found) are shared with lookup()/query()
// (template/lookup-files.ts).
import { fileglob, firstFound, type LookupPlace } from '../template/lookup-files.js';
import { sequence } from './with-sequence.js';

export type { LookupPlace };

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
