// The with_<lookup> loops give the items ansible-core 2.14 gives. Every expected value below was
// produced by `ansible-playbook -c local` (2.14.18) on the same input, with `debug: var=item`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runWithLookup, WITH_LOOKUPS, type LookupPlace } from '../../../src/engine/with-lookups.js';
import { WITH_LOOKUP_NAMES } from '../../../src/keywords.js';
import { writeTree } from '../support/file-tree.js';

const nowhere: LookupPlace = { playbookDir: '/nonexistent', subdir: 'files' };
const run = (name: string, value: unknown, place = nowhere) => runWithLookup(name, value, place);

test('the keyword table and the engine know the same with_ lookups', () => {
  assert.deepEqual(Object.keys(WITH_LOOKUPS).sort(), [...WITH_LOOKUP_NAMES].sort());
});

test('with_dict: key/value items in the mapping order; a list of mappings adds up; anything else fails', () => {
  assert.deepEqual(run('dict', { b: 2, a: 1 }), [{ key: 'b', value: 2 }, { key: 'a', value: 1 }]);
  assert.deepEqual(run('dict', [{ a: 1 }, { b: 2 }]), [{ key: 'a', value: 1 }, { key: 'b', value: 2 }]);
  assert.throws(() => run('dict', 'text'), /with_dict expects a dict/);
});

test('with_list takes the list as written (no flattening); with_items flattens one level', () => {
  assert.deepEqual(run('list', [1, [2, 3], 4]), [1, [2, 3], 4]);
  assert.deepEqual(run('items', [1, [2, 3], 4]), [1, 2, 3, 4]);
});

const users = () => [
  { name: 'alice', keys: ['k1', 'k2'], extra: { groups: ['g1'] } },
  { name: 'bob', keys: [] },
  { name: 'carol', extra: {} },
];

test('with_subelements pairs each element with each sub-item, the sub-list taken out of item.0; skip_missing', () => {
  const alice = { extra: { groups: ['g1'] }, name: 'alice' };
  assert.deepEqual(run('subelements', [users(), 'keys', { skip_missing: true }]), [[alice, 'k1'], [alice, 'k2']]);
  // A dotted path reaches into a nested mapping; the inner list is removed there.
  assert.deepEqual(run('subelements', [users(), 'extra.groups', { skip_missing: true }]), [[{ extra: {}, keys: ['k1', 'k2'], name: 'alice' }, 'g1']]);
  assert.throws(() => run('subelements', [users(), 'keys']), /could not find 'keys' key in iterated item/);
  assert.throws(() => run('subelements', [users(), 'keys', { skip: true }]), /optional third item must be a dict with flags/);
  // A registered result skipped as a whole gives no items; skipped results inside are left out.
  assert.deepEqual(run('subelements', [{ skipped: true, results: [] }, 'keys']), []);
  assert.deepEqual(run('subelements', [[{ skipped: true }, { keys: [1] }], 'keys']), [[{}, 1]]);
});

test('with_nested / with_cartesian: every combination, a scalar is a list of one, inner lists flatten once', () => {
  assert.deepEqual(run('nested', [['a', 'b'], [1, 2], 'x']), [['a', 1, 'x'], ['a', 2, 'x'], ['b', 1, 'x'], ['b', 2, 'x']]);
  assert.deepEqual(run('cartesian', [['a', 'b'], [[1, 2]]]), [['a', 1, 2], ['b', 1, 2]]);
});

test('with_together zips, filling the shorter lists with null', () => {
  assert.deepEqual(run('together', [['a', 'b', 'c'], [1, 2]]), [['a', 1], ['b', 2], ['c', null]]);
});

test('with_sequence: key=value and shortcut forms, count, negative stride, printf formats; items are strings', () => {
  assert.deepEqual(run('sequence', 'start=1 end=5'), ['1', '2', '3', '4', '5']);
  assert.deepEqual(run('sequence', 'start=10 end=0 stride=-3 format=host%02d'), ['host10', 'host07', 'host04', 'host01']);
  assert.deepEqual(run('sequence', ['count=3', '2-10/4:n%x', 'start=0x0f count=2 format=%04x']), ['1', '2', '3', 'n2', 'n6', 'na', '000f', '0010']);
  assert.deepEqual(run('sequence', 'start=1 end="3"'), ['1', '2', '3']);
  assert.throws(() => run('sequence', 'start=5 end=1'), /to count backwards make stride negative/);
  assert.throws(() => run('sequence', 'start=1'), /must specify count or end in with_sequence/);
  assert.throws(() => run('sequence', 'end=3 step=1'), /unrecognized arguments to with_sequence: \['step'\]/);
  assert.throws(() => run('sequence', 'end=3 format=%d-%d'), /bad formatting string: %d-%d/);
});

test('with_indexed_items: [index, item] over the list flattened once', () => {
  assert.deepEqual(run('indexed_items', ['a', ['b', 'c']]), [[0, 'a'], [1, 'b'], [2, 'c']]);
});

test('with_random_choice: one item taken from the list', () => {
  const [choice, ...rest] = run('random_choice', ['x', 'y', 'z']);
  assert.ok(['x', 'y', 'z'].includes(choice as string));
  assert.deepEqual(rest, []);
  assert.deepEqual(run('random_choice', []), []);
});

function controllerTree(): { dir: string; role: string } {
  const dir = writeTree({
    'files/a.conf': '', 'files/b.conf': '', 'files/.hidden.conf': '', 'files/c.txt': '', 'files/conf/x.conf': '',
    'vars/Debian.yml': 'v: 1\n', 'vars/default.yml': 'v: 2\n', 'roles/r1/files/r.conf': '', 'roles/r1/vars/main.yml': '',
  }, 'tsplay-with-lookups-');
  return { dir, role: join(dir, 'roles/r1') };
}

test('with_fileglob: controller files (not directories, not hidden) in the role files/, then the playbook files/', () => {
  const { dir, role } = controllerTree();
  const place: LookupPlace = { playbookDir: dir, subdir: 'files' };
  // Ansible lists them in directory order (b.conf before a.conf there); tsplay sorts them.
  assert.deepEqual(run('fileglob', ['*.conf', 'conf/*'], place), ['files/a.conf', 'files/b.conf', 'files/conf/x.conf'].map((f) => join(dir, f)));
  assert.deepEqual(run('fileglob', '*.conf', { ...place, roleDir: role }), [join(role, 'files/r.conf')]);
  assert.deepEqual(run('fileglob', '*.nothing', place), []);
});

test('with_first_found: files within paths, the first that exists; skip gives no item; none found fails', () => {
  const { dir, role } = controllerTree();
  const place: LookupPlace = { playbookDir: dir, subdir: 'files' };
  assert.deepEqual(run('first_found', [{ files: ['missing.yml', 'Debian.yml', 'default.yml'], paths: ['vars'] }], place), [join(dir, 'vars/Debian.yml')]);
  assert.deepEqual(run('first_found', [{ files: 'missing.yml,default.yml', paths: 'nope:vars' }], place), [join(dir, 'vars/default.yml')]);
  assert.deepEqual(run('first_found', [{ files: ['missing.yml'], skip: true }], place), []);
  assert.throws(() => run('first_found', ['missing.yml'], place), /No file was found when using first_found/);
  // In a role: the role's files/ first, and for an include_vars task the role's vars/.
  assert.deepEqual(run('first_found', [{ files: ['nope.yml', 'r.conf'] }], { ...place, roleDir: role }), [join(role, 'files/r.conf')]);
  assert.deepEqual(run('first_found', ['main.yml'], { ...place, roleDir: role, subdir: 'vars' }), [join(role, 'vars/main.yml')]);
  assert.deepEqual(run('first_found', [join(dir, 'vars/default.yml')], place), [join(dir, 'vars/default.yml')]);
});
