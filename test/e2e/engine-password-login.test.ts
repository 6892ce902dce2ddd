// Acceptance: SSH password login (ansible_password) against real sshd. h3 accepts passwords for
// deploy only (a Match block set through host-exec, removed after); with no key offered, the right
// password logs in as deploy, a wrong one is unreachable (exit 4) with an authentication error,
// and neither password is ever printed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEPLOY_SUDO_PASSWORD, DEPLOY_USER, type LabHost } from './support/lab.js';
import { SSHD_RELOAD, explain, fiveHosts, inHost, inventoryCopy, taskResult, tsplay } from './engine-support.js';

const ALLOW_FILE = '/etc/ssh/sshd_config.d/05-tsplay-e2e-password.conf';
const WRONG = 'Wr0ng-login-Pa55-e2e';
let hosts: LabHost[] = [];



describe('engine: SSH password login', { timeout: 120_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    await inHost(hosts[2]!, `printf 'Match User ${DEPLOY_USER}\\n    PasswordAuthentication yes\\n' > ${ALLOW_FILE} && sshd -t && ${SSHD_RELOAD}`);
  });
  after(async () => {
    await inHost(hosts[2]!, `rm -f ${ALLOW_FILE} && ${SSHD_RELOAD}`);
  });

  // No lab key: the password is the only way in (HOME points where no default key exists).
  const inventory = (password: string) => inventoryCopy(hosts, {
    dropVars: ['ansible_ssh_private_key_file', 'ansible_user'],
    vars: { ansible_user: DEPLOY_USER, ansible_password: password },
  });

  it('logs in with the right password, as deploy, and never prints it', async () => {
    const run = await tsplay('remote-user.yml', inventory(DEPLOY_SUDO_PASSWORD), ['-l', 'h3', '--json'], { env: { HOME: '/nonexistent', SSH_AUTH_SOCK: '' } });
    assert.equal(run.rc, 0, explain(run));
    assert.equal(String(taskResult(run.json!, 'Login user (no keyword)', 'h3')?.stdout).trim(), DEPLOY_USER);
    assert.ok(!(run.stdout + run.stderr).includes(DEPLOY_SUDO_PASSWORD));
  });

  it('a wrong password is an authentication failure (exit 4), not printed either', async () => {
    const run = await tsplay('remote-user.yml', inventory(WRONG), ['-l', 'h3'], { env: { HOME: '/nonexistent', SSH_AUTH_SOCK: '' } });
    assert.equal(run.rc, 4, explain(run));
    assert.match(run.stdout + run.stderr, /authentication failed for deploy/);
    assert.ok(!(run.stdout + run.stderr).includes(WRONG));
  });
});
