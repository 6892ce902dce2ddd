// LocalConnection with become, run for real (these tests run as root, whom sudo never asks for a
// password): a become password that sudo does not ask for must neither hang the command nor reach
// its stdin.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LocalConnection } from '../../../src/connection/local.js';

const conn = new LocalConnection('controller');
const become = { user: 'root', password: 'not-asked-for-pw' };

test('a become password sudo does not ask for: the command gets only its own stdin and finishes', async () => {
  const withInput = await conn.exec('cat', { become, stdin: 'the input\n', timeoutMs: 10_000 });
  assert.deepEqual(withInput, { rc: 0, stdout: 'the input\n', stderr: '' });
  const withoutInput = await conn.exec('cat; id -un', { become, timeoutMs: 10_000 });
  assert.deepEqual(withoutInput, { rc: 0, stdout: 'root\n', stderr: '' }, 'stdin is closed, and the password is not in it');
});

test('put with a become password sudo does not ask for writes the content, not the password', { timeout: 10_000 }, async () => {
  const path = `/tmp/tsplay-local-become-${process.pid}`;
  try {
    await conn.put(path, 'content\n', { become, mode: 0o600 });
    assert.equal((await conn.exec(`cat ${path}`)).stdout, 'content\n');
  } finally {
    await conn.exec(`rm -f ${path}`);
  }
});
