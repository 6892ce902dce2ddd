// reboot against scripted connections: it waits for a new boot marker on a fresh connection,
// then for test_command; a host that never comes back fails the task after reboot_timeout.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rebootModule } from '../../../src/modules/reboot.js';
import { FakeConnection, fakeContext } from './fake-connection.js';

const markerOf = (boot: string) => ({ match: /boot_id/, reply: { stdout: `${boot}:4242` } });

test('reboot: detached reboot command, then a reconnect that sees a new boot, then test_command', async () => {
  const first = new FakeConnection([markerOf('boot-a')]);
  const again = new FakeConnection([markerOf('boot-b')]);
  let dials = 0;
  const ctx = { ...fakeContext(first), reconnect: async () => { dials++; if (dials < 2) throw new Error('refused'); return again; } };
  const r = await rebootModule.run(ctx, { test_command: 'systemctl is-system-running --wait' });
  assert.equal(r.failed, undefined, String(r.msg));
  assert.equal(r.rebooted, true);
  assert.match(first.commands[1]!, /^\(setsid sh -c '.*systemctl reboot; else reboot; fi' >\/dev\/null 2>&1 <\/dev\/null &\)$/);
  assert.deepEqual(again.commands.slice(-1), ['systemctl is-system-running --wait']);
  assert.equal(dials, 2, 'dialled until the host answered');
});

test('reboot: check mode does nothing; a host that keeps its boot marker fails after reboot_timeout', async () => {
  const check = new FakeConnection([markerOf('boot-a')]);
  const predicted = await rebootModule.run(fakeContext(check, { check: true }), {});
  assert.deepEqual([predicted.changed, predicted.rebooted, check.commands.length], [true, false, 0]);
  const stuck = new FakeConnection([markerOf('boot-a')]);
  const ctx = { ...fakeContext(stuck), reconnect: async () => stuck };
  const r = await rebootModule.run(ctx, { reboot_timeout: 1 });
  assert.equal(r.failed, true);
  assert.match(String(r.msg), /did not come back with a new boot within 1 s/);
});
