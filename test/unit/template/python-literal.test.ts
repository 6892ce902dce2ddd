import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePythonLiteral } from '../../../src/template/python-literal.js';

const read = (text: string) => parsePythonLiteral(text)?.value;

// Each value is what Python's ast.literal_eval (after Ansible's Json2Python) gives.
test('Python literals: lists, tuples, dicts, strings, numbers, True/False/None and JSON words', () => {
  assert.deepEqual(read("['a', 1, 2.5, True, None, {'k': [False]}]"), ['a', 1, 2.5, true, null, { k: [false] }]);
  assert.deepEqual(read('{"a": true, "b": null, "c": false}'), { a: true, b: null, c: false });
  assert.deepEqual(read('(1, 2)'), [1, 2]);
  assert.deepEqual(read('(1,)'), [1]);
  assert.deepEqual(read('[(1)]'), [1]);
  assert.deepEqual(read('[1, 2,]'), [1, 2]);
  assert.deepEqual(read('[-1, +2, 0x10, 1e3, 1_000, .5]'), [-1, 2, 16, 1000, 1000, 0.5]);
  assert.deepEqual(read("{1: 'a', True: 'b', None: 'c'}"), { 1: 'a', True: 'b', None: 'c' });
  assert.deepEqual(read("['it''s']"), ['its'], 'adjacent strings join');
  assert.deepEqual(read(String.raw`['a\nb', "q\"", 'x\x41\u00e9', r'\d']`), ['a\nb', 'q"', 'xAé', '\\d']);
  assert.deepEqual(read("[\n  'multi',\n  'line'\n]"), ['multi', 'line']);
});

test('anything else is no literal: names, calls, operators, sets, unclosed text', () => {
  for (const text of ['[x]', "[lookup('pipe', 'id')]", '[1 + 2]', '{1, 2}', "['a'", '[1] 2', '{[1]: 2}', '[012]', "['a\nb']", '[1j]', '[__import__]']) {
    assert.equal(parsePythonLiteral(text), undefined, text);
  }
});

test('deep nesting is refused, not a stack overflow', () => {
  assert.equal(parsePythonLiteral(`${'['.repeat(5000)}'x'${']'.repeat(5000)}`), undefined);
  assert.deepEqual(read('['.repeat(50) + ']'.repeat(50)), JSON.parse('['.repeat(50) + ']'.repeat(50)));
});

test('JSON reads as Python reads it, \\/ included (Python keeps the backslash)', () => {
  assert.deepEqual(read('{"a": [1, 2.5, "x\\u00e9"], "b": null}'), { a: [1, 2.5, 'xé'], b: null });
  assert.deepEqual(read('["a\\/b"]'), ['a\\/b']);
  const big = `[${Array.from({ length: 100_000 }, (_, i) => `{"n": ${i}, "s": "item-${i}"}`).join(', ')}]`;
  assert.equal((read(big) as unknown[]).length, 100_000);
});
