// Acceptance: fetch copies files from five real hosts to the controller in Ansible's layout, a
// root-only one through sudo as deploy; the second run changes nothing; a change on one host is
// fetched from that host only.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEPLOY_SUDO_PASSWORD, DEPLOY_USER, type LabHost } from './support/lab.js';
import { explain, fiveHosts, inventoryCopy, must, tsplay } from './engine-support.js';

let hosts: LabHost[] = [];
let dest = '';

describe('engine: fetch', { timeout: 180_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    dest = mkdtempSync(join(tmpdir(), 'tsplay-e2e-fetch-'));
  });
  after(async () => {
    rmSync(dest, { recursive: true, force: true });
    await must(hosts[1]!, 'hostname > /etc/hostname');
  });

  const inventory = () => inventoryCopy(hosts, { vars: { ansible_user: DEPLOY_USER, ansible_become_password: DEPLOY_SUDO_PASSWORD } });
  const run = () => tsplay('fetch.yml', inventory(), ['--json', '-e', `fetch_dest=${dest}`]);

  it('fetches from every host, the root-only file through sudo, then changes nothing', async () => {
    const first = await run();
    assert.equal(first.rc, 0, explain(first));
    for (const h of hosts) {
      assert.equal(readFileSync(join(dest, h.name, 'etc/hostname'), 'utf8').trim(), (await must(h, 'cat /etc/hostname')).trim());
      assert.equal(readFileSync(join(dest, `shadow-${h.name}`), 'utf8'), await must(h, 'cat /etc/shadow'));
      assert.equal(first.json!.stats[h.name]!.changed, 2, explain(first));
    }
    const second = await run();
    assert.equal(second.rc, 0, explain(second));
    for (const h of hosts) assert.equal(second.json!.stats[h.name]!.changed, 0, explain(second));
  });

  it('after a change on one host, check mode predicts it and writes nothing; the run fetches it from that host only', async () => {
    const file = join(dest, 'h2', 'etc/hostname');
    const before = statSync(file).mtimeMs;
    await must(hosts[1]!, 'echo renamed-h2 > /etc/hostname');
    const check = await tsplay('fetch.yml', inventory(), ['--json', '--check', '-e', `fetch_dest=${dest}`]);
    assert.equal(check.rc, 0, explain(check));
    assert.equal(check.json!.stats.h2!.changed, 1, explain(check));
    assert.equal(statSync(file).mtimeMs, before, 'check mode wrote nothing');
    const real = await run();
    assert.equal(real.rc, 0, explain(real));
    assert.deepEqual(hosts.filter((h) => real.json!.stats[h.name]!.changed > 0).map((h) => h.name), ['h2'], explain(real));
    assert.equal(readFileSync(file, 'utf8'), 'renamed-h2\n');
  });
});
