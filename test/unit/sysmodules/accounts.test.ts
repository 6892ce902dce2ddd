// user and group over a scripted connection: the exact useradd/usermod/groupadd lines, nothing run
// when nothing differs or in check mode, and the password hash never in a message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupModule } from '../../../src/modules/group.js';
import { userModule } from '../../../src/modules/user.js';
import { FakeConnection, fakeContext, assertReadOnly } from './fake-connection.js';

const passwdOf = (line: string, primary: string, groups: string, shadow?: string) => ({
  match: /^if e=\$\(getent passwd/,
  reply: { stdout: `passwd=${line}\nprimary=${primary}\ngroups=${groups}\n${shadow !== undefined ? `shadow=${shadow}\n` : ''}` },
});
const noUser = { match: /^if e=\$\(getent passwd/, reply: { stdout: '' } };
const kube = passwdOf('kube:x:1500:1500:Kube Admin:/home/kube:/bin/bash', 'kube', 'kube sudo docker');

test('user: created with every option, once; an identical re-run runs nothing', async () => {
  const conn = new FakeConnection([noUser]);
  const r = await userModule.run(fakeContext(conn), { name: 'kube', uid: 1500, groups: ['sudo', 'docker'], shell: '/bin/bash', comment: 'Kube Admin', system: false });
  assert.equal(r.changed, true);
  assert.deepEqual(conn.matching(/^user/), ["useradd -u 1500 -G sudo,docker -s /bin/bash -c 'Kube Admin' -m kube"]);
  const again = new FakeConnection([kube]);
  const same = await userModule.run(fakeContext(again), { name: 'kube', uid: 1500, groups: 'docker,sudo', shell: '/bin/bash', comment: 'Kube Admin' });
  assert.equal(same.changed, false);
  assert.equal(same.uid, 1500);
  assert.equal(same.groups, 'sudo,docker');
  assert.equal(again.commands.length, 1);
});

test('user: only what differs goes into one usermod; groups replace unless append adds the missing ones', async () => {
  const replace = new FakeConnection([kube]);
  await userModule.run(fakeContext(replace), { name: 'kube', groups: ['docker'], shell: '/bin/zsh' });
  assert.deepEqual(replace.matching(/^usermod/), ['usermod -G docker -s /bin/zsh kube']);
  const append = new FakeConnection([kube]);
  await userModule.run(fakeContext(append), { name: 'kube', groups: ['docker', 'adm'], append: true });
  assert.deepEqual(append.matching(/^usermod/), ['usermod -a -G adm kube']);
  const appendNothing = new FakeConnection([kube]);
  assert.equal((await userModule.run(fakeContext(appendNothing), { name: 'kube', groups: ['docker'], append: true })).changed, false);
  const clear = new FakeConnection([kube]);
  await userModule.run(fakeContext(clear), { name: 'kube', groups: [] });
  assert.deepEqual(clear.matching(/^usermod/), ["usermod -G '' kube"]);
  const primaryByGid = new FakeConnection([kube]);
  assert.equal((await userModule.run(fakeContext(primaryByGid), { name: 'kube', group: 1500 })).changed, false, 'gid of the current primary group');
});

test('user: password compared with the shadow hash; a failing usermod never shows it', async () => {
  const hash = '$6$salt$abcdefHASH';
  const same = new FakeConnection([passwdOf('kube:x:1500:1500::/home/kube:/bin/bash', 'kube', 'kube', hash)]);
  assert.equal((await userModule.run(fakeContext(same), { name: 'kube', password: hash })).changed, false);
  assert.match(same.commands[0]!, /getent shadow/);
  const failing = new FakeConnection([
    passwdOf('kube:x:1500:1500::/home/kube:/bin/bash', 'kube', 'kube', '!'),
    { match: /^usermod/, reply: { rc: 1, stderr: `usermod: bad hash ${hash}` } },
  ]);
  const r = await userModule.run(fakeContext(failing), { name: 'kube', password: hash });
  assert.equal(r.failed, true);
  assert.ok(!JSON.stringify(r).includes(hash), JSON.stringify(r));
});

test('user: absent removes (with -r on remove), check mode reads only, bad names are refused', async () => {
  const gone = new FakeConnection([kube]);
  await userModule.run(fakeContext(gone), { name: 'kube', state: 'absent', remove: true });
  assert.deepEqual(gone.matching(/^userdel/), ['userdel -r kube']);
  assert.equal((await userModule.run(fakeContext(new FakeConnection([noUser])), { name: 'kube', state: 'absent' })).changed, false);
  const check = new FakeConnection([kube]);
  assert.equal((await userModule.run(fakeContext(check, { check: true }), { name: 'kube', shell: '/bin/sh' })).changed, true);
  assertReadOnly(check.commands);
  assert.equal((await userModule.run(fakeContext(new FakeConnection()), { name: '-o' })).failed, true);
  assert.equal((await userModule.run(fakeContext(new FakeConnection([noUser])), { name: 'kube', groups: ['ok', 'bad group'] })).failed, true);
  assert.equal((await userModule.run(fakeContext(new FakeConnection([noUser])), { name: 'kube', comment: 'two\nlines' })).failed, true);
});

test('group: groupadd with gid and -r, groupmod on a gid change, groupdel, nothing when equal', async () => {
  const none = { match: /^getent group/, reply: { stdout: '' } };
  const has = (gid: number) => ({ match: /^getent group/, reply: { stdout: `docker:x:${gid}:kube\n` } });
  const add = new FakeConnection([none]);
  assert.equal((await groupModule.run(fakeContext(add), { name: 'docker', gid: 998, system: true })).changed, true);
  assert.deepEqual(add.matching(/^group/), ['groupadd -g 998 -r docker']);
  const same = new FakeConnection([has(998)]);
  assert.equal((await groupModule.run(fakeContext(same), { name: 'docker', gid: 998 })).changed, false);
  const mod = new FakeConnection([has(997)]);
  await groupModule.run(fakeContext(mod), { name: 'docker', gid: 998 });
  assert.deepEqual(mod.matching(/^groupmod/), ['groupmod -g 998 docker']);
  const del = new FakeConnection([has(998)]);
  await groupModule.run(fakeContext(del), { name: 'docker', state: 'absent' });
  assert.deepEqual(del.matching(/^groupdel/), ['groupdel docker']);
  const check = new FakeConnection([none]);
  assert.equal((await groupModule.run(fakeContext(check, { check: true }), { name: 'docker' })).changed, true);
  assertReadOnly(check.commands);
});
