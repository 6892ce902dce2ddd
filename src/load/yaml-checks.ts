// Checks run on every parsed YAML document before anything reads it, in one linear pass:
// - duplicate keys in a mapping. The `yaml` package's own check (uniqueKeys) compares each key with
//   every earlier key of its mapping, so a 60,000-key vars file took ~40 s and a 200,000-key one
//   never finished; here each mapping keeps a Set of its scalar key values (the same equality the
//   package uses: scalars with the same value; other keys never clash).
// - nesting depth. Everything downstream (conversion to JS, schema checks, templating, reporters)
//   recurses through values, so a 3000-deep document overflowed the stack somewhere unpredictable;
//   past MAX_YAML_DEPTH levels the document is refused at the node that goes too deep.
// The walk is iterative so that it cannot overflow itself.
import { isAlias, isCollection, isPair, isScalar, visit } from 'yaml';
import type { Alias, Document, Node, Scalar } from 'yaml';

/** Deepest nesting of mappings and sequences a YAML document may have (real playbooks use ~20). */
export const MAX_YAML_DEPTH = 500;

/** The `yaml` package's maxAliasCount: alias uses times the aliases inside their anchors. */
export const MAX_ALIAS_EXPANSIONS = 1000;

export const TOO_DEEP_MESSAGE = `YAML nested too deeply: more than ${MAX_YAML_DEPTH} levels of mappings and sequences`;

export interface YamlProblem {
  readonly message: string;
  /** Character offset in the text. */
  readonly offset: number;
}

export function checkYamlDocument(doc: Document.Parsed, text: string): YamlProblem | undefined {
  const pending: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 0 }];
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!;
    if (!isCollection(node)) continue;
    if (depth >= MAX_YAML_DEPTH) return { message: TOO_DEEP_MESSAGE, offset: node.range?.[0] ?? 0 };
    const seen = new Set<unknown>();
    for (const item of node.items) {
      if (!isPair(item)) {
        pending.push({ node: item, depth: depth + 1 });
        continue;
      }
      const key = item.key;
      if (isScalar(key) && !Number.isNaN(key.value)) {
        if (seen.has(key.value)) return { message: `duplicate key '${keySource(key, text)}'`, offset: key.range?.[0] ?? 0 };
        seen.add(key.value);
      } else if (!isAlias(key)) pending.push({ node: key, depth: depth + 1 });
      pending.push({ node: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The key as written (`yes` stays `yes` although YAML 1.1 reads it as true), without its quotes. */
function keySource(key: Scalar, text: string): string {
  const written = key.range ? text.slice(key.range[0], key.range[1]).trim() : String(key.value);
  return /^(["']).*\1$/s.test(written) ? written.slice(1, -1) : written;
}

/** Whether an error thrown by the parser is a stack overflow (a document nested far too deep). */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Where a document the parser could not even finish (stack overflow) goes too deep, to point at:
 * the first place where the indentation or the nesting of flow brackets passes MAX_YAML_DEPTH
 * (quotes and comments are not understood: this only chooses a location), else the start.
 */
export function deepOffset(text: string): number {
  let flowDepth = 0;
  let indent = 0;
  let inIndent = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      indent = 0;
      inIndent = true;
      continue;
    }
    if (inIndent && c === ' ') indent++;
    else inIndent = false;
    if (c === '[' || c === '{') flowDepth++;
    else if (c === ']' || c === '}') flowDepth--;
    if (flowDepth > MAX_YAML_DEPTH || indent > MAX_YAML_DEPTH) return i;
  }
  return 0;
}

/** The package refuses to expand aliases past a budget (a "billion laughs" document: anchors made of
 * aliases of anchors made of aliases...). Its error does not say where: point at the first alias of an
 * anchor that itself holds aliases (the multiplying kind), else at the first alias. */
export function explodingAliasOffset(doc: Document.Parsed): number {
  const anchored = new Map<string, Node>();
  let first: Alias | undefined;
  let multiplying: Alias | undefined;
  visit(doc, {
    Node(_, node) {
      if (node.anchor) anchored.set(node.anchor, node);
    },
    Alias(_, alias) {
      first ??= alias;
      const target = anchored.get(alias.source);
      if (multiplying === undefined && target && holdsAlias(target)) multiplying = alias;
    },
  });
  return (multiplying ?? first)?.range?.[0] ?? 0;
}

function holdsAlias(node: Node): boolean {
  let found = false;
  visit(node, { Alias: () => ((found = true), visit.BREAK) });
  return found;
}

/** Whether an error thrown while converting a document is the package's alias budget. */
export function isAliasBudget(error: unknown): boolean {
  return error instanceof ReferenceError && /excessive alias count/i.test(error.message);
}
