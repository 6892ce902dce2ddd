// Expressions that would build huge values or run for ever fail fast with a located error naming
// the limit (issue #15, item 7).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_LIST_ITEMS, MAX_STEPS, MAX_STRING_CHARS } from '../../../src/template/budget.js';
import { evaluate } from '../../../src/template/index.js';

/** Evaluate `expression`, expecting a failure whose message matches `limit`; returns the seconds it took. */
function refused(expression: string, scope: object, limit: RegExp): number {
  const started = Date.now();
  assert.throws(() => evaluate(expression, scope, 'bomb.yml:3:7'), (error: unknown) => {
    assert.match((error as Error).message, /^bomb\.yml:3:7: '/, 'located');
    assert.match((error as Error).message, limit, expression);
    return true;
  });
  return (Date.now() - started) / 1000;
}

test('list and string repetition past the limits is refused before anything is built', () => {
  const listLimit = new RegExp(`evaluation limit: '\\*' would make a list of 100000000 items, more than the ${MAX_LIST_ITEMS} allowed`);
  assert.ok(refused('([0] * 100000000) | length', {}, listLimit) < 1);
  assert.ok(refused("'ab' * 50000000", {}, new RegExp(`a string of 100000000 characters, more than the ${MAX_STRING_CHARS} allowed`)) < 1);
  assert.deepEqual(evaluate('[0, 1] * 3', {}, 'x'), [0, 1, 0, 1, 0, 1], 'small repetitions still work');
  assert.equal(evaluate("'ab' * 2 ~ 'c'", {}, 'x'), 'ababc');
});

test('doubling by concatenation, + on lists, join and replace hit the limits', () => {
  const big = 'x'.repeat(40 * 1024 * 1024);
  refused('s ~ s', { s: big }, /'~' would make a string of \d+ characters/);
  refused('s + s', { s: big }, /'\+' would make a string/);
  const items = Array(600_000).fill(0);
  refused('l + l', { l: items }, /'\+' would make a list of 1200000 items/);
  refused("s | replace('x', 'xx')", { s: big }, /the 'replace' filter would make a string/);
  refused("'ab'.join(l)", { l: Array(1000).fill('y'.repeat(70_000)) }, /the 'join' method would make a string/);
});

test('quadratic filters and long evaluations stop at the step budget, in seconds', () => {
  const seconds = refused('range(100000) | unique | length', {}, new RegExp(`evaluation limit: more than ${MAX_STEPS} steps`));
  assert.ok(seconds < 5, `took ${seconds} s`);
  assert.equal(evaluate('range(1000) | unique | length', {}, 'x'), 1000);
});

test('a catastrophic regex runs in linear time (RE2) in every regex filter and test', () => {
  const scope = { s: `${'a'.repeat(28)}b`, long: `${'a'.repeat(100_000)}b` };
  for (const expression of ["s | regex_search('(a+)+$')", "long | regex_search('(a+)+$')", "s is match('(a+)+$')", "s is search('(a|aa)+$')",
    "s | regex_replace('(a+)+$', 'x')", "s | regex_findall('(a*)*$')"]) {
    const started = Date.now();
    evaluate(expression, scope, 'x');
    assert.ok(Date.now() - started < 2000, `${expression}: ${Date.now() - started} ms`);
  }
  assert.equal(evaluate("'aaab' | regex_search('(a+)+b$')", {}, 'x'), 'aaab');
});

test('Python regex syntax keeps working: named groups, inline flags, backreferences and lookaround (on the fallback)', () => {
  assert.deepEqual(evaluate("'k=v' | regex_search('(?P<key>\\\\w+)=(?P<val>\\\\w+)', '\\\\g<val>', '\\\\1')", {}, 'x'), ['v', 'k']);
  assert.equal(evaluate("'ABC' is match('(?i)abc')", {}, 'x'), true);
  assert.equal(evaluate("'abab' | regex_replace('(?P<x>ab)(?P=x)', '[\\\\g<x>]')", {}, 'x'), '[ab]');
  assert.equal(evaluate("'foobar' | regex_replace('foo(?=bar)', 'X')", {}, 'x'), 'Xbar');
  assert.equal(evaluate("'abc' | regex_replace('x*', '-')", {}, 'x'), '-a-b-c-');
  assert.deepEqual(evaluate("'a1 b2' | regex_findall('([a-z])(\\\\d)')", {}, 'x'), [['a', '1'], ['b', '2']]);
  assert.throws(() => evaluate("'x' | regex_search('(')", {}, 'bomb.yml:1:1'), /bomb\.yml:1:1: .*invalid regular expression: Unterminated group/);
});
