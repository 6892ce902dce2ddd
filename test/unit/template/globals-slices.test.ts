// Slices, chained comparisons, range() and lookup()/query(): what Ansible users write in
// conditions and loops (`groups.masters[1:]`, `1 < x < 3`, `range(3)`, `lookup('file', 'key.pub')`).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { evaluate, evaluateCondition } from '../../../src/template/index.js';

const scope = { list: [0, 1, 2, 3, 4, 5], s: 'kubernetes', groups: { masters: ['m1', 'm2', 'm3'] }, x: 2, d: { k: [1, 2, 3] } };
const ev = (expression: string, vars: object = scope) => evaluate(expression, vars, 'site.yml:3:7');

test('slices follow Python: bounds, negatives, steps, strings, clamping', () => {
  assert.deepEqual(ev('groups.masters[1:]'), ['m2', 'm3']);
  assert.deepEqual(ev("groups['masters'][:1]"), ['m1']);
  assert.deepEqual(ev('list[1:4]'), [1, 2, 3]);
  assert.deepEqual(ev('list[-2:]'), [4, 5]);
  assert.deepEqual(ev('list[:-4]'), [0, 1]);
  assert.deepEqual(ev('list[::2]'), [0, 2, 4]);
  assert.deepEqual(ev('list[::-1]'), [5, 4, 3, 2, 1, 0]);
  assert.deepEqual(ev('list[4:1:-1]'), [4, 3, 2]);
  assert.deepEqual(ev('list[-1:-3:-1]'), [5, 4]);
  assert.deepEqual(ev('list[10:]'), []);
  assert.deepEqual(ev('list[-100:2]'), [0, 1]);
  assert.deepEqual(ev('list[x:x + 2]'), [2, 3], 'bounds are expressions');
  assert.deepEqual(ev('list[:]'), [0, 1, 2, 3, 4, 5]);
  assert.equal(ev('s[:4]'), 'kube');
  assert.equal(ev('s[-3:]'), 'tes');
  assert.equal(ev('s[::-1]'), 'setenrebuk');
  assert.deepEqual(ev('d.k[1:]'), [2, 3]);
  assert.deepEqual(ev('(list | reverse | list)[:2]'), [5, 4], 'after a parenthesised filter');
  assert.equal(ev("'abcdef'[2:4]"), 'cd', 'on a string literal');
  assert.deepEqual(ev("[{'a': 1}, {'b': 2}][1:]"), [{ b: 2 }], 'colons inside a dict are not slices');
  assert.deepEqual(ev("list[1:][1:]"), [2, 3, 4, 5], 'slices chain');
  assert.equal(ev("'a:b'[1:2]"), ':', 'a colon in a string literal is text');
  assert.deepEqual(ev('list[1:3] + list[4:]'), [1, 2, 4, 5]);
  assert.equal(ev('groups.masters[1:] | length'), 2);
});

test('slice errors name the problem', () => {
  assert.throws(() => ev('d[1:]'), /dict cannot be sliced/);
  assert.throws(() => ev('list[::0]'), /slice step cannot be zero/);
  assert.throws(() => ev("list['a':]"), /slice start must be an integer or none, not str/);
  assert.throws(() => ev('missing[1:]'), /'missing' is undefined/);
  assert.equal(ev('missing[1:] is defined'), false, 'lenient on the left of a test');
});

test('chained comparisons mean each pair, and parentheses still group', () => {
  assert.equal(ev('1 < x < 3'), true);
  assert.equal(ev('1 < x < 2'), false);
  assert.equal(ev('0 <= x <= 2 == x'), true);
  assert.equal(ev('3 > x > 1'), true);
  assert.equal(ev("'m1' in groups.masters != false"), true, 'in chains too: m1 in masters and masters != false');
  assert.equal(ev('(1 < x) < 3'), true, 'parenthesised: True < 3');
  assert.equal(ev('(3 < x) == false'), true);
  assert.equal(evaluateCondition(['1 < x < 3', 'x < 10'], scope, 'site.yml:3:7'), true);
  // Stops at the first false pair: the undefined name on the right is never read.
  assert.equal(ev('5 < x < nothing_here'), false);
  assert.throws(() => ev('1 < x < nothing_here'), /'nothing_here' is undefined/);
});

test('range() gives Python ranges as lists', () => {
  assert.deepEqual(ev('range(3)'), [0, 1, 2]);
  assert.deepEqual(ev('range(1, 4)'), [1, 2, 3]);
  assert.deepEqual(ev('range(10, 0, -3)'), [10, 7, 4, 1]);
  assert.deepEqual(ev('range(0)'), []);
  assert.deepEqual(ev('range(3) | list'), [0, 1, 2]);
  assert.deepEqual(ev("range(1, groups.masters | length)"), [1, 2]);
  assert.throws(() => ev('range(1, 2, 0)'), /step cannot be zero/);
  assert.throws(() => ev("range('3')"), /range\(\) stop must be an integer, not str/);
  assert.throws(() => ev('range(10000000)'), /more than the 100000 allowed/);
});

describe('lookup() and query()', () => {
  let root = '';
  let roleDir = '';
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'tsplay-lookup-'));
    roleDir = join(root, 'roles', 'web');
    mkdirSync(join(roleDir, 'files'), { recursive: true });
    mkdirSync(join(root, 'files'));
    writeFileSync(join(roleDir, 'files', 'motd'), 'from the role\n\n');
    writeFileSync(join(root, 'files', 'motd'), 'from the playbook\n');
    writeFileSync(join(root, 'files', 'key.pub'), '  ssh-ed25519 AAAA lab\n');
    writeFileSync(join(root, 'notes.txt'), 'beside the playbook');
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const inPlay = () => ({ ...scope, playbook_dir: root });
  const inRole = () => ({ ...inPlay(), role_path: roleDir });

  test("file: role files/ first, then the playbook's files/, then the playbook directory", () => {
    assert.equal(ev("lookup('file', 'motd')", inRole()), 'from the role', 'trailing whitespace stripped (rstrip=true)');
    assert.equal(ev("lookup('file', 'motd')", inPlay()), 'from the playbook');
    assert.equal(ev("lookup('ansible.builtin.file', 'notes.txt')", inRole()), 'beside the playbook');
    assert.equal(ev(`lookup('file', '${join(root, 'notes.txt')}')`, inPlay()), 'beside the playbook', 'absolute path');
    assert.equal(ev("lookup('file', 'key.pub', lstrip=true)", inPlay()), 'ssh-ed25519 AAAA lab');
    assert.equal(ev("lookup('file', 'motd', rstrip=false)", inPlay()), 'from the playbook\n');
    assert.equal(ev("lookup('file', 'motd', 'notes.txt')", inPlay()), 'from the playbook,beside the playbook', 'several terms join with commas');
    assert.deepEqual(ev("query('file', 'motd', 'notes.txt')", inPlay()), ['from the playbook', 'beside the playbook']);
    assert.deepEqual(ev("lookup('file', 'motd', wantlist=true)", inPlay()), ['from the playbook']);
  });

  test('file: a missing file, a path out of the base and an unknown option are errors', () => {
    assert.throws(() => ev("lookup('file', 'nope')", inPlay()), /lookup\('file'\): could not find 'nope' \(looked in .*files\/nope/);
    assert.throws(() => ev("lookup('file', '../secret')", inPlay()), /points outside/);
    assert.throws(() => ev("lookup('file', 'motd', strip=true)", inPlay()), /lookup\('file'\) has no argument 'strip'/);
  });

  test("env: the controller's environment, '' or default when unset", () => {
    process.env.TSPLAY_LOOKUP_TEST = 'from-env';
    try {
      assert.equal(ev("lookup('env', 'TSPLAY_LOOKUP_TEST')"), 'from-env');
      assert.equal(ev("lookup('env', 'TSPLAY_LOOKUP_UNSET')"), '');
      assert.equal(ev("lookup('env', 'TSPLAY_LOOKUP_UNSET', default='fallback')"), 'fallback');
      assert.deepEqual(ev("q('env', 'TSPLAY_LOOKUP_TEST', 'TSPLAY_LOOKUP_UNSET')"), ['from-env', '']);
      assert.equal(ev("lookup('env', 'TSPLAY_LOOKUP_UNSET') | default('x', true)"), 'x');
    } finally {
      delete process.env.TSPLAY_LOOKUP_TEST;
    }
  });
});
