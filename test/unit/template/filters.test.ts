import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from '../../../src/template/index.js';

const scope = {
  s: '  Hello World  ', word: 'kube', n: 3, empty: '', nothing: null, nums: [3, 1, 2, 1], words: ['b', 'A', 'c'],
  users: [{ name: 'ann', admin: true, uid: 2 }, { name: 'bob', admin: false, uid: 1 }, { name: 'cy', uid: 3 }],
  nested: [[1, [2]], null, [3]], d: { a: 1, b: { x: 1 } },
  groups: { masters: ['m1', 'm2'] }, hostvars: { m1: { ip: '10.0.0.1' }, m2: { ip: '10.0.0.2' } },
  path: '/etc/kubernetes/admin.conf',
};
const ev = (expression: string) => evaluate(expression, scope, 'filters.yml:1:1');

test('default / d, with boolean', () => {
  assert.equal(ev("missing | default('x')"), 'x');
  assert.equal(ev('missing | d(5)'), 5);
  assert.equal(ev('missing | default'), '');
  assert.equal(ev("empty | default('x')"), '', 'empty is defined');
  assert.equal(ev("empty | default('x', true)"), 'x');
  assert.equal(ev("nothing | default('x', boolean=true)"), 'x');
  assert.equal(ev("word | default('x', true)"), 'kube');
});

test('mandatory', () => {
  assert.equal(ev('word | mandatory'), 'kube');
  assert.throws(() => ev('missing | mandatory'), /a mandatory variable is not defined/);
  assert.throws(() => ev("missing | mandatory('set kube_vip!')"), /set kube_vip!/);
});

test('length / count', () => {
  assert.equal(ev('nums | length'), 4);
  assert.equal(ev('word | count'), 4);
  assert.equal(ev('d | length'), 2);
  assert.throws(() => ev('n | length'), /'length' filter expects a string, list or dict, got int/);
});

test('int, float, string, bool', () => {
  assert.equal(ev("'42' | int"), 42);
  assert.equal(ev("'3.9' | int"), 3);
  assert.equal(ev("'abc' | int"), 0);
  assert.equal(ev("'abc' | int(7)"), 7);
  assert.equal(ev("'ff' | int(base=16)"), 255);
  assert.equal(ev('true | int'), 1);
  assert.equal(ev("'2.5' | float"), 2.5);
  assert.equal(ev("'x' | float"), 0);
  assert.equal(ev('n | string'), '3');
  assert.equal(ev('nums | string'), '[3, 1, 2, 1]', "Python's str(), as Ansible writes it");
  for (const yes of ["'yes'", "'True'", "'on'", "'1'", '1', 'true']) assert.equal(ev(`${yes} | bool`), true, yes);
  for (const no of ["'no'", "'false'", "'off'", "'0'", "''", '0', 'none', "'maybe'"]) assert.equal(ev(`${no} | bool`), false, no);
});

test('string filters', () => {
  assert.equal(ev('word | upper'), 'KUBE');
  assert.equal(ev("'ABC' | lower"), 'abc');
  assert.equal(ev('s | trim'), 'Hello World');
  assert.equal(ev("'hELLO' | capitalize"), 'Hello');
  assert.equal(ev("word | replace('u', 'oo')"), 'koobe');
  assert.equal(ev("'aaa' | replace('a', 'b', 2)"), 'bba');
  assert.deepEqual(ev("'a,b,c' | split(',')"), ['a', 'b', 'c']);
  assert.deepEqual(ev("' a  b ' | split"), ['a', 'b']);
  assert.equal(ev("word | b64encode"), 'a3ViZQ==');
  assert.equal(ev("'a3ViZQ==' | b64decode"), 'kube');
  assert.equal(ev('path | basename'), 'admin.conf');
  assert.equal(ev('path | dirname'), '/etc/kubernetes');
  assert.equal(ev("'/' | dirname"), '/');
  assert.equal(ev("\"it's here\" | quote"), `'it'"'"'s here'`);
  assert.equal(ev("'plain' | quote"), 'plain');
  assert.equal(ev('n | upper'), '3', "Jinja's upper takes str() of any value");
  assert.equal(ev('false | lower'), 'false');
});

test('regex filters translate Python syntax', () => {
  assert.equal(ev("'v1.31.2' | regex_replace('^v(\\d+)\\.(\\d+).*$', '\\1-\\2')"), '1-31');
  assert.equal(ev("'a.b.c' | regex_replace('\\.', '/')"), 'a/b/c', 'replaces every match');
  assert.equal(ev("'key=val' | regex_replace('(?P<k>\\w+)=(?P<v>\\w+)', '\\g<v>=\\g<k>')"), 'val=key');
  assert.equal(ev("'cost $5' | regex_replace('cost', '$$')"), '$$ $5', '$ in the replacement is literal');
  assert.equal(ev("'ABC' | regex_replace('b', 'x', ignorecase=true)"), 'AxC');
  assert.equal(ev("'version: 1.31.2' | regex_search('\\d+\\.\\d+')"), '1.31');
  assert.equal(ev("'none here' | regex_search('\\d+')"), null);
  assert.deepEqual(ev("'v1.31' | regex_search('v(\\d+)\\.(\\d+)', '\\1', '\\2')"), ['1', '31']);
  assert.deepEqual(ev("'a1b22' | regex_findall('\\d+')"), ['1', '22']);
});

test('first, last, list, unique, sort, reverse, min, max, sum', () => {
  assert.equal(ev('nums | first'), 3);
  assert.equal(ev('nums | last'), 1);
  assert.equal(ev('word | first'), 'k');
  assert.deepEqual(ev('word | list'), ['k', 'u', 'b', 'e']);
  assert.deepEqual(ev('d | list'), ['a', 'b']);
  assert.deepEqual(ev('nums | unique'), [3, 1, 2]);
  assert.deepEqual(ev('[[1], [1], [2]] | unique'), [[1], [2]]);
  assert.deepEqual(ev('nums | sort'), [1, 1, 2, 3]);
  assert.deepEqual(ev('nums | sort(reverse=true)'), [3, 2, 1, 1]);
  assert.deepEqual(ev('words | sort'), ['A', 'b', 'c'], 'case-insensitive by default, like Jinja');
  assert.deepEqual(ev('words | sort(case_sensitive=true)'), ['A', 'b', 'c'].sort());
  assert.deepEqual(ev("users | sort(attribute='uid') | map(attribute='name') | list"), ['bob', 'ann', 'cy']);
  assert.deepEqual(ev('nums | reverse'), [1, 2, 1, 3]);
  assert.equal(ev('word | reverse'), 'ebuk');
  assert.equal(ev('nums | min'), 1);
  assert.equal(ev('nums | max'), 3);
  assert.equal(ev('nums | sum'), 7);
  assert.equal(ev("users | sum(attribute='uid')"), 6);
});

test('join, flatten, union, intersect, difference', () => {
  assert.equal(ev("groups.masters | join(',')"), 'm1,m2');
  assert.equal(ev('nums | join'), '3121');
  assert.deepEqual(ev('nested | flatten'), [1, 2, 3]);
  assert.deepEqual(ev('nested | flatten(1)'), [1, [2], 3]);
  assert.deepEqual(ev('[1, 2] | union([2, 3])'), [1, 2, 3]);
  assert.deepEqual(ev('[1, 2, 2] | intersect([2, 3])'), [2]);
  assert.deepEqual(ev('[1, 2, 3] | difference([2])'), [1, 3]);
  assert.deepEqual(ev('[1, 2] | symmetric_difference([2, 3])'), [1, 3]);
});

test('select / reject with a test name, selectattr / rejectattr, map', () => {
  assert.deepEqual(ev("nums | select('gt', 1) | list"), [3, 2]);
  assert.deepEqual(ev("nums | reject('odd') | list"), [2]);
  assert.deepEqual(ev("['', 'a', none] | select | list"), ['a']);
  assert.deepEqual(ev("['v1', 'x', 'v2'] | select('match', 'v\\d') | list"), ['v1', 'v2']);
  assert.deepEqual(ev("users | selectattr('admin') | map(attribute='name') | list"), ['ann']);
  assert.deepEqual(ev("users | selectattr('admin', 'defined') | map(attribute='name') | list"), ['ann', 'bob']);
  assert.deepEqual(ev("users | rejectattr('admin', 'defined') | map(attribute='name') | list"), ['cy']);
  assert.deepEqual(ev("users | selectattr('uid', '>=', 2) | map(attribute='uid') | list".replace("'>='", "'ge'")), [2, 3]);
  assert.deepEqual(ev("users | map(attribute='admin', default=false) | list"), [true, false, false]);
  assert.throws(() => ev("users | map(attribute='admin') | list"), /map: an item has no attribute 'admin'/);
  assert.deepEqual(ev("['a', 'b'] | map('upper') | list"), ['A', 'B']);
  assert.deepEqual(ev("['1', '2'] | map('int') | sum"), 3);
  assert.deepEqual(ev("groups.masters | map('extract', hostvars, 'ip') | list"), ['10.0.0.1', '10.0.0.2']);
  assert.throws(() => ev("['a'] | map('nope') | list"), /unknown filter 'nope'/);
});

test('combine, dict2items, items2dict', () => {
  assert.deepEqual(ev("d | combine({'a': 2, 'c': 3})"), { a: 2, b: { x: 1 }, c: 3 });
  assert.deepEqual(ev("d | combine({'b': {'y': 2}})"), { a: 1, b: { y: 2 } });
  assert.deepEqual(ev("d | combine({'b': {'y': 2}}, recursive=true)"), { a: 1, b: { x: 1, y: 2 } });
  assert.deepEqual(ev("{'a': 1} | combine({'b': 2}, {'a': 3})"), { a: 3, b: 2 });
  assert.deepEqual(ev("{'a': 1} | dict2items"), [{ key: 'a', value: 1 }]);
  assert.deepEqual(ev("{'a': 1} | dict2items(key_name='k', value_name='v')"), [{ k: 'a', v: 1 }]);
  assert.deepEqual(ev("[{'key': 'a', 'value': 1}] | items2dict"), { a: 1 });
  assert.deepEqual(ev("d | dict2items | items2dict"), scope.d);
  assert.throws(() => ev("d | combine(1)"), /'combine' filter expects a dict, got int/);
});

test('to_json, from_json, ternary', () => {
  assert.equal(ev("{'a': [1, none]} | to_json"), '{"a": [1, null]}', "Python's json.dumps separators, as Ansible");
  assert.equal(ev("{'a': 1} | to_nice_json(indent=2)"), '{\n  "a": 1\n}');
  assert.deepEqual(ev("'{\"a\": [1]}' | from_json"), { a: [1] });
  assert.throws(() => ev("'{bad' | from_json"), /from_json/);
  assert.equal(ev("(n > 2) | ternary('big', 'small')"), 'big');
  assert.equal(ev("empty | ternary('yes', 'no')"), 'no');
  assert.equal(ev("nothing | ternary('yes', 'no', 'unset')"), 'unset');
});

test('unknown filters and bad filter syntax are errors', () => {
  assert.throws(() => ev('n | shiny'), /unknown filter 'shiny'/);
  assert.throws(() => ev('n | 3'), /expected a filter name after '\|'/);
});

test('to_yaml, to_nice_yaml and from_yaml: PyYAML-like text that reads back as the same data', () => {
  const data = { b: [1, 2], a: { c: 'x', yes: 'on' }, q: '1.0', n: null, t: true, e: [], s: 'multi\nline' };
  const scope = { data };
  // Keys sorted, look-alike strings quoted, collections of scalars inline (PyYAML's default_flow_style=None).
  assert.equal(evaluate('data | to_yaml', scope, 'x'), "a: {c: x, 'yes': 'on'}\nb: [1, 2]\ne: []\nn: null\nq: '1.0'\ns: |-\n  multi\n  line\nt: true\n");
  assert.equal(evaluate("{'a': 1} | to_yaml", scope, 'x'), '{a: 1}\n');
  assert.equal(evaluate("{'k': {'x': 1}} | to_nice_yaml", scope, 'x'), 'k:\n    x: 1\n');
  assert.equal(evaluate("{'k': [1, {'x': 1}]} | to_nice_yaml(indent=2)", scope, 'x'), 'k:\n- 1\n- x: 1\n');
  for (const filter of ['to_yaml', 'to_nice_yaml', 'to_nice_yaml(indent=2)']) {
    assert.deepEqual(evaluate(`data | ${filter} | from_yaml`, scope, 'x'), data, filter);
  }
  // from_yaml reads YAML 1.1 as PyYAML does: yes is true, y stays text, dates stay text.
  assert.deepEqual(evaluate("'a: yes\\nb: y\\nc: 2024-01-01\\nd: 0644\\n' | from_yaml", scope, 'x'), { a: true, b: 'y', c: '2024-01-01', d: 420 });
  assert.throws(() => evaluate("'a: [1' | from_yaml", scope, 'x'), /from_yaml: /);
  assert.throws(() => evaluate("'a: 1\\na: 2' | from_yaml", scope, 'x'), /from_yaml: /);
  assert.throws(() => evaluate('data | to_nice_yaml(indent=1)', scope, 'x'), /indent must be an integer from 2 to 9/);
  assert.throws(() => evaluate('data | to_yaml(width=80)', scope, 'x'), /to_yaml has no argument 'width'/);
});
