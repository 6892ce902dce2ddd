import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aptModule } from '../../../src/modules/apt.js';
import { dpkgSelectionsModule } from '../../../src/modules/dpkg_selections.js';
import { FakeConnection, fakeContext, assertReadOnly } from './fake-connection.js';

// dpkg-query answers as the q() helper prints: name, Status-Abbrev, version, candidate, eq, upgradable.
function dpkgReply(rows: Record<string, [string, string, string?, string?, string?]>) {
  return (command: string) => {
    const names = [...command.matchAll(/^q '?([^' ]+)'? /gm)].map((m) => m[1]!);
    return { stdout: names.filter((n) => rows[n]).map((n) => [n, ...rows[n]!.map((x) => x ?? '')].join('\t') + '\n').join('') };
  };
}

test('apt installs only missing packages, in one apt-get install, after one state query', async () => {
  const conn = new FakeConnection([{ match: /^q\(\) \{/, reply: dpkgReply({ tree: ['un ', ''], curl: ['ii ', '7.88.1-10', '', 'no', 'no'] }) }]);
  const result = await aptModule.run(fakeContext(conn), { name: ['tree', 'curl'] });
  assert.equal(result.changed, true);
  assert.deepEqual(result['packages'], { install: ['tree'], upgrade: [], remove: [] });
  assert.equal(conn.commands.length, 2);
  assert.match(conn.commands[0]!, /\nq tree '' no\nq curl '' no$/);
  assert.equal(
    conn.commands[1],
    "DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true apt-get -y -q -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold install tree",
  );
});

test('apt is ok when everything is installed, and pinned versions are compared on the host', async () => {
  const conn = new FakeConnection([{ match: /^q\(\) \{/, reply: dpkgReply({ kubelet: ['hi ', '1.31.2-1.1', '', 'yes', 'no'] }) }]);
  const result = await aptModule.run(fakeContext(conn), { name: 'kubelet=1.31.2-1.1' });
  assert.equal(result.changed, false);
  assert.match(conn.commands[0]!, /\nq kubelet 1\.31\.2-1\.1 no$/);
  assert.match(conn.commands[0]!, /dpkg --compare-versions "\$v" eq "\$2"/);
  assert.equal(conn.commands.length, 1);
});

test('apt pin to another version upgrades with allow_change_held_packages; wildcard pins match the installed version', async () => {
  const conn = new FakeConnection([
    { match: /^q\(\) \{/, reply: dpkgReply({ kubelet: ['hi ', '1.30.5-1.1', '', 'no', 'no'], kubeadm: ['hi ', '1.31.7-1.1', '', 'no', 'no'] }) },
  ]);
  const result = await aptModule.run(fakeContext(conn), { name: ['kubelet=1.31.2-1.1', 'kubeadm=1.31.*'], allow_change_held_packages: true, install_recommends: false });
  assert.equal(result.changed, true);
  assert.deepEqual(result['packages'], { install: [], upgrade: ['kubelet=1.31.2-1.1'], remove: [] });
  assert.match(conn.commands[1]!, / --no-install-recommends --allow-change-held-packages install kubelet=1\.31\.2-1\.1$/);
});

test('apt latest upgrades only what dpkg --compare-versions says is older than the candidate', async () => {
  const conn = new FakeConnection([
    { match: /^q\(\) \{/, reply: dpkgReply({ a: ['ii ', '1.0', '1.1', 'no', 'yes'], b: ['ii ', '2.0', '2.0', 'no', 'no'] }) },
  ]);
  const result = await aptModule.run(fakeContext(conn, { diff: true }), { name: 'a,b', state: 'latest' });
  assert.deepEqual(result['packages'], { install: [], upgrade: ['a'], remove: [] });
  assert.match(conn.commands[0]!, /\nq a '' latest\nq b '' latest$/);
  assert.deepEqual(result.diff, [{ path: 'apt packages', before: 'a 1.0\nb 2.0\n', after: 'a 1.1\nb 2.0\n' }]);
});

test('apt absent removes installed packages (purge too for config-only ones)', async () => {
  const conn = new FakeConnection([{ match: /^q\(\) \{/, reply: dpkgReply({ haproxy: ['ii ', '2.6'], old: ['rc ', ''], gone: ['un ', ''] }) }]);
  const result = await aptModule.run(fakeContext(conn), { name: ['haproxy', 'old', 'gone'], state: 'absent', purge: true });
  assert.deepEqual(result['packages'], { install: [], upgrade: [], remove: ['haproxy', 'old'] });
  assert.equal(conn.commands[1], 'DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true apt-get -y -q purge haproxy old');
});

test('apt check mode reports the change with a diff and runs no mutating command', async () => {
  const conn = new FakeConnection([
    { match: /^now=/, reply: { stdout: '999999\n' } },
    { match: /^q\(\) \{/, reply: dpkgReply({ tree: ['un ', ''] }) },
  ]);
  const result = await aptModule.run(fakeContext(conn, { check: true, diff: true }), { name: 'tree', update_cache: true, cache_valid_time: 3600 });
  assert.equal(result.changed, true);
  assert.deepEqual(result.diff, [{ path: 'apt packages', before: '', after: 'tree (candidate)\n' }]);
  assertReadOnly(conn.commands);
  assert.equal(conn.puts.length, 0);
});

test('apt update_cache honours cache_valid_time and counts as a change only without packages', async () => {
  const fresh = new FakeConnection([{ match: /^now=/, reply: { stdout: '120\n' } }]);
  const r1 = await aptModule.run(fakeContext(fresh), { update_cache: true, cache_valid_time: 3600 });
  assert.equal(r1.changed, false);
  assert.equal(fresh.matching(/apt-get update/).length, 0);
  const stale = new FakeConnection([{ match: /^now=/, reply: { stdout: '7200\n' } }]);
  const r2 = await aptModule.run(fakeContext(stale), { update_cache: true, cache_valid_time: 3600 });
  assert.equal(r2.changed, true);
  assert.deepEqual(stale.matching(/apt-get update/), ['DEBIAN_FRONTEND=noninteractive apt-get update -q']);
});

test('apt refuses hostile package names before running anything, and quotes dpkg options', async () => {
  const conn = new FakeConnection();
  const bad = await aptModule.run(fakeContext(conn), { name: 'tree; rm -rf /' });
  assert.equal(bad.failed, true);
  assert.equal(conn.commands.length, 0);
  const conn2 = new FakeConnection([{ match: /^q\(\) \{/, reply: dpkgReply({}) }]);
  await aptModule.run(fakeContext(conn2), { name: 'tree', dpkg_options: "force-confnew,x'$(reboot)" });
  assert.match(conn2.commands[1]!, / -o Dpkg::Options::=--force-confnew -o 'Dpkg::Options::=--x'\\''\$\(reboot\)' install tree$/);
});

test('apt accepts a version wildcard only at the end, as apt-get does', async () => {
  const conn = new FakeConnection();
  const r = await aptModule.run(fakeContext(conn), { name: 'kubelet=1.*.2' });
  assert.equal(r.failed, true);
  assert.match(String(r.msg), /only allowed at the end/);
  assert.equal(conn.commands.length, 0);
});

test('apt reports a failed install with apt-get\'s own message', async () => {
  const conn = new FakeConnection([
    { match: /^q\(\) \{/, reply: dpkgReply({}) },
    { match: /apt-get .* install/, reply: { rc: 100, stderr: 'E: Unable to locate package nosuch\n' } },
  ]);
  const result = await aptModule.run(fakeContext(conn), { name: 'nosuch' });
  assert.equal(result.failed, true);
  assert.match(String(result.msg), /Unable to locate package nosuch/);
});

test('dpkg_selections holds a package via dpkg --set-selections on stdin, only when it differs', async () => {
  const conn = new FakeConnection([{ match: /^dpkg --get-selections/, reply: { stdout: 'kubelet\t\t\t\t\tinstall\n' } }]);
  const result = await dpkgSelectionsModule.run(fakeContext(conn), { name: 'kubelet', selection: 'hold' });
  assert.equal(result.changed, true);
  assert.deepEqual(conn.commands, ['dpkg --get-selections kubelet 2>/dev/null', 'dpkg --set-selections']);
  assert.equal(conn.stdins[1], 'kubelet hold\n');
  const held = new FakeConnection([{ match: /^dpkg --get-selections/, reply: { stdout: 'kubelet\t\t\t\t\thold\n' } }]);
  assert.equal((await dpkgSelectionsModule.run(fakeContext(held), { name: 'kubelet', selection: 'hold' })).changed, false);
  assert.equal(held.commands.length, 1);
  const check = new FakeConnection([{ match: /^dpkg --get-selections/, reply: { stdout: '' } }]);
  assert.equal((await dpkgSelectionsModule.run(fakeContext(check, { check: true }), { name: 'kubeadm', selection: 'hold' })).changed, true);
  assert.equal(check.commands.length, 1);
});
