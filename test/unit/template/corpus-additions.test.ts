// Filters, tests and methods the fidelity corpus (test/fidelity) found missing, each with the value
// ansible-playbook 2.14.18 printed for the same expression in the corpus run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from '../../../src/template/index.js';
import { renderJinja } from '../../../src/template/jinja/render.js';

/** [expression, Ansible's value (numbers as the value, before Ansible's non-native text rule)]. */
const CASES: ReadonlyArray<readonly [string, unknown]> = [
  ["[{'a': 1}, {'b': 2}, {'a': 3}] | combine", { a: 3, b: 2 }],
  ["{'b': 1, 'a': 2} | dictsort", [['a', 2], ['b', 1]]],
  ['[1, 2, 3, 4, 5] | batch(2) | list', [[1, 2], [3, 4], [5]]],
  ["[{'name': 'a', 'keys': ['k1', 'k2']}, {'name': 'b', 'keys': ['k3']}] | subelements('keys') | map('last') | list", ['k1', 'k2', 'k3']],
  ["'hello world' | title", 'Hello World'],
  ["'x' | center(5)", '  x  '],
  ["'one two three' | wordcount", 3],
  ["'a b&c' | urlencode", 'a%20b%26c'],
  ["'hello' | hash('sha1')", 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
  ["'hello' | hash('md5')", '5d41402abc4b2a76b9719d911017c592'],
  ["'hello' | checksum", 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
  ["'node1' | to_uuid", 'b55f1bdd-ca90-5a70-b673-0be5233e0c56'],
  ["'archive.tar.gz' | splitext", ['archive.tar', '.gz']],
  ["['/etc', 'kubernetes', 'pki'] | path_join", '/etc/kubernetes/pki'],
  ['8 | log(2)', 3],
  ['2 | pow(3)', 8],
  ['27 | root(3)', 3],
  ["'a: 1\\n---\\nb: 2' | from_yaml_all | list", [{ a: 1 }, { b: 2 }]],
  ["'abc' is lower", true],
  ["'ABC' is upper", true],
  ['none is sameas(none)', true],
  ['[1, 2] is subset([1, 2, 3])', true],
  ['[1, 2, 3] is superset([2])', true],
  ['[true, false] is any', true],
  ['[true, false] is all', false],
  ["'/etc/hosts' is abs", true],
  ["'x' is callable", false],
  ["['a', 'b', 'c'].index('b')", 1],
  ["'hello'.find('l')", 2],
  ["'banana'.count('a')", 3],
  ["'123'.isdigit()", true],
  ["'{}:{}'.format('host', 6443)", 'host:6443'],
  ["\"it's\" | quote", `'it'"'"'s'`],
  ["'plain-word_1.2' | quote", 'plain-word_1.2'],
  ["dict(['a', 'b'] | zip([1, 2]))", { a: 1, b: 2 }],
  ["dict(a=1, b='x')", { a: 1, b: 'x' }],
];

for (const [expression, expected] of CASES) {
  test(`${expression} gives what Ansible gives`, () => {
    assert.deepEqual(evaluate(expression, {}, 'corpus:1:1'), expected);
  });
}

test('a template written with \\r\\n line ends renders \\n ones, as Jinja (newline_sequence) in ansible-playbook 2.14', () => {
  assert.equal(renderJinja({ text: 'a\r\n{% if true %}\r\nb\r\n{% endif %}\r\n', name: 't.j2' }, {}), 'a\nb\n');
});
