// Magic variables set by the run: ansible_verbosity (which debug's `verbosity:` compares with),
// ansible_play_name, and the play's role names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoleUse } from '../../../src/model.js';
import { inventory, play, playbook, results, role, runTest, task } from './helpers.js';

const one = inventory({ h1: {} });

test('debug verbosity: skipped below the -v count, printed at or above it; ansible_verbosity is the count', async () => {
  const pb = playbook(play({ hosts: 'h1', tasks: [
    task('debug', { msg: 'detail', verbosity: 1 }, { name: 'detail' }),
    task('debug', { msg: '{{ ansible_verbosity }}' }, { name: 'level' }),
  ] }));
  const quiet = await runTest(pb, one, { verbosity: 0 });
  assert.equal(results(quiet.events, 'detail')[0]?.status, 'skipped');
  assert.equal(results(quiet.events, 'level')[0]?.result['msg'], 0, 'a number, as Ansible shows "msg": 0');
  const verbose = await runTest(pb, one, { verbosity: 2 });
  assert.equal(results(verbose.events, 'detail')[0]?.result['msg'], 'detail');
  assert.equal(results(verbose.events, 'level')[0]?.result['msg'], 2);
});

test('ansible_play_name, ansible_play_role_names and role_names', async () => {
  const uses: RoleUse[] = ['base', 'lb'].map((name) => ({ role: role(name), params: {}, when: [], tags: [], loc: { file: '/pb/site.yml', line: 1, col: 1 } }));
  const pb = playbook(play({ name: 'Load balancers', hosts: 'h1', roles: uses, tasks: [
    task('debug', { msg: '{{ ansible_play_name }}: {{ ansible_play_role_names | join(",") }} / {{ role_names | length }}' }, { name: 'where' }),
  ] }));
  const { events } = await runTest(pb, one);
  assert.equal(results(events, 'where')[0]?.result['msg'], 'Load balancers: base,lb / 2');
});
