// Plain-text passwords in the inventory and -e join the masked values; templates do not (their
// value is not known yet, and masking the template text would hide nothing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plainPasswords } from '../../../src/cli/inventory-secrets.js';
import { inventory } from '../engine/helpers.js';

test('plainPasswords: host, group and extra vars; templates and other variables left out', () => {
  const inv = inventory(
    { h1: { vars: { ansible_password: 'host-login-pw', other: 'not-a-secret' } }, h2: { groups: ['workers'], vars: { ansible_ssh_pass: '{{ vault_pw }}' } } },
    { workers: { vars: { ansible_become_password: 'group-sudo-pw' } } },
  );
  assert.deepEqual(plainPasswords(inv, { ansible_become_pass: 'extra-pw' }).sort(), ['extra-pw', 'group-sudo-pw', 'host-login-pw']);
  assert.deepEqual(plainPasswords(undefined, {}), []);
});
