// Acceptance: a hand edit on one host is drift. --check --diff --detailed-exitcode exits 3 and names
// exactly that host and task with a diff showing the edit, without touching the file; a real run
// repairs it, after which --check --detailed-exitcode exits 0.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { LabHost } from './support/lab.js';
import { E2E_ROOT, cleanHosts, explain, fiveHosts, inventoryCopy, must, tsplay } from './engine-support.js';

const BASE = `${E2E_ROOT}/drift`;
const MOTD = `${BASE}/conf/motd.txt`;
const BASE_ARG = ['-e', `e2e_base=${BASE}`];
let hosts: LabHost[] = [];
let inventory = '';

describe('engine: drift under --check --diff', { timeout: 300_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    inventory = inventoryCopy(hosts);
    await cleanHosts(hosts, 'drift');
    const converge = await tsplay('converge.yml', inventory, BASE_ARG);
    assert.equal(converge.rc, 0, explain(converge));
  });

  it('reports exactly the hand edit on h2, changes nothing, and a real run repairs it', async () => {
    const h2 = hosts[1]!;
    await must(h2, `echo 'hand edit by an operator' >> ${MOTD} && touch -d '2001-02-03 04:05:06' ${MOTD}`);
    const fingerprint = () => must(h2, `sha256sum ${MOTD} && stat -c '%Y %a %U' ${MOTD}`);
    const before = await fingerprint();

    const check = await tsplay('converge.yml', inventory, [...BASE_ARG, '--check', '--diff', '--detailed-exitcode', '--json']);
    assert.equal(check.rc, 3, explain(check));
    const doc = check.json!;
    assert.equal(doc.check, true);
    assert.deepEqual(doc.drift.map((d) => ({ host: d.host, task: d.task })), [{ host: 'h2', task: 'Message of the day (copy)' }], JSON.stringify(doc.drift, null, 2));
    const unified = doc.drift[0]!.diff.map((d) => d.unified).join('\n');
    assert.match(unified, /^-hand edit by an operator$/m, unified);
    for (const [host, stats] of Object.entries(doc.stats)) assert.equal(stats.changed, host === 'h2' ? 1 : 0, `${host}: ${JSON.stringify(stats)}`);
    assert.equal(await fingerprint(), before, 'check mode must leave the drifted file byte-identical (content, mtime, mode)');

    // The plain output shows the diff too.
    const plain = await tsplay('converge.yml', inventory, [...BASE_ARG, '--check', '--diff', '--detailed-exitcode']);
    assert.equal(plain.rc, 3, explain(plain));
    assert.match(plain.stdout, /^-hand edit by an operator$/m, explain(plain));
    assert.match(plain.stdout, /changed: \[h2\]/);
    assert.equal(await fingerprint(), before);

    const fix = await tsplay('converge.yml', inventory, BASE_ARG);
    assert.equal(fix.rc, 0, explain(fix));
    assert.equal(await must(h2, `cat ${MOTD}`), 'managed by tsplay on h2\n');

    const clean = await tsplay('converge.yml', inventory, [...BASE_ARG, '--check', '--detailed-exitcode', '--json']);
    assert.equal(clean.rc, 0, explain(clean));
    assert.deepEqual(clean.json!.drift, []);
  });
});
