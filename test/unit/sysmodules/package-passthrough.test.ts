// package passes its other arguments to the backend module, as Ansible's package action does
// (evrardjp.keepalived: `package: {name, state, update_cache: true, cache_valid_time: 600}`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packageModule } from '../../../src/modules/package.js';
import { Ajv } from 'ajv';
import { FakeConnection, fakeContext, debianFacts, rhelFacts } from './fake-connection.js';

test('package accepts apt and dnf arguments at load', () => {
  const validate = new Ajv({ strict: false }).compile(packageModule.schema);
  assert.equal(validate({ name: 'keepalived', update_cache: true, cache_valid_time: 600 }), true);
  assert.equal(validate({ name: 'kubelet', enablerepo: 'kubernetes' }), true);
  assert.equal(validate({ name: 'x', nonsense: 1 }), false);
});

test('package on apt runs the cache update and passes allow_downgrade on', async () => {
  const conn = new FakeConnection([{ match: /^q\(\) \{/, reply: { stdout: 'tree\tun \t\t\tno\tno\n' } }]);
  const result = await packageModule.run(fakeContext(conn, { facts: debianFacts }), { name: 'tree', update_cache: true, allow_downgrade: true });
  assert.equal(result.failed, undefined, JSON.stringify(result));
  assert.ok(conn.commands.some((c) => /apt-get .*update/.test(c)), conn.commands.join('\n'));
  assert.ok(conn.commands.some((c) => / --allow-downgrades .*install tree$/.test(c)), conn.commands.join('\n'));
});

test("package refuses an argument the host's backend does not know, before touching the host", async () => {
  const conn = new FakeConnection([]);
  const onApt = await packageModule.run(fakeContext(conn, { facts: debianFacts }), { name: 'x', enablerepo: 'kubernetes' });
  assert.equal(onApt.failed, true);
  assert.match(String(onApt.msg), /Unsupported parameters for \(apt\) module: enablerepo/);
  const onDnf = await packageModule.run(fakeContext(conn, { facts: rhelFacts }), { name: 'x', cache_valid_time: 600 });
  assert.match(String(onDnf.msg), /Unsupported parameters for \(dnf\) module: cache_valid_time/);
  assert.deepEqual(conn.commands, []);
});
