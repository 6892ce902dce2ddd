// Acceptance: wait_for_connection on a real host whose sshd is down when the play starts: the host
// is not marked unreachable, the task waits until sshd is back and the next task runs on it. With
// sshd staying down it fails after its timeout (a task failure, exit 2).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type LabHost, startSshd, stopSshd } from './support/lab.js';
import { explain, fiveHosts, inventoryCopy, taskResult, tsplay } from './engine-support.js';

let hosts: LabHost[] = [];

describe('engine: wait_for_connection', { timeout: 180_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
  });
  after(async () => {
    await startSshd(hosts[4]!).catch(() => undefined);
  });

  it('waits for sshd to come back, then the play goes on on that host', async () => {
    await stopSshd(hosts[4]!);
    const back = new Promise<void>((resolve, reject) => setTimeout(() => startSshd(hosts[4]!).then(resolve, reject), 4000));
    const run = await tsplay('wait-for-connection.yml', inventoryCopy(hosts), ['-l', 'h5', '--json']);
    await back;
    assert.equal(run.rc, 0, explain(run));
    assert.ok(Number(taskResult(run.json!, 'Wait for connection', 'h5')?.elapsed) >= 2, explain(run));
    assert.equal(String(taskResult(run.json!, 'Use it', 'h5')?.stdout).trim(), 'h5');
  });

  it('fails the task (exit 2, not unreachable) when the host never comes back in time', async () => {
    await stopSshd(hosts[4]!);
    try {
      const run = await tsplay('wait-for-connection-short.yml', inventoryCopy(hosts), ['-l', 'h5']);
      assert.equal(run.rc, 2, explain(run));
      assert.match(run.stdout, /timed out waiting for connection after \d+ s/);
    } finally {
      await startSshd(hosts[4]!);
    }
  });
});
