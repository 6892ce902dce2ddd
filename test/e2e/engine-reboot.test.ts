// Acceptance: the reboot module on a real lab host (systemd-nspawn boots it again, as a server
// would): the play goes on after it with a fresh connection, PID 1 is a new one, the other host
// is not touched; check mode does not reboot.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { type LabHost } from './support/lab.js';
import { explain, fiveHosts, inventoryCopy, must, taskResult, tsplay } from './engine-support.js';

let hosts: LabHost[] = [];
const pid1Start = async (h: LabHost) => (await must(h, "cut -d' ' -f22 /proc/1/stat")).trim();

describe('engine: reboot', { timeout: 300_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
  });

  it('check mode reports a reboot and does not do it', async () => {
    const start = await pid1Start(hosts[3]!);
    const run = await tsplay('reboot.yml', inventoryCopy(hosts), ['-l', 'h4', '--check', '--json']);
    assert.equal(taskResult(run.json!, 'Reboot', 'h4')?.changed, true, explain(run));
    assert.equal(await pid1Start(hosts[3]!), start);
  });

  it('reboots h4, comes back on a new connection and goes on; h5 keeps running', async (t) => {
    if ((await must(hosts[3]!, 'test -d /run/systemd/system && echo yes || echo no')).trim() !== 'yes') {
      t.skip('plain-mode hosts have no init that reboots');
      return;
    }
    const untouched = await pid1Start(hosts[4]!);
    const run = await tsplay('reboot.yml', inventoryCopy(hosts), ['-l', 'h4', '--json'], { timeoutMs: 200_000 });
    assert.equal(run.rc, 0, explain(run));
    assert.equal(taskResult(run.json!, 'Reboot', 'h4')?.rebooted, true);
    assert.equal(taskResult(run.json!, 'Compare', 'h4')?.failed ?? false, false);
    assert.equal(await pid1Start(hosts[4]!), untouched);
  });
});
