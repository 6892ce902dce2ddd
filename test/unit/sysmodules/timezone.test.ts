// timezone: reads the zone in one round trip, acts through timedatectl on systemd and through
// /etc/localtime, /etc/timezone and /etc/adjtime otherwise; check mode touches nothing; the diff is
// Ansible's {name, hwclock} dict diff.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRegistry } from '../../../src/modules/registry.js';
import { formatUnifiedDiff } from '../../../src/diff/unified.js';
import { timezoneModule } from '../../../src/modules/timezone.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

const state = (mode: string, tz: string, rtc = 'no', zoneOk = 'yes') => ({ match: /zone_ok/, reply: { stdout: `zone_ok=${zoneOk}\nmode=${mode}\ntz=${tz}\nrtc=${rtc}\n` } });
const writes = (conn: FakeConnection) => conn.commands.slice(1);

describe('timezone', () => {
  it('answers to community.general.timezone', () => {
    assert.equal(defaultRegistry.get('community.general.timezone')?.name, 'timezone');
  });

  it('sets the zone with timedatectl on systemd, and is ok when it already matches', async () => {
    const conn = new FakeConnection([state('systemd', 'Etc/UTC')]);
    const r = await timezoneModule.run(fakeContext(conn, { diff: true }), { name: 'Europe/Paris' });
    assert.equal(r.changed, true);
    assert.deepEqual(writes(conn), ["timedatectl set-timezone Europe/Paris"]);
    assert.equal(formatUnifiedDiff(r.diff![0]!), '--- before\n+++ after\n@@ -1,3 +1,3 @@\n {\n-    "name": "Etc/UTC"\n+    "name": "Europe/Paris"\n }\n');
    const same = new FakeConnection([state('systemd', 'Europe/Paris')]);
    assert.equal((await timezoneModule.run(fakeContext(same), { name: 'Europe/Paris' })).changed, false);
    assert.deepEqual(writes(same), []);
  });

  it('without systemd links /etc/localtime, writes /etc/timezone and the adjtime line', async () => {
    const conn = new FakeConnection([state('files', 'Etc/UTC', 'no')]);
    const r = await timezoneModule.run(fakeContext(conn), { name: 'America/New_York', hwclock: 'local' });
    assert.equal(r.changed, true);
    assert.match(writes(conn)[0]!, /^ln -sfn \/usr\/share\/zoneinfo\/America\/New_York \/etc\/localtime && printf '%s\\n' America\/New_York > \/etc\/timezone$/);
    assert.match(writes(conn)[1]!, /sed -i '3s\/\.\*\/LOCAL\/' \/etc\/adjtime/);
  });

  it('changes only the hwclock when the zone matches; check mode predicts without writing', async () => {
    const conn = new FakeConnection([state('systemd', 'Etc/UTC', 'yes')]);
    const r = await timezoneModule.run(fakeContext(conn, { check: true, diff: true }), { name: 'Etc/UTC', hwclock: 'UTC' });
    assert.equal(r.changed, true);
    assert.deepEqual(writes(conn), []);
    assert.equal(r.diff![0]!.before, '{\n    "name": "Etc/UTC",\n    "hwclock": "local"\n}\n');
    const real = new FakeConnection([state('systemd', 'Etc/UTC', 'yes')]);
    await timezoneModule.run(fakeContext(real), { name: 'Etc/UTC', rtc: 'UTC' });
    assert.deepEqual(writes(real), ['timedatectl set-local-rtc no']);
  });

  it('fails as Ansible on a zone the host lacks, and refuses a path-like name before running anything', async () => {
    const conn = new FakeConnection([state('systemd', 'Etc/UTC', 'no', 'no')]);
    assert.equal((await timezoneModule.run(fakeContext(conn), { name: 'Mars/Olympus' })).msg, 'given timezone "Mars/Olympus" is not available');
    const hostile = new FakeConnection();
    assert.equal((await timezoneModule.run(fakeContext(hostile), { name: '../../etc/shadow' })).failed, true);
    assert.equal(hostile.commands.length, 0);
  });
});
