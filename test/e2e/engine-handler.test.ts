// Acceptance: a handler restarts a real service only where its templated configuration changed.
// h1 and h3 get a new greeting through host vars in an inventory copy; the handler must run on h1
// and h3 only, once each, and the service's main PID must change there and nowhere else.
//
// Why python3's http.server under our own unit rather than haproxy from apt: it needs no package
// download (no proxy, no mirror, no dpkg lock shared with other suites installing packages on the
// same hosts at the same time), it cannot collide with the haproxy configuration other suites
// manage in /etc/haproxy, and python3 is already in the lab base. The same service also runs as an
// init script on a plain-mode lab (no systemd), so the test does not depend on the lab's mode.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { LabHost } from './support/lab.js';
import { E2E_ROOT, cleanHosts, explain, fiveHosts, inventoryCopy, must, tsplay } from './engine-support.js';

const SERVICE = 'tsplay-e2e-engine-web';
const STOP_AND_REMOVE = [
  `if [ -d /run/systemd/system ]; then systemctl stop ${SERVICE} 2>/dev/null; rm -f /etc/systemd/system/${SERVICE}.service; systemctl daemon-reload; fi`,
  `if [ -x /etc/init.d/${SERVICE} ]; then /etc/init.d/${SERVICE} stop >/dev/null 2>&1; fi`,
  `rm -f /etc/init.d/${SERVICE} /run/${SERVICE}.pid; true`,
].join('; ');
let hosts: LabHost[] = [];

/** The service's main PID and its greeting (read from the running process's environment). */
async function serviceState(host: LabHost): Promise<{ pid: number; greeting: string }> {
  const pid = Number((await must(host, `if [ -d /run/systemd/system ]; then systemctl show -p MainPID --value ${SERVICE}; else cat /run/${SERVICE}.pid; fi`)).trim());
  assert.ok(pid > 0, `${host.name}: ${SERVICE} is not running (MainPID ${pid})`);
  const environ = await must(host, `tr '\\0' '\\n' < /proc/${pid}/environ; ls -l /proc/${pid}/exe`);
  // The init script exports the env file's variables; the unit's EnvironmentFile does the same.
  const greeting = /^E2E_WEB_GREETING=(.*)$/m.exec(environ)?.[1] ?? '';
  assert.match(environ, /python3/, `${host.name}: PID ${pid} is not the python service`);
  return { pid, greeting };
}

describe('engine: handler restarts a real service only where its config changed', { timeout: 300_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    await cleanHosts(hosts, 'handler', STOP_AND_REMOVE);
  });

  it('restarts on h1 and h3 only, once each', async () => {
    const first = await tsplay('handler.yml', inventoryCopy(hosts), ['--json']);
    assert.equal(first.rc, 0, explain(first));
    const before = Object.fromEntries(await Promise.all(hosts.map(async (h) => [h.name, await serviceState(h)] as const)));
    for (const h of hosts) assert.equal(before[h.name]!.greeting, 'hello');

    const inventory = inventoryCopy(hosts, { hostVars: { h1: { e2e_web_greeting: 'bonjour' }, h3: { e2e_web_greeting: 'hola' } } });
    const run = await tsplay('handler.yml', inventory, ['--json']);
    assert.equal(run.rc, 0, explain(run));
    const doc = run.json!;
    const handlerRuns = doc.plays.flatMap((p) => p.tasks).filter((t) => t.task.handler && t.task.name === 'Restart web');
    assert.equal(handlerRuns.length, 1, `the handler ran in ${handlerRuns.length} flushes`);
    assert.deepEqual(Object.keys(handlerRuns[0]!.hosts).sort(), ['h1', 'h3']);
    for (const h of ['h1', 'h3']) assert.equal(handlerRuns[0]!.hosts[h]!.status, 'changed');
    assert.deepEqual(doc.drift.map((d) => `${d.host} ${d.task}`).sort(),
      ['h1 Restart web', 'h1 Service configuration (template)', 'h3 Restart web', 'h3 Service configuration (template)']);

    const after = Object.fromEntries(await Promise.all(hosts.map(async (h) => [h.name, await serviceState(h)] as const)));
    for (const h of ['h1', 'h3']) assert.notEqual(after[h]!.pid, before[h]!.pid, `${h}: the service was not restarted`);
    assert.equal(after.h1!.greeting, 'bonjour');
    assert.equal(after.h3!.greeting, 'hola');
    for (const h of ['h2', 'h4', 'h5']) {
      assert.equal(after[h]!.pid, before[h]!.pid, `${h}: the service was restarted although nothing changed there`);
      assert.equal(after[h]!.greeting, 'hello');
    }
  });
});
