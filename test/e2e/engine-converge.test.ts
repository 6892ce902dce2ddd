// Acceptance: a multi-play playbook (dirs, loop, copy, lineinfile, blockinfile, command+creates,
// set_fact + hostvars across hosts, a role template, a handler) converges 5 lab hosts, and a second
// run changes nothing. Parallelism is proven by start times recorded on the hosts, not by timing.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { LabHost } from './support/lab.js';
import { E2E_ROOT, cleanHosts, explain, fiveHosts, inventoryCopy, must, parseRecap, textOrEmpty, tsplay } from './engine-support.js';

const BASE = `${E2E_ROOT}/converge`;
let hosts: LabHost[] = [];
let inventory = '';

describe('engine: converge 5 hosts', { timeout: 300_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    inventory = inventoryCopy(hosts);
    await cleanHosts(hosts, 'converge');
  });

  it('first run converges every host (exit 0, changed>0), in parallel', async () => {
    const run = await tsplay('converge.yml', inventory);
    assert.equal(run.rc, 0, explain(run));
    const recap = parseRecap(run.stdout);
    assert.deepEqual(Object.keys(recap).sort(), hosts.map((h) => h.name).sort());
    for (const [host, stats] of Object.entries(recap)) {
      assert.ok(stats.changed > 0, `${host} changed nothing on the first run`);
      assert.equal(stats.failed + stats.unreachable, 0, `${host}: ${JSON.stringify(stats)}`);
    }
    // The handler ran exactly once per host.
    assert.equal((run.stdout.match(/RUNNING HANDLER \[e2e_app : Restart app\]/g) ?? []).length, 1, explain(run));

    const starts = await Promise.all(hosts.map(async (h) => Number((await must(h, `cat ${BASE}/data/started-at`)).trim())));
    for (const s of starts) assert.ok(Number.isFinite(s) && s > 0, `bad start time ${s}`);
    const spread = Math.max(...starts) - Math.min(...starts);
    assert.ok(spread < 0.8, `the 5 hosts started 'sleep 1' ${spread.toFixed(3)} s apart: tasks did not run in parallel`);

    // What the play wrote, checked on the hosts.
    for (const h of hosts) {
      const conf = await must(h, `cat ${BASE}/conf/app.conf ${BASE}/conf/settings.ini ${BASE}/conf/motd.txt ${BASE}/logs/handler.log; stat -c %a ${BASE}/conf ${BASE}/data/initialized`);
      assert.match(conf, new RegExp(`^self = token-${h.name}$`, 'm'));
      assert.equal((conf.match(/^peer = token-h\d$/gm) ?? []).length, 5, conf);
      assert.match(conf, /^mode=production$/m);
      assert.match(conf, new RegExp(`# BEGIN ANSIBLE MANAGED BLOCK\\n\\[cluster\\]\\nname=e2e\\nhost=${h.name}\\n# END ANSIBLE MANAGED BLOCK`));
      assert.match(conf, new RegExp(`^managed by tsplay on ${h.name}$`, 'm'));
      assert.equal((conf.match(/^restarted$/gm) ?? []).length, 1, `${h.name}: handler.log should have one line`);
      assert.match(conf, /^750$/m);
    }
    const workers = await Promise.all(hosts.map((h) => textOrEmpty(h, `cat ${BASE}/conf/workers.txt`)));
    assert.deepEqual(workers, ['token-h4,token-h5', 'token-h4,token-h5', 'token-h4,token-h5', '', ''], 'masters (only) list the workers\' tokens');
  });

  it('second run changes nothing (recap and --json stats)', async () => {
    const run = await tsplay('converge.yml', inventory);
    assert.equal(run.rc, 0, explain(run));
    console.log(`# second (no-op) run on ${hosts.length} hosts: ${run.seconds.toFixed(1)} s (information only)`);
    const recap = parseRecap(run.stdout);
    assert.equal(Object.keys(recap).length, hosts.length);
    for (const [host, stats] of Object.entries(recap)) {
      assert.equal(stats.changed, 0, `${host} changed on the second run:\n${run.stdout}`);
      assert.ok(stats.ok > 0);
    }
    assert.doesNotMatch(run.stdout, /RUNNING HANDLER/);

    const json = await tsplay('converge.yml', inventory, ['--json']);
    assert.equal(json.rc, 0, explain(json));
    assert.deepEqual(Object.keys(json.json!.stats).sort(), hosts.map((h) => h.name).sort());
    for (const [host, stats] of Object.entries(json.json!.stats)) assert.equal(stats.changed, 0, `${host}: ${JSON.stringify(stats)}`);
    assert.deepEqual(json.json!.drift, []);
    for (const h of hosts) assert.equal((await must(h, `cat ${BASE}/logs/handler.log`)).trim(), 'restarted', 'the handler must not run again');
  });
});

