// Acceptance: async/poll and async_status over SSH as deploy through sudo: the polled job's output
// is root's, a poll-0 job outlives a meta: reset_connection and is read back by async_status, a job
// outliving its async time fails with Ansible's message.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEPLOY_SUDO_PASSWORD, DEPLOY_USER, type LabHost } from './support/lab.js';
import { explain, fiveHosts, inventoryCopy, taskResult, tsplay } from './engine-support.js';

let hosts: LabHost[] = [];

describe('engine: async jobs', { timeout: 180_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
  });

  it('polls, fires and reads back jobs on every host as root', async () => {
    const inventory = inventoryCopy(hosts, { vars: { ansible_user: DEPLOY_USER, ansible_become_password: DEPLOY_SUDO_PASSWORD } });
    const run = await tsplay('async.yml', inventory, ['--json']);
    assert.equal(run.rc, 0, explain(run));
    for (const h of hosts) {
      const polled = taskResult(run.json!, 'Polled job', h.name)!;
      assert.deepEqual([polled.rc, polled.stdout, polled.stderr, polled.finished], [0, '0', 'err', 1], explain(run));
      assert.equal(taskResult(run.json!, 'Started job', h.name)?.finished, 0);
      const job = taskResult(run.json!, 'Wait for the job', h.name)!;
      assert.deepEqual([job.finished, job.stdout], [1, 'finished-0'], explain(run));
      assert.match(String(taskResult(run.json!, 'Remove the job', h.name)?.erased), /\.tsplay_async\/j\d+\.\d+$/);
      assert.equal(taskResult(run.json!, 'Too slow', h.name)?.msg, 'async task did not complete within the requested time - 2s');
    }
  });
});
