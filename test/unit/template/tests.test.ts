import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from '../../../src/template/index.js';

const scope = {
  s: 'kube', n: 3, x: 1.5, t: true, f: false, nothing: null, list: [1], dict: { a: 1 }, empty: '',
  ok: { changed: false, failed: false, rc: 0 },
  bad: { changed: true, failed: true, rc: 2 },
  skippedResult: { changed: false, skipped: true },
  kube_version: 'v1.31.2',
};
const ev = (expression: string) => evaluate(expression, scope, 'tests.yml:1:1');

test('type tests', () => {
  const table: Array<[string, string[], string[]]> = [
    ['string', ['s', 'empty'], ['n', 'nothing', 'list']],
    ['number', ['n', 'x'], ['s', 't']],
    ['integer', ['n'], ['x', 's']],
    ['float', ['x'], ['n']],
    ['boolean', ['t', 'f'], ['n', 's']],
    ['mapping', ['dict', 'ok'], ['list', 's']],
    ['sequence', ['list', 's'], ['n', 'dict']],
    ['iterable', ['list', 's', 'dict'], ['n']],
    ['none', ['nothing'], ['f', 'empty']],
    ['true', ['t'], ['n', 's']],
    ['false', ['f'], ['nothing', 'empty']],
    ['truthy', ['s', 'n', 'list'], ['empty', 'nothing', 'f']],
    ['falsy', ['empty', 'nothing', 'f'], ['s', 'n']],
  ];
  for (const [name, yes, no] of table) {
    for (const v of yes) assert.equal(ev(`${v} is ${name}`), true, `${v} is ${name}`);
    for (const v of no) assert.equal(ev(`${v} is ${name}`), false, `${v} is not ${name}`);
    assert.equal(ev(`${yes[0]} is not ${name}`), false, `${yes[0]} is not ${name}`);
  }
  assert.equal(ev('missing is string'), false, 'tests see undefined input without failing');
});

test('equalto / eq and comparisons', () => {
  assert.equal(ev('n is equalto(3)'), true);
  assert.equal(ev("s is eq('kube')"), true);
  assert.equal(ev('n is eq(4)'), false);
  assert.equal(ev('n is ne(4)'), true);
  assert.equal(ev('n is gt(2)'), true);
  assert.equal(ev('n is lt(2)'), false);
  assert.equal(ev('n is odd'), true);
  assert.equal(ev('n is even'), false);
  assert.equal(ev('n is divisibleby(3)'), true);
  assert.equal(ev('1 is in(list)'), true);
});

test('match anchors at the start, search anywhere', () => {
  assert.equal(ev("s is match('ku')"), true);
  assert.equal(ev("s is match('be')"), false);
  assert.equal(ev("s is search('be')"), true);
  assert.equal(ev("s is search('^be')"), false);
  assert.equal(ev("'Kube' is match('kube', ignorecase=true)"), true);
  assert.equal(ev("'v1.31.2' is match('v\\d+\\.\\d+')"), true);
  assert.equal(ev("'a\\nb' is search('^b', multiline=true)"), true);
  // the same pattern twice: the cached RegExp must not carry lastIndex between calls
  assert.equal(ev("s is match('k')") && ev("s is match('k')"), true);
  assert.throws(() => ev("s is match('(')"), /invalid regular expression/);
});

test('version compares dotted versions numerically, with all operator spellings', () => {
  assert.equal(ev("'1.31.10' is version('1.31.2', '>')"), true);
  assert.equal(ev("'1.31.2' is version('1.31.10', '<')"), true);
  assert.equal(ev("kube_version is version('v1.31', '>=')"), true);
  assert.equal(ev("kube_version is version('v1.31.2', '==')"), true);
  assert.equal(ev("'1.31' is version('1.31.0', 'eq')"), false, "Ansible's LooseVersion: '1.31' is older than '1.31.0'");
  assert.equal(ev("'1.30.9' is version('1.31', 'lt')"), true);
  assert.equal(ev("'1.31.0' is version('1.31.0', 'le')"), true);
  assert.equal(ev("'1.32' is version('1.31.9', 'gt')"), true);
  assert.equal(ev("'1.31' is version('1.31', 'ge')"), true);
  assert.equal(ev("'1.31' is version('1.30', 'ne')"), true);
  assert.equal(ev("'1.31' is version('1.30', '!=')"), true);
  assert.equal(ev("'1.31' is version('1.31', '<=')"), true);
  assert.equal(ev("'1.31.0-rc.1' is version('1.31.0', '<')"), false, "LooseVersion: '1.31.0-rc.1' is newer (semver: version_type='semver')");
  assert.equal(ev("'1.31.0-rc.1' is version('1.31.0', '<', version_type='semver')"), true);
  assert.equal(ev("'1.31' is version('1.31')"), true, 'default operator is eq');
  assert.equal(ev("kube_version is version_compare('v1.30', '>')"), true);
  assert.throws(() => ev("kube_version is version('1.30', '>')"), /'<' not supported between instances of 'str' and 'int'/, "a leading 'v' on one side only");
  assert.throws(() => ev("'1' is version('2', '~>')"), /Invalid operator type \(~>\)/);
});

test('registered-result tests read failed/changed/skipped', () => {
  assert.equal(ev('ok is succeeded'), true);
  assert.equal(ev('ok is success'), true);
  assert.equal(ev('bad is succeeded'), false);
  assert.equal(ev('bad is failed'), true);
  assert.equal(ev('bad is failure'), true);
  assert.equal(ev('ok is failed'), false);
  assert.equal(ev('bad is changed'), true);
  assert.equal(ev('bad is change'), true);
  assert.equal(ev('ok is not changed'), true);
  assert.equal(ev('skippedResult is skipped'), true);
  assert.equal(ev('skippedResult is skip'), true);
  assert.equal(ev('ok is skipped'), false);
  assert.throws(() => ev('s is changed'), /the 'changed' test expects a dict, got str/);
});

test('an unknown test is an error naming it', () => {
  assert.throws(() => ev('s is shiny'), /unknown test 'shiny'/);
});
