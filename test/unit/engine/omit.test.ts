// `omit`: an argument that templates to it is dropped before the module sees it, in nested dicts
// too (Ansible's remove_omit); anything else about the value stays.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inventory, play, playbook, runTest, task } from './helpers.js';

test('arguments equal to omit are left out, at any dict depth; a set value is kept', async () => {
  const pb = playbook(play({
    hosts: 'h1',
    vars: { given_mode: '0640' },
    tasks: [
      task('record', {
        kept: 1,
        mode: '{{ given_mode | default(omit) }}',
        owner: '{{ missing_owner | default(omit) }}',
        nested: { gone: '{{ omit }}', stays: 2 },
        list: [{ gone: '{{ omit }}', stays: 3 }, 'text'],
        mixed: 'x-{{ omit is string }}',
      }),
    ],
  }));
  const { calls } = await runTest(pb, inventory({ h1: {} }));
  assert.deepEqual(calls[0]!.args, { kept: 1, mode: '0640', nested: { stays: 2 }, list: [{ stays: 3 }, 'text'], mixed: 'x-True' });
});

test('set_fact with default(omit) sets only the defined names', async () => {
  const pb = playbook(play({
    hosts: 'h1',
    tasks: [
      task('set_fact', { a: 'yes-a', b: '{{ nope | default(omit) }}' }),
      task('record', { a: '{{ a }}', b_defined: '{{ b is defined }}' }),
    ],
  }));
  const { calls } = await runTest(pb, inventory({ h1: {} }));
  assert.deepEqual(calls[0]!.args, { a: 'yes-a', b_defined: false });
});
