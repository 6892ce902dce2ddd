// Acceptance: become with sudo as the non-root 'deploy' user (password sudo). The right password
// gives uid 0; a wrong one fails the task with a clear sudo error that never shows the password;
// -K without a terminal is refused with exit 5.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { DEPLOY_SUDO_PASSWORD, DEPLOY_USER, type LabHost } from './support/lab.js';
import { explain, fiveHosts, inventoryCopy, must, parseRecap, taskResult, tsplay } from './engine-support.js';

const WRONG_PASSWORD = 'Wr0ng-e2e-S3cret-7f3a';
let hosts: LabHost[] = [];

const deployInventory = (password: string) =>
  inventoryCopy(hosts, { vars: { ansible_user: DEPLOY_USER, ansible_become_password: password } });

describe('engine: become as deploy', { timeout: 180_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
  });

  it('with the right password `id -u` is 0 on every host', async () => {
    const run = await tsplay('become.yml', deployInventory(DEPLOY_SUDO_PASSWORD), ['-b', '--json']);
    assert.equal(run.rc, 0, explain(run));
    for (const h of hosts) assert.equal(String(taskResult(run.json!, 'Who am I', h.name)?.stdout).trim(), '0', `${h.name}: ${JSON.stringify(taskResult(run.json!, 'Who am I', h.name))}`);
    assert.ok(!run.stdout.includes(DEPLOY_SUDO_PASSWORD) && !run.stderr.includes(DEPLOY_SUDO_PASSWORD), 'the password never appears');
  });

  it('without -b the same user is not root (the test can fail)', async () => {
    const run = await tsplay('become.yml', deployInventory(DEPLOY_SUDO_PASSWORD), ['--json', '-l', 'h1']);
    assert.equal(run.rc, 0, explain(run));
    assert.notEqual(String(taskResult(run.json!, 'Who am I', 'h1')?.stdout).trim(), '0');
  });

  it('a wrong password fails with a clear sudo error and is never printed', async () => {
    const run = await tsplay('become.yml', deployInventory(WRONG_PASSWORD), ['-b', '-l', 'h1,h2']);
    assert.equal(run.rc, 2, explain(run));
    const recap = parseRecap(run.stdout);
    assert.equal(recap.h1?.failed, 1, explain(run));
    assert.equal(recap.h2?.failed, 1);
    const output = run.stdout + run.stderr;
    assert.match(output, /fatal: \[h1\]: FAILED!.*(sudo|password)/i, explain(run));
    assert.match(output, /incorrect|wrong|password/i);
    assert.ok(!output.includes(WRONG_PASSWORD), 'the wrong password must never appear in output');
    const json = await tsplay('become.yml', deployInventory(WRONG_PASSWORD), ['-b', '-l', 'h1', '--json']);
    assert.ok(!(json.stdout + json.stderr).includes(WRONG_PASSWORD), 'nor in --json output');
    assert.equal(json.json!.stats.h1?.failures, 1);
  });

  it('script runs a controller script on every host, as deploy and through sudo as root', async () => {
    const run = await tsplay('script.yml', deployInventory(DEPLOY_SUDO_PASSWORD), ['--json']);
    assert.equal(run.rc, 0, explain(run));
    for (const h of hosts) {
      assert.equal(String(taskResult(run.json!, 'Report', h.name)?.stdout), `host=${h.name} user=${DEPLOY_USER} args=first second arg`, explain(run));
      assert.equal(String(taskResult(run.json!, 'Report as root', h.name)?.stdout), `host=${h.name} user=root args=via-sudo`);
    }
  });

  it('file modules under become work on root-only paths, and a second run changes nothing', async () => {
    const two = hosts.slice(0, 2).map((h) => h.name).join(',');
    for (const h of hosts.slice(0, 2)) await must(h, 'rm -rf /root/tsplay-become-e2e');
    const first = await tsplay('become-files.yml', deployInventory(DEPLOY_SUDO_PASSWORD), ['-b', '--json', '-l', two]);
    assert.equal(first.rc, 0, explain(first));
    assert.ok(first.json!.stats.h1!.changed >= 3, explain(first));
    assert.equal(await must(hosts[0]!, "stat -c '%U %a' /root/tsplay-become-e2e /root/tsplay-become-e2e/f && cat /root/tsplay-become-e2e/f /root/tsplay-become-e2e/g"), 'root 700\nroot 644\nx\ny\n');
    const second = await tsplay('become-files.yml', deployInventory(DEPLOY_SUDO_PASSWORD), ['-b', '--json', '-l', two]);
    assert.equal(second.rc, 0, explain(second));
    for (const h of hosts.slice(0, 2)) assert.equal(second.json!.stats[h.name]!.changed, 0, explain(second));
    const wrong = await tsplay('become-files.yml', deployInventory(WRONG_PASSWORD), ['-b', '-l', 'h1']);
    assert.equal(wrong.rc, 2, explain(wrong));
    assert.match(wrong.stdout, /fatal: \[h1\]: FAILED!.*(sudo|password)/i, explain(wrong));
    assert.ok(!(wrong.stdout + wrong.stderr).includes(WRONG_PASSWORD));
  });

  it('-K without a terminal exits 5 with a clear message', async () => {
    const run = await tsplay('become.yml', inventoryCopy(hosts, { vars: { ansible_user: DEPLOY_USER } }), ['-b', '-K', '-l', 'h1'], { input: `${DEPLOY_SUDO_PASSWORD}\n` });
    assert.equal(run.rc, 5, explain(run));
    assert.match(run.stderr, /terminal|tty/i, explain(run));
    assert.doesNotMatch(run.stdout, /PLAY RECAP/, 'nothing ran');
  });
});
