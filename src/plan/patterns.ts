// Ansible host patterns: all, *, a:b, a,b, g:&h, g:!h, globs cp*, regexes ~node0[12], subscripts
// g[0] g[-1] g[1:2] (0-based, inclusive), @file. Unions first, then &, then !.
import { readFileSync } from 'node:fs';
import { TsplayError } from '../errors.js';
import type { Inventory, InventoryGroup, InventoryHost } from '../model.js';
import { registerHostPatternSelector } from '../template/host-patterns.js';

/** Split on ',' or, without commas, on ':' outside [...] (so g[1:2] and ~re[1:2] survive). */
export function splitPattern(pattern: string): string[] {
  if (pattern.includes(',')) return pattern.split(',').map((p) => p.trim()).filter(Boolean);
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of pattern) {
    if (ch === '[') depth++;
    if (ch === ']') depth = Math.max(0, depth - 1);
    if (ch === ':' && depth === 0) {
      terms.push(current);
      current = '';
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter(Boolean);
}

/** Hosts of a group: its own first, then its children's (Ansible's get_hosts order), once each. */
function groupHosts(inventory: Inventory, name: string, seen = new Set<string>()): string[] {
  const group = inventory.groups.get(name);
  if (!group || seen.has(name)) return [];
  seen.add(name);
  if (name === 'all') return [...inventory.hosts.keys()];
  const hosts = [...group.hosts, ...group.children.flatMap((c) => groupHosts(inventory, c, seen))];
  return [...new Set(hosts)];
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

function matchName(inventory: Inventory, term: string): string[] {
  if (term === 'all' || term === '*') return [...inventory.hosts.keys()];
  if (term.startsWith('@')) {
    let text: string;
    try {
      text = readFileSync(term.slice(1), 'utf8');
    } catch {
      throw new TsplayError(`host list file '${term.slice(1)}' not found`, { kind: 'usage' });
    }
    return text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).flatMap((l) => matchName(inventory, l));
  }
  if (inventory.groups.has(term)) return groupHosts(inventory, term);
  if (inventory.hosts.has(term)) return [term];
  let matcher: RegExp;
  if (term.startsWith('~')) {
    try {
      matcher = new RegExp(term.slice(1));
    } catch (error) {
      throw new TsplayError(`invalid regular expression in host pattern '${term}': ${(error as Error).message}`, { kind: 'usage' });
    }
    // Ansible uses re.match: anchored at the start only.
    const anchored = new RegExp(`^(?:${matcher.source})`);
    matcher = anchored;
  } else if (/[*?[]/.test(term)) matcher = globToRegExp(term);
  else return [];
  const groups = [...inventory.groups.keys()].filter((g) => matcher.test(g));
  const hosts = [...inventory.hosts.keys()].filter((h) => matcher.test(h));
  return [...new Set([...groups.flatMap((g) => groupHosts(inventory, g)), ...hosts])];
}

/** `g[0]`, `g[-1]`, `g[1:2]`, `g[1:]`, `g[:2]` applied to what `g` matches. */
function matchTerm(inventory: Inventory, term: string): string[] {
  const subscript = /^(.+?)\[(-?\d*)(?::(-?\d*))?\]$/.exec(term);
  if (subscript && !term.startsWith('~') && !inventory.hosts.has(term)) {
    const [, base, startText, endText] = subscript as unknown as [string, string, string, string | undefined];
    const hosts = matchName(inventory, base);
    const index = (text: string, fallback: number) => {
      if (text === '') return fallback;
      const n = Number(text);
      return n < 0 ? hosts.length + n : n;
    };
    if (endText === undefined) {
      const host = hosts[index(startText, 0)];
      return host === undefined ? [] : [host];
    }
    // Inclusive end, like Ansible's g[1:2].
    return hosts.slice(index(startText, 0), index(endText, hosts.length - 1) + 1);
  }
  return matchName(inventory, term);
}

/** A pattern that selects no host: a play with it is skipped, while such a --limit ends the run. */
export class NoHostsMatched extends TsplayError {
  constructor(pattern: string) {
    super(`host pattern '${pattern}' matched no hosts`, { kind: 'usage' });
    this.name = 'NoHostsMatched';
  }
}

/** The hosts `pattern` selects, in inventory order; throws NoHostsMatched when it selects none. */
export function selectHosts(inventory: Inventory, pattern: string): string[] {
  const terms = splitPattern(pattern);
  const unions = terms.filter((t) => !t.startsWith('&') && !t.startsWith('!'));
  const intersections = terms.filter((t) => t.startsWith('&')).map((t) => t.slice(1));
  const exclusions = terms.filter((t) => t.startsWith('!')).map((t) => t.slice(1));
  // Only & or ! terms: they narrow 'all', as in Ansible.
  let selected = new Set((unions.length ? unions : ['all']).flatMap((t) => matchTerm(inventory, t)));
  for (const term of intersections) {
    const keep = new Set(matchTerm(inventory, term));
    selected = new Set([...selected].filter((h) => keep.has(h)));
  }
  for (const term of exclusions) for (const host of matchTerm(inventory, term)) selected.delete(host);
  const ordered = [...inventory.hosts.keys()].filter((h) => selected.has(h));
  if (ordered.length === 0) throw new NoHostsMatched(pattern);
  return ordered;
}

/**
 * Ansible's inventory_hostnames lookup: a throwaway inventory made of the `groups` variable (each
 * group's hosts, no children or vars), the pattern applied to it; no match is [], not an error.
 */
export function selectFromGroups(groups: Readonly<Record<string, readonly string[]>>, pattern: string): string[] {
  const hosts = new Map<string, InventoryHost>();
  const groupMap = new Map<string, InventoryGroup>();
  const ordered = [...(groups['all'] ?? []), ...Object.values(groups).flat()];
  for (const host of ordered) if (!hosts.has(host)) hosts.set(host, { name: host, vars: {}, groups: [] });
  for (const [name, members] of Object.entries(groups)) {
    groupMap.set(name, { name, hosts: [...members], children: [], parents: [], vars: {}, depth: 1, priority: 1 });
  }
  if (!groupMap.has('all')) groupMap.set('all', { name: 'all', hosts: [...hosts.keys()], children: [], parents: [], vars: {}, depth: 0, priority: 1 });
  try {
    return selectHosts({ hosts, groups: groupMap, sources: [] }, pattern);
  } catch (error) {
    if (error instanceof TsplayError) return [];
    throw error;
  }
}

registerHostPatternSelector(selectFromGroups);
