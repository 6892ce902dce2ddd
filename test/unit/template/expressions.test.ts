import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TsplayError } from '../../../src/errors.js';
import { evaluate, evaluateCondition } from '../../../src/template/index.js';

const scope = {
  a: 1, b: 2, zero: 0, t: true, f: false, s: 'kube', empty: '', nothing: null,
  list: [1, 2, 3], strs: ['x', 'y'], dict: { k: 'v', n: { deep: 3 } }, emptyList: [], emptyDict: {},
  groups: { masters: ['m1', 'm2'], workers: ['w1'] },
  hostvars: { m1: { join_command: 'kubeadm join 10.0.0.1:6443' }, m2: {} },
};
const ev = (expression: string, vars: object = scope) => evaluate(expression, vars, 'site.yml:12:5');

test('literals: numbers, strings, booleans, none, lists, dicts', () => {
  assert.equal(ev('42'), 42);
  assert.equal(ev('1.5'), 1.5);
  assert.equal(ev("'it''s'.upper()".replace("''", "\\'")), "IT'S");
  assert.equal(ev('"double"'), 'double');
  for (const [text, value] of [['true', true], ['True', true], ['false', false], ['False', false]] as const) assert.equal(ev(text), value);
  for (const text of ['none', 'None', 'null']) assert.equal(ev(text), null);
  assert.deepEqual(ev("[1, 'two', [3]]"), [1, 'two', [3]]);
  assert.deepEqual(ev("{'a': 1, 'b': {'c': [a, b]}}"), { a: 1, b: { c: [1, 2] } });
  assert.deepEqual(ev('{}'), {});
  assert.equal(ev("'\\d+\\n'"), '\\d+\n', 'unknown escapes keep their backslash like Python');
});

test('names, attributes, subscripts and negative indexes', () => {
  assert.equal(ev('hostvars[groups.masters[0]].join_command'), 'kubeadm join 10.0.0.1:6443');
  assert.equal(ev("dict['n']['deep']"), 3);
  assert.equal(ev('dict.n.deep'), 3);
  assert.equal(ev('list[-1]'), 3);
  assert.equal(ev('s[0]'), 'k');
  assert.equal(ev('nothing'), null);
});

test('comparison operators follow Python', () => {
  assert.equal(ev('a == 1'), true);
  assert.equal(ev("a == '1'"), false, 'no string/number coercion');
  assert.equal(ev('a != b'), true);
  assert.equal(ev('a < b and b <= 2 and b > a and a >= 1'), true);
  assert.equal(ev("'abc' < 'abd'"), true);
  assert.equal(ev('[1, 2] == [1, 2]'), true);
  assert.equal(ev("{'x': [1]} == {'x': [1]}"), true);
  assert.equal(ev("{'x': 1} == {'x': 2}"), false);
  assert.equal(ev('[1, 2] < [1, 3]'), true);
  assert.equal(ev('1 == 1.0'), true);
  assert.throws(() => ev("1 < 'a'"), /'<' is not supported between int and str/);
});

test('arithmetic and concatenation', () => {
  assert.equal(ev('a + b * 3'), 7);
  assert.equal(ev('(a + b) * 3'), 9);
  assert.equal(ev('7 / 2'), 3.5);
  assert.equal(ev('7 // 2'), 3);
  assert.equal(ev('-7 // 2'), -4);
  assert.equal(ev('-7 % 3'), 2, 'Python modulo takes the sign of the divisor');
  assert.equal(ev('2 ** 3 ** 2'), 512, '** is right-associative');
  assert.equal(ev("s + '-' + s"), 'kube-kube');
  assert.deepEqual(ev('list + [4]'), [1, 2, 3, 4]);
  assert.equal(ev("s ~ '-' ~ a ~ nothing"), 'kube-1None', "Jinja's ~ writes str(): none is 'None' (only a tag's own none writes nothing)");
  assert.equal(ev("'ab' * 2"), 'abab');
  assert.equal(ev('-a'), -1);
  assert.throws(() => ev("s + 1"), /'\+' is not supported between str and int/);
  assert.throws(() => ev('a / zero'), /division by zero/);
});

test('and/or/not use Python truthiness and return operands', () => {
  assert.equal(ev("empty or 'fallback'"), 'fallback');
  assert.equal(ev("s and 'yes'"), 'yes');
  assert.equal(ev('zero and undefined_name'), 0, 'short-circuit: the right side is not evaluated');
  assert.equal(ev('t or undefined_name'), true);
  for (const falsy of ['empty', 'zero', 'nothing', 'emptyList', 'emptyDict', 'f']) assert.equal(ev(`not ${falsy}`), true, falsy);
  for (const truthy of ['s', 'a', 'list', 'dict', 't']) assert.equal(ev(`not ${truthy}`), false, truthy);
});

test('precedence: or < and < not < comparisons < filters', () => {
  assert.equal(ev('t or f and not t'), true); // t or (f and (not t))
  assert.equal(ev('f or t and not f'), true);
  assert.equal(ev('f and t or t'), true); // (f and t) or t
  assert.equal(ev('not a == b'), true); // not (a == b)
  assert.equal(ev('(not a) == b'), false); // parentheses win
  assert.equal(ev('not list | length > 5'), true); // not ((list|length) > 5)
  assert.equal(ev('list | length + 1'), 4); // filters bind tighter than +
  assert.equal(ev('not not a'), true);
  assert.equal(ev("'x' in strs and not 'z' in strs"), true);
});

test('in / not in: substring, list membership, dict key', () => {
  assert.equal(ev("'ub' in s"), true);
  assert.equal(ev('2 in list'), true);
  assert.equal(ev('5 not in list'), true);
  assert.equal(ev("'k' in dict"), true);
  assert.equal(ev("'v' in dict"), false);
  assert.equal(ev("[1] in [[1], [2]]"), true);
  assert.throws(() => ev('1 in a'), /'in' needs a string, list or dict/);
});

test('conditional expressions', () => {
  assert.equal(ev("'yes' if t else 'no'"), 'yes');
  assert.equal(ev("'yes' if f else 'no'"), 'no');
  assert.equal(ev("1 if f else 2 if f else 3"), 3);
  assert.equal(ev("(1 if f) | default(9)"), 9);
  assert.throws(() => ev('t ? 1 : 2'), /write 'a if cond else b'/);
});

test('whitelisted string and dict methods', () => {
  assert.equal(ev("s.startswith('ku')"), true);
  assert.equal(ev("s.endswith(['x', 'be'])"), true);
  assert.deepEqual(ev("'a, b ,c'.split(',')"), ['a', ' b ', 'c']);
  assert.deepEqual(ev("' a  b '.split()"), ['a', 'b']);
  assert.equal(ev("'  x '.strip()"), 'x');
  assert.equal(ev("'xxhixx'.strip('x')"), 'hi');
  assert.equal(ev("s.upper().lower()"), 'kube');
  assert.equal(ev("s.replace('u', 'oo')"), 'koobe');
  assert.equal(ev("', '.join(strs)"), 'x, y');
  assert.deepEqual(ev('dict.keys()'), ['k', 'n']);
  assert.equal(ev("dict.get('k')"), 'v');
  assert.equal(ev("dict.get('missing', 'dflt')"), 'dflt');
  assert.deepEqual(ev("{'a': 1}.items()"), [['a', 1]]);
});

test('undefined names and attributes fail with the expression and where', () => {
  assert.throws(() => ev('missing_var == 1'), (error: unknown) => {
    assert.ok(error instanceof TsplayError);
    assert.equal(error.message, "site.yml:12:5: 'missing_var == 1': 'missing_var' is undefined");
    return true;
  });
  assert.throws(() => ev('dict.nope'), /'dict.nope' is undefined/);
  assert.throws(() => ev('hostvars[groups.masters[1]].join_command'), /'hostvars\[groups.masters\[1\]\].join_command' is undefined/);
  assert.throws(() => ev('list[7]'), /'list\[7\]' is undefined/);
  assert.throws(() => ev('nothing.x'), /'nothing.x' is undefined \('nothing' is none\)/);
  assert.throws(() => ev('emptyList | first'), /the result is undefined/);
});

test('undefined becomes the input of `is defined`, `is undefined` and `default`', () => {
  assert.equal(ev('missing is defined'), false);
  assert.equal(ev('missing is not defined'), true);
  assert.equal(ev('missing is undefined'), true);
  assert.equal(ev('missing.x.y is defined'), false);
  assert.equal(ev('dict.nope is defined'), false);
  assert.equal(ev('dict.n.deep is defined'), true);
  assert.equal(ev('nothing is defined'), true, 'null is defined (it is none)');
  assert.equal(ev("missing | default('d')"), 'd');
  assert.equal(ev("missing.x | default('d')"), 'd');
  assert.equal(ev("hostvars['m2'].join_command | default('none yet')"), 'none yet');
  assert.equal(ev("s | default('d')"), 'kube');
  assert.equal(ev("missing is defined and missing > 1"), false);
  assert.throws(() => ev('missing | upper'), /'missing' is undefined/);
  assert.throws(() => ev('(missing + 1) is defined'), /'missing' is undefined/);
});

test('syntax errors are reported with the expression', () => {
  assert.throws(() => ev('a +'), /site\.yml:12:5: 'a \+': syntax error/);
  assert.throws(() => ev("'unclosed"), /syntax error/);
  assert.throws(() => ev('a b'), /one expression expected/);
  assert.throws(() => ev('a = 1'), /'=' is only allowed for keyword arguments/);
});

test('evaluateCondition: lists are AND, booleans pass through, braces are accepted', () => {
  assert.equal(evaluateCondition('a == 1', scope, 'w'), true);
  assert.equal(evaluateCondition(['a == 1', 'b == 2'], scope, 'w'), true);
  assert.equal(evaluateCondition(['a == 1', 'b == 3'], scope, 'w'), false);
  assert.equal(evaluateCondition(['f', 'missing_var'], scope, 'w'), false, 'stops at the first false');
  assert.equal(evaluateCondition(true, scope, 'w'), true);
  assert.equal(evaluateCondition([true, false], scope, 'w'), false);
  assert.equal(evaluateCondition('{{ s == "kube" }}', scope, 'w'), true);
  assert.equal(evaluateCondition('list', scope, 'w'), true);
  assert.equal(evaluateCondition('emptyList', scope, 'w'), false);
  assert.equal(evaluateCondition([], scope, 'w'), true);
  assert.throws(() => evaluateCondition('undefined_thing', scope, 'site.yml:3:7'), /site\.yml:3:7: 'undefined_thing': 'undefined_thing' is undefined/);
});

test('the same expression is evaluated afresh against each scope', () => {
  assert.equal(evaluate('x * 2', { x: 2 }, 'w'), 4);
  assert.equal(evaluate('x * 2', { x: 5 }, 'w'), 10);
});

test('Jinja spellings: numeric attributes and spaced `not in`', () => {
  const vars = { item: ['a', ['b', 'c']], x: { y: [1, 2] } };
  assert.equal(evaluate('item.0', vars, 'w'), 'a');
  assert.equal(evaluate('item.1.1', vars, 'w'), 'c');
  assert.equal(evaluate('x.y.1', vars, 'w'), 2);
  assert.equal(evaluate('1.5 + 2', vars, 'w'), 3.5, 'a decimal number is not an attribute');
  assert.equal(evaluate("'item.0' ~ ''", vars, 'w'), 'item.0', 'string literals are not rewritten');
  assert.equal(evaluate("'z' not   in item", vars, 'w'), true);
  assert.equal(evaluate("'a' not\n in item", vars, 'w'), false);
});

test('multi-line expressions (YAML folded blocks) parse', () => {
  assert.equal(ev('a == 1\n  and b == 2\n  and not f'), true);
});

test('scopes with getters and proxies are read through own properties', () => {
  let reads = 0;
  const hostvars = Object.defineProperty({}, 'm1', { enumerable: true, get: () => { reads++; return { ip: '10.0.0.1' }; } });
  assert.equal(evaluate("hostvars['m1'].ip", { hostvars }, 'w'), '10.0.0.1');
  assert.equal(reads, 1);
  const proxy = new Proxy({ a: 1 } as Record<string, unknown>, { get: (target, key) => (key === 'a' ? 5 : Reflect.get(target, key)) });
  assert.equal(evaluate('a + 1', proxy, 'w'), 6);
  assert.equal(evaluate('b is defined', proxy, 'w'), false);
});

test('error messages stay on one line for multi-line expressions', () => {
  assert.throws(() => ev('a == 1\n  and nope'), (error: unknown) => {
    assert.ok(error instanceof TsplayError);
    assert.equal(error.message, "site.yml:12:5: 'a == 1 and nope': 'nope' is undefined");
    return true;
  });
});
