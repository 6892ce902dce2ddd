// Acceptance: the play keyword remote_user logs in to real sshd as that user; a host's own
// ansible_user beats it; the next play without the keyword logs in as before (its own connection).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEPLOY_USER, type LabHost } from './support/lab.js';
import { explain, fiveHosts, inventoryCopy, taskResult, tsplay } from './engine-support.js';

let hosts: LabHost[] = [];

describe('engine: remote_user play keyword', { timeout: 120_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
  });

  it('logs in as the keyword user unless the host says otherwise, and the next play as before', async () => {
    const inventory = inventoryCopy(hosts, { dropVars: ['ansible_user'], hostVars: { h2: { ansible_user: 'root' } } });
    // Without ansible_user, the login of a play with no keyword is -u's.
    const run = await tsplay('remote-user.yml', inventory, ['--json', '-u', 'root']);
    assert.equal(run.rc, 0, explain(run));
    const login = (task: string, host: string) => String(taskResult(run.json!, task, host)?.stdout).trim();
    for (const h of hosts) {
      assert.equal(login('Login user (keyword)', h.name), h.name === 'h2' ? 'root' : DEPLOY_USER, `${h.name}: ${explain(run)}`);
      assert.equal(login('Login user (no keyword)', h.name), 'root', h.name);
    }
  });
});
