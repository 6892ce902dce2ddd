// Acceptance: a host that cannot be reached at the start is reported unreachable=1 in the recap,
// the other hosts finish their tasks, and the run exits 4 (unreachable beats failed).
// h5 points at 10.250.0.99, an unused lab address (an inventory copy: the real h5 is untouched, and
// no link is taken down under other suites' feet).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { LabHost } from './support/lab.js';
import { E2E_ROOT, cleanHosts, explain, fiveHosts, inventoryCopy, must, parseRecap, tsplay } from './engine-support.js';

const BASE = `${E2E_ROOT}/unreachable`;
let hosts: LabHost[] = [];

describe('engine: unreachable host', { timeout: 180_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    await cleanHosts(hosts, 'unreachable');
  });

  it('h5 is unreachable=1, the others run their tasks, exit 4', async () => {
    const inventory = inventoryCopy(hosts, { hostVars: { h5: { ansible_host: '10.250.0.99' } } });
    const run = await tsplay('marker.yml', inventory, ['-e', `e2e_base=${BASE}`, '-T', '3']);
    assert.equal(run.rc, 4, explain(run));
    const recap = parseRecap(run.stdout);
    assert.equal(recap.h5?.unreachable, 1, explain(run));
    assert.equal(recap.h5?.ok, 0);
    assert.match(run.stdout, /fatal: \[h5\]: UNREACHABLE!/, explain(run));
    for (const h of hosts.slice(0, 4)) {
      const stats = recap[h.name]!;
      assert.deepEqual([stats.ok, stats.changed, stats.unreachable, stats.failed], [2, 2, 0, 0], `${h.name}: ${JSON.stringify(stats)}`);
      assert.equal(await must(h, `cat ${BASE}/marker`), `${h.name} was here\n`);
    }
    // The real h5 was never contacted.
    assert.equal((await must(hosts[4]!, `test -e ${BASE} && echo present || echo absent`)).trim(), 'absent');
  });
});
