import assert from 'node:assert/strict';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { TsplayError } from '../../../src/errors.js';
import { loadInventory } from '../../../src/load/index.js';
import { selectHosts, splitPattern } from '../../../src/plan/patterns.js';
import { fixture } from './helpers.js';

const inventory = await loadInventory([fixture('inventory', 'hosts.ini')]);
const sel = (p: string) => selectHosts(inventory, p);

test('all, *, groups and hosts', () => {
  assert.equal(sel('all').length, 14);
  assert.deepEqual(sel('*'), sel('all'));
  assert.deepEqual(sel('control'), ['cp1', 'cp2', 'cp3']);
  assert.deepEqual(sel('k8s'), ['cp1', 'cp2', 'cp3', 'node01', 'node02', 'node03', 'db-a', 'db-b', 'db-c']);
  assert.deepEqual(sel('lonely'), ['lonely']);
});

test('union, intersection, exclusion (unions first, then &, then !)', () => {
  assert.deepEqual(sel('even:control'), ['cp1', 'cp2', 'cp3', 'n0', 'n2', 'n4', 'n6'], 'inventory order');
  assert.deepEqual(sel('control,lonely'), ['lonely', 'cp1', 'cp2', 'cp3']);
  assert.deepEqual(sel('k8s:&workers'), ['node01', 'node02', 'node03', 'db-a', 'db-b', 'db-c']);
  assert.deepEqual(sel('k8s:!workers'), ['cp1', 'cp2', 'cp3']);
  assert.deepEqual(sel('!k8s:control:lonely'), ['lonely'], 'exclusion applies after the union wherever written');
  assert.deepEqual(sel('&control'), ['cp1', 'cp2', 'cp3']);
});

test('globs and regexes', () => {
  assert.deepEqual(sel('cp*'), ['cp1', 'cp2', 'cp3']);
  assert.deepEqual(sel('db-?'), ['db-a', 'db-b', 'db-c']);
  assert.deepEqual(sel('~node0[12]'), ['node01', 'node02']);
  assert.deepEqual(sel('work*'), ['node01', 'node02', 'node03', 'db-a', 'db-b', 'db-c'], 'globs match group names too');
});

test('subscripts are 0-based and inclusive', () => {
  assert.deepEqual(sel('control[0]'), ['cp1']);
  assert.deepEqual(sel('control[-1]'), ['cp3']);
  assert.deepEqual(sel('control[1:2]'), ['cp2', 'cp3']);
  assert.deepEqual(sel('workers[1:]'), ['node02', 'node03', 'db-a', 'db-b', 'db-c']);
  assert.deepEqual(sel('control[0]:workers[0]'), ['cp1', 'node01']);
  assert.deepEqual(splitPattern('g[1:2]:h'), ['g[1:2]', 'h']);
});

test('@file reads one pattern per line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-pat-'));
  const file = join(dir, 'retry');
  writeFileSync(file, 'cp2\n# comment\nn4\n');
  assert.deepEqual(sel(`@${file}`), ['cp2', 'n4']);
});

test('a pattern that matches nothing throws', () => {
  assert.throws(() => sel('nosuch'), (e: unknown) => e instanceof TsplayError && /matched no hosts/.test(e.message));
  assert.throws(() => sel('control:&workers'), TsplayError);
  assert.throws(() => sel('control[9]'), TsplayError);
});
