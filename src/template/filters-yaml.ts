// to_yaml, to_nice_yaml, from_yaml: YAML 1.1 text in and out, as Ansible's filters (PyYAML).
// Output follows PyYAML's choices where they decide meaning or layout: keys sorted, strings that
// would read back as something else quoted ('yes', '1.0'), keys sorted unless sort_keys=false, to_yaml writing collections of scalars
// inline ({a: 1}, [1, 2]) and to_nice_yaml block style with `indent` (default 4). Where the `yaml`
// library lays text out otherwise it is the same data read back: list items under a key are
// indented by indent-2 (PyYAML: not at all), long lines are not folded, multi-line strings are
// `|` blocks (PyYAML quotes them).
import { Document, isMap, isScalar, isSeq, parse, parseAllDocuments, visit } from 'yaml';
import { pyyamlTags } from '../util/pyyaml-tags.js';
import { arg, onlyKeywords, type FilterFunction } from './call-args.js';
import { yamlFailure } from './parser-errors.js';
import { ExpressionFailure, expectNumber, expectString, isTruthy } from './python-values.js';

function dump(value: unknown, indent: number, leafCollectionsInline: boolean, sortKeys: boolean): string {
  const doc = new Document(value, { version: '1.1', sortMapEntries: sortKeys, customTags: pyyamlTags });
  if (leafCollectionsInline) {
    visit(doc, {
      Map: (_, node) => { if (node.items.every((pair) => isScalar(pair.value) || pair.value === null)) node.flow = true; },
      Seq: (_, node) => { if (node.items.every((item) => isScalar(item))) node.flow = true; },
    });
  }
  return doc.toString({ indent, indentSeq: false, lineWidth: 0, flowCollectionPadding: false, singleQuote: true });
}

function indentOf(args: Parameters<FilterFunction>[1]): number {
  const indent = expectNumber(arg(args, 0, 'indent', 4), 'indent');
  if (!Number.isInteger(indent) || indent < 2 || indent > 9) throw new ExpressionFailure('indent must be an integer from 2 to 9');
  return indent;
}

/** PyYAML's sort_keys (default true); false keeps the dict's own order. */
function sortKeysOf(args: Parameters<FilterFunction>[1]): boolean {
  return isTruthy(args.keywords['sort_keys'] ?? true);
}

export const YAML_FILTERS: Readonly<Record<string, FilterFunction>> = {
  to_yaml: (value, args) => {
    onlyKeywords(args, ['indent', 'sort_keys'], 'to_yaml');
    return dump(value, args.positional.length || Object.hasOwn(args.keywords, 'indent') ? indentOf(args) : 2, true, sortKeysOf(args));
  },
  to_nice_yaml: (value, args) => {
    onlyKeywords(args, ['indent', 'sort_keys'], 'to_nice_yaml');
    return dump(value, indentOf(args), false, sortKeysOf(args));
  },
  from_yaml_all: (value) => {
    try {
      return parseAllDocuments(expectString(value, 'from_yaml_all'), { version: '1.1', customTags: pyyamlTags, uniqueKeys: true }).map((doc) => {
        if (doc instanceof Document && doc.errors.length > 0) throw doc.errors[0];
        return doc instanceof Document ? doc.toJS() : null;
      });
    } catch (error) {
      throw yamlFailure('from_yaml_all', error);
    }
  },
  from_yaml: (value) => {
    try {
      return parse(expectString(value, 'from_yaml'), { version: '1.1', customTags: pyyamlTags, uniqueKeys: true });
    } catch (error) {
      throw yamlFailure('from_yaml', error);
    }
  },
};
