// FQCN filter and test names (`x | ansible.builtin.to_json`, `x | ansible.utils.ipaddr('net')`):
// which collection prefixes name a filter or test tsplay implements itself. Used by the expression
// language (evaluate-ast.ts) and the Jinja source pass (jinja/prepare-source.ts), so both accept
// the same names. Any other dotted name stays an error naming it.

/** Collections whose every filter and test is tsplay's own. */
const BUILTIN_NAMESPACES: ReadonlySet<string> = new Set(['ansible.builtin', 'ansible.legacy']);

const IP_FILTERS = ['ipaddr', 'ipwrap', 'ipv4', 'ipv6', 'ipmath'];

/** Other collections, for the names tsplay implements as they do. */
const COLLECTION_NAMES: Readonly<Record<string, ReadonlySet<string>>> = {
  'community.general': new Set(['json_query']),
  'ansible.utils': new Set(IP_FILTERS),
  // ansible.netcommon held the ip filters before ansible.utils took them; old roles still write it.
  'ansible.netcommon': new Set(IP_FILTERS),
};

/** The plain name of `namespace.name`, or undefined when tsplay has no such filter or test. */
export function plainCallableName(namespace: string, name: string): string | undefined {
  if (BUILTIN_NAMESPACES.has(namespace)) return name;
  return Object.hasOwn(COLLECTION_NAMES, namespace) && COLLECTION_NAMES[namespace]!.has(name) ? name : undefined;
}
