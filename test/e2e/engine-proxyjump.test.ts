// Acceptance: ProxyJump (one hop) against real sshd. h2 is made to refuse logins from the
// controller's address; a direct run is unreachable, a run through h1 (ProxyJump in
// ansible_ssh_common_args, the jump host checked against the same known_hosts) reaches h2 and h2
// sees the connection come from h1's address.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { LAB_BRIDGE_ADDRESS, type LabHost } from './support/lab.js';
import { SSHD_RELOAD, explain, fiveHosts, inHost, inventoryCopy, taskResult, tsplay } from './engine-support.js';

const DENY_FILE = '/etc/ssh/sshd_config.d/90-tsplay-e2e-jump.conf';
let hosts: LabHost[] = [];


describe('engine: ProxyJump through a lab host', { timeout: 120_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    // Not over ssh: the change locks the controller out of h2.
    await inHost(hosts[1]!, `printf 'Match Address ${LAB_BRIDGE_ADDRESS}\\n    DenyUsers *\\n' > ${DENY_FILE} && sshd -t && ${SSHD_RELOAD}`);
  });
  after(async () => {
    await inHost(hosts[1]!, `rm -f ${DENY_FILE} && ${SSHD_RELOAD}`);
  });

  it('h2 refuses the controller directly (the test can fail)', async () => {
    const run = await tsplay('jump.yml', inventoryCopy(hosts), ['-l', 'h2']);
    assert.equal(run.rc, 4, explain(run));
  });

  it('through h1 it is reached, and sees h1 as the client', async () => {
    const lab = inventoryCopy(hosts);
    const common = String((parse(readFileSync(lab, 'utf8')) as { all: { vars: Record<string, unknown> } }).all.vars['ansible_ssh_common_args']);
    const inventory = inventoryCopy(hosts, { hostVars: { h2: { ansible_ssh_common_args: `${common} -o ProxyJump=root@${hosts[0]!.address}` } } });
    const run = await tsplay('jump.yml', inventory, ['-l', 'h2', '--json']);
    assert.equal(run.rc, 0, explain(run));
    assert.equal(String(taskResult(run.json!, 'Client address', 'h2')?.stdout).trim(), hosts[0]!.address, explain(run));
  });
});
