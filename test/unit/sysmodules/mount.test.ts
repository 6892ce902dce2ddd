// mount: fstab editing for real on a temporary fstab (the `fstab` argument) through the local
// connection, against what ansible-playbook 2.14 (ansible.posix.mount) wrote for the same tasks; the
// mount/umount commands of each state through a scripted connection (mounting needs a lab host).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultRegistry } from '../../../src/modules/registry.js';
import { mountModule } from '../../../src/modules/mount.js';
import { FakeConnection, fakeContext } from './fake-connection.js';
import { RecordingConnection } from './recording-connection.js';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsplay-mount-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ctxOn = (conn: RecordingConnection, options: { check?: boolean; diff?: boolean } = {}) => ({ ...fakeContext(new FakeConnection(), options), conn });
const ORIGINAL = '# comment\nUUID=abc / ext4 errors=remount-ro 0 1\n/dev/sdb1   /data  ext4 defaults\n';

describe('mount: fstab editing', () => {
  it('answers to ansible.posix.mount', () => {
    assert.equal(defaultRegistry.get('ansible.posix.mount')?.name, 'mount');
  });

  it('rewrites a differing entry in one-space form and appends a new one with \\040 escapes, as Ansible', async () => {
    const fstab = join(dir, 'fstab');
    writeFileSync(fstab, ORIGINAL);
    const check = await mountModule.run(ctxOn(new RecordingConnection(), { check: true, diff: true }), { path: '/data', src: '/dev/sdb1', fstype: 'ext4', state: 'present', fstab });
    assert.equal(check.changed, true, 'missing dump/passno fields differ (Ansible reports changed too)');
    assert.equal(readFileSync(fstab, 'utf8'), ORIGINAL, 'check mode writes nothing');
    assert.equal(check.diff![0]!.after, '# comment\nUUID=abc / ext4 errors=remount-ro 0 1\n/dev/sdb1 /data ext4 defaults 0 0\n');
    await mountModule.run(ctxOn(new RecordingConnection()), { path: '/data', src: '/dev/sdb1', fstype: 'ext4', opts: 'noatime', state: 'present', fstab });
    const r = await mountModule.run(ctxOn(new RecordingConnection()), { path: '/my data', src: 'tmpfs', fstype: 'tmpfs', state: 'present', fstab });
    assert.deepEqual({ ...r, diff: undefined }, { changed: true, name: '/my data', src: 'tmpfs', fstype: 'tmpfs', opts: 'defaults', dump: '0', passno: '0', fstab, boot: 'yes', diff: undefined });
    assert.equal(readFileSync(fstab, 'utf8'), '# comment\nUUID=abc / ext4 errors=remount-ro 0 1\n/dev/sdb1 /data ext4 noatime 0 0\ntmpfs /my\\040data tmpfs defaults 0 0\n');
    const again = await mountModule.run(ctxOn(new RecordingConnection()), { path: '/my data', src: 'tmpfs', fstype: 'tmpfs', state: 'present', fstab });
    assert.equal(again.changed, false);
  });

  it('absent removes the entry (and only it); boot: false adds noauto', async () => {
    const fstab = join(dir, 'fstab2');
    const point = join(dir, 'point');
    writeFileSync(fstab, `tmpfs ${point} tmpfs size=1m 0 0\nproc /proc proc defaults 0 0\n`);
    const r = await mountModule.run(ctxOn(new RecordingConnection()), { path: point, state: 'absent', fstab });
    assert.equal(r.changed, true);
    assert.equal(readFileSync(fstab, 'utf8'), 'proc /proc proc defaults 0 0\n');
    assert.equal((await mountModule.run(ctxOn(new RecordingConnection()), { path: point, state: 'absent', fstab })).changed, false);
    await mountModule.run(ctxOn(new RecordingConnection()), { path: point, src: 'tmpfs', fstype: 'tmpfs', opts: 'size=1m', boot: false, state: 'present', fstab });
    assert.match(readFileSync(fstab, 'utf8'), /tmpfs \S+point tmpfs size=1m,noauto 0 0\n$/);
  });

  it('requires src and fstype for present and mounted', async () => {
    const r = await mountModule.run(fakeContext(new FakeConnection()), { path: '/x', state: 'mounted', src: 'tmpfs' });
    assert.equal(r.msg, 'state is mounted but all of the following are missing: fstype');
  });
});

describe('mount: mount(8) commands per state', () => {
  const mountpoint = (mounted: boolean) => ({ match: /^mountpoint -q/, reply: { rc: mounted ? 0 : 1 } });
  const acts = (conn: FakeConnection) => conn.commands.filter((c) => /^(mkdir|mount |umount|rmdir)/.test(c));

  it('mounted: creates the mount point and mounts by path from the fstab (-T for another file); remounts when the entry changed', async () => {
    const conn = new FakeConnection([mountpoint(false)]);
    const r = await mountModule.run(fakeContext(conn), { path: '/mnt/t', src: 'tmpfs', fstype: 'tmpfs', state: 'mounted', fstab: '/tmp/f' });
    assert.equal(r.changed, true);
    assert.deepEqual(acts(conn), ['mkdir -p -- /mnt/t', "mount -T /tmp/f /mnt/t"]);
    const changed = new FakeConnection([mountpoint(true)]);
    await mountModule.run(fakeContext(changed), { path: '/mnt/t', src: 'tmpfs', fstype: 'tmpfs', opts: 'size=2m', state: 'mounted' });
    assert.deepEqual(acts(changed), ['mount -o remount /mnt/t']);
  });

  it('mounted with the entry in place and mounted is ok; unmounted unmounts only when mounted; remounted always', async () => {
    const ok = new FakeConnection([mountpoint(true)]);
    ok.files.set('/etc/fstab', 'tmpfs /mnt/t tmpfs defaults 0 0\n');
    assert.equal((await mountModule.run(fakeContext(ok), { path: '/mnt/t', src: 'tmpfs', fstype: 'tmpfs', state: 'mounted' })).changed, false);
    const un = new FakeConnection([mountpoint(true)]);
    assert.equal((await mountModule.run(fakeContext(un), { path: '/mnt/t', state: 'unmounted' })).changed, true);
    assert.deepEqual(acts(un), ['umount /mnt/t']);
    const unNot = new FakeConnection([mountpoint(false)]);
    assert.equal((await mountModule.run(fakeContext(unNot), { path: '/mnt/t', state: 'unmounted' })).changed, false);
    const re = new FakeConnection([mountpoint(true)]);
    assert.equal((await mountModule.run(fakeContext(re, { check: true }), { path: '/mnt/t', state: 'remounted' })).changed, true);
    assert.deepEqual(acts(re), [], 'check mode runs nothing');
  });
});
