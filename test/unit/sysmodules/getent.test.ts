// getent as Ansible 2.14 shapes its facts (geerlingguy.docker reads the docker group with it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getentModule, parseGetent } from '../../../src/modules/getent.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

test('group splits on colons: {name: [password, gid, members]}', async () => {
  const conn = new FakeConnection([{ match: /^getent group docker$/, reply: { stdout: 'docker:x:998:alice,bob\n' } }]);
  const result = await getentModule.run(fakeContext(conn, { check: true }), { database: 'group', key: 'docker', split: ':' });
  assert.deepEqual(result, { changed: false, ansible_facts: { getent_group: { docker: ['x', '998', 'alice,bob'] } } });
});

test('other databases split on whitespace; a key seen twice becomes a list of field lists', () => {
  assert.deepEqual(parseGetent('127.0.0.1       localhost\n::1  localhost ip6-localhost\n', undefined), { '127.0.0.1': ['localhost'], '::1': ['localhost', 'ip6-localhost'] });
  assert.deepEqual(parseGetent('a:1\na:2\na:3\n', ':'), { a: [['1'], ['2'], ['3']] });
});

test("a missing key fails with Ansible's message, or is null with fail_key: false", async () => {
  const missing = () => new FakeConnection([{ match: /^getent -s files passwd nobody2$/, reply: { rc: 2 } }]);
  const failed = await getentModule.run(fakeContext(missing()), { database: 'passwd', key: 'nobody2', service: 'files' });
  assert.equal(failed.failed, true);
  assert.equal(failed.msg, 'One or more supplied key could not be found in the database.');
  const lenient = await getentModule.run(fakeContext(missing()), { database: 'passwd', key: 'nobody2', service: 'files', fail_key: false });
  assert.deepEqual(lenient.ansible_facts, { getent_passwd: { nobody2: null } });
  assert.equal(lenient.failed, undefined);
});
