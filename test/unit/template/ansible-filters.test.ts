// Filter results compared with ansible-playbook 2.14's, in both dialects: the `{{ }}` expression
// language (evaluate) and Jinja templates (the minijinja bridge). The expected texts were printed by
// `debug: msg="{{ (EXPRESSION) | string }}"` (Python's str() of the value, which pythonText writes) run with `ansible-playbook -c local` (ansible-core 2.14.18).
import { compareWithAnsible } from './ansible-cases.js';

// minijinja-js is built without preserve_order: a dict literal in a template iterates sorted by key.
const JINJA_KEY_ORDER = 'Jinja dict literals are sorted by key (minijinja without preserve_order)';
const JINJA_DIFFERS: Readonly<Record<string, string>> = {
  to_nice_yaml_unsorted: JINJA_KEY_ORDER,
  to_yaml_sort_keys: JINJA_KEY_ORDER,
  to_json_separators: JINJA_KEY_ORDER,
  to_nice_json_unsorted: JINJA_KEY_ORDER,
  percent_one: "minijinja has no `'%s' % x` on strings: use the format filter",
  percent_list: "minijinja has no `'%s' % x` on strings: use the format filter",
};

/** tsplay has no tuples: itertools.product's (1, 'a') is the list [1, 'a'] (printed [1, 'a']). */
const TUPLES_AS_LISTS: ReadonlySet<string> = new Set(['product_two', 'product_three']);

/** The variables the playbook that printed the expected texts defined (multi-line text for indent). */
const scope = { t1: 'a\n\nb', t2: 'a\nb', t3: 'a\nb\n\nc' };

function ansibleText(name: string, printed: string): string {
  return TUPLES_AS_LISTS.has(name) ? printed.replace(/\(/g, '[').replace(/\)/g, ']') : printed;
}

/** [name, expression, what Ansible printed]. */
export const ANSIBLE_CASES: ReadonlyArray<readonly [string, string, string]> = [
  ["combine_replace", "{'a':[1,2],'b':1} | combine({'a':[2,3]}, list_merge='replace')", "{'a': [2, 3], 'b': 1}"],
  ["combine_keep", "{'a':[1,2],'b':1} | combine({'a':[2,3]}, list_merge='keep')", "{'a': [1, 2], 'b': 1}"],
  ["combine_append", "{'a':[1,2],'b':1} | combine({'a':[2,3]}, list_merge='append')", "{'a': [1, 2, 2, 3], 'b': 1}"],
  ["combine_prepend", "{'a':[1,2],'b':1} | combine({'a':[2,3]}, list_merge='prepend')", "{'a': [2, 3, 1, 2], 'b': 1}"],
  ["combine_append_rp", "{'a':[1,2],'b':1} | combine({'a':[2,3]}, list_merge='append_rp')", "{'a': [1, 2, 3], 'b': 1}"],
  ["combine_prepend_rp", "{'a':[1,2],'b':1} | combine({'a':[2,3]}, list_merge='prepend_rp')", "{'a': [2, 3, 1], 'b': 1}"],
  ["combine_nested_not_recursive", "{'a':{'x':[1],'y':1}} | combine({'a':{'x':[2]}}, list_merge='append')", "{'a': {'x': [2]}}"],
  ["combine_recursive_append", "{'a':{'x':[1],'y':1},'b':[1]} | combine({'a':{'x':[2]},'b':[0]}, recursive=True, list_merge='append')", "{'a': {'x': [1, 2], 'y': 1}, 'b': [1, 0]}"],
  ["combine_recursive_prepend", "{'a':{'x':[1],'y':1}} | combine({'a':{'x':[2]}}, recursive=true, list_merge='prepend')", "{'a': {'x': [2, 1], 'y': 1}}"],
  ["combine_list_of_dicts", "{'a':[1]} | combine([{'a':[2]}, {'a':[3]}], list_merge='append')", "{'a': [1, 2, 3]}"],
  ["to_nice_yaml_unsorted", "{'b':1,'a':{'d':'x','c':2}} | to_nice_yaml(indent=2, sort_keys=False)", "b: 1\na:\n  d: x\n  c: 2\n"],
  ["to_nice_yaml_indent", "{'b':1,'a':{'d':'x','c':2}} | to_nice_yaml(indent=4)", "a:\n    c: 2\n    d: x\nb: 1\n"],
  ["to_nice_yaml_sorted", "{'b':1,'a':{'c':2}} | to_nice_yaml(sort_keys=True)", "a:\n    c: 2\nb: 1\n"],
  ["to_yaml_sort_keys", "{'b':1,'a':2} | to_yaml(sort_keys=False)", "{b: 1, a: 2}\n"],
  ["to_nice_json_sorted", "{'b':1,'a':[1,{'z':1,'y':2}]} | to_nice_json", "{\n    \"a\": [\n        1,\n        {\n            \"y\": 2,\n            \"z\": 1\n        }\n    ],\n    \"b\": 1\n}"],
  ["to_nice_json_indent", "{'b':1,'a':2} | to_nice_json(indent=2)", "{\n  \"a\": 2,\n  \"b\": 1\n}"],
  ["to_json_separators", "{'b':1,'a':[1,2,'x'],'c':{'d':none}} | to_json", "{\"b\": 1, \"a\": [1, 2, \"x\"], \"c\": {\"d\": null}}"],
  ["to_json_list", "[1,'a',true] | to_json", "[1, \"a\", true]"],
  ["to_json_ascii", "{'k':'\u00e9\u2713'} | to_json", "{\"k\": \"\\u00e9\\u2713\"}"],
  ["to_json_sort_keys", "{'b':1,'a':2} | to_json(sort_keys=true)", "{\"a\": 2, \"b\": 1}"],
  ["to_nice_json_unsorted", "{'b':1,'a':2} | to_nice_json(sort_keys=false)", "{\n    \"b\": 1,\n    \"a\": 2\n}"],
  ["to_json_empty", "{'a':[],'b':{}} | to_nice_json", "{\n    \"a\": [],\n    \"b\": {}\n}"],
  ["indent_default", "t3 | indent", "a\n    b\n\n    c"],
  ["indent_two", "t2 | indent(2)", "a\n  b"],
  ["indent_first", "t2 | indent(2, true)", "  a\n  b"],
  ["indent_blank", "t1 | indent(width=2, first=true, blank=true)", "  a\n  \n  b"],
  ["indent_text", "t2 | indent('> ')", "a\n> b"],
  ["product_two", "[1,2] | product(['a','b']) | list", "[(1, 'a'), (1, 'b'), (2, 'a'), (2, 'b')]"],
  ["product_three", "[1,2] | product(['a'], [true]) | list", "[(1, 'a', True), (2, 'a', True)]"],
  ["urlsplit_all", "'https://u:p@h.example:8080/p/a?q=1#f' | urlsplit", "{'fragment': 'f', 'hostname': 'h.example', 'netloc': 'u:p@h.example:8080', 'password': 'p', 'path': '/p/a', 'port': 8080, 'query': 'q=1', 'scheme': 'https', 'username': 'u'}"],
  ["urlsplit_hostname", "'https://H.example:8443/p' | urlsplit('hostname')", "h.example"],
  ["urlsplit_port", "'https://h.example:8443/p' | urlsplit('port')", "8443"],
  ["urlsplit_noport", "'https://h.example/p' | urlsplit('port') is none", "True"],
  ["urlsplit_netloc", "'https://u@h.example:1/p' | urlsplit('netloc')", "u@h.example:1"],
  ["format_s", "'%s-%d' | format('x', 3)", "x-3"],
  ["format_float", "'%.2f%%' | format(2.5)", "2.50%"],
  ["format_pad", "'%5s|%-4d|' | format('ab', 7)", "   ab|7   |"],
  ["percent_one", "'%s' % 'x'", "x"],
  ["percent_list", "'%s' % [1, 'a']", "[1, 'a']"],
  // FQCN names: Ansible 2.14 resolves ansible.builtin.X for its own filters and tests (tsplay: for all).
  ["fqcn_filter", "[1,2,1] | ansible.builtin.unique", "[1, 2]"],
  ["fqcn_test", "'1.2' is ansible.builtin.version('1.1', '>')", "True"],
  ["fqcn_in_string", "'| ansible.builtin.x'", "| ansible.builtin.x"],
];

compareWithAnsible(ANSIBLE_CASES.map(([name, expression, printed]) => [name, expression, ansibleText(name, printed)] as const), scope, JINJA_DIFFERS);
