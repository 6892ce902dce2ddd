// hostname over a scripted connection: hostnamectl on systemd hosts, /etc/hostname + hostname
// elsewhere, nothing when both names match, read-only check mode, facts updated, bad names refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hostnameModule } from '../../../src/modules/hostname.js';
import { FakeConnection, fakeContext, assertReadOnly } from './fake-connection.js';

const probe = (live: string, systemd: boolean, stat?: string) => ({
  match: /^sd=no;/,
  reply: { stdout: `live=${live}\nsystemd=${systemd ? 'yes' : 'no'}\n${stat !== undefined ? `static=${stat}\n` : ''}` },
});

test('hostname: hostnamectl on systemd hosts; nothing when live and static names match', async () => {
  const conn = new FakeConnection([probe('localhost', true, 'localhost')]);
  const r = await hostnameModule.run(fakeContext(conn), { name: 'cp-1.lab.example' });
  assert.equal(r.changed, true);
  assert.deepEqual(conn.commands.slice(1), ["hostnamectl set-hostname cp-1.lab.example"]);
  assert.deepEqual(r.ansible_facts, { hostname: 'cp-1', nodename: 'cp-1.lab.example' });
  const same = new FakeConnection([probe('cp-1', true, 'cp-1')]);
  assert.equal((await hostnameModule.run(fakeContext(same), { name: 'cp-1' })).changed, false);
  assert.equal(same.commands.length, 1);
});

test('hostname without systemd (or use: debian): /etc/hostname rewritten, live name set', async () => {
  const conn = new FakeConnection([probe('old', false, 'old')]);
  conn.files.set('/etc/hostname', 'old\n');
  const r = await hostnameModule.run(fakeContext(conn, { diff: true }), { name: 'worker-2' });
  assert.equal(r.changed, true);
  assert.equal(conn.files.get('/etc/hostname'), 'worker-2\n');
  assert.deepEqual(conn.matching(/^hostname /), ['hostname worker-2']);
  assert.deepEqual((r.diff as { before: string; after: string }[])[0], { path: '/etc/hostname', before: 'old\n', after: 'worker-2\n' });
  const forced = new FakeConnection([probe('worker-2', true, 'other')]);
  await hostnameModule.run(fakeContext(forced), { name: 'worker-2', use: 'debian' });
  assert.equal(forced.matching(/hostnamectl set-hostname/).length, 0);
  assert.equal(forced.matching(/^hostname /).length, 0, 'the live name already matches');
  assert.equal(forced.files.get('/etc/hostname'), 'worker-2\n');
});

test('hostname: check mode reads only; a name that is not a host name fails before anything runs', async () => {
  const check = new FakeConnection([probe('a', true, 'a')]);
  assert.equal((await hostnameModule.run(fakeContext(check, { check: true }), { name: 'b' })).changed, true);
  assertReadOnly(check.commands);
  const bad = new FakeConnection([probe('a', true, 'a')]);
  for (const name of ['-n', 'two words', 'a_b', 'x'.repeat(64)]) {
    assert.equal((await hostnameModule.run(fakeContext(bad), { name })).failed, true, name);
  }
  assert.equal(bad.commands.length, 0);
});
