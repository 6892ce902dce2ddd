// Acceptance (issue #15, item 1): real hosts print template text that asks for a file and the
// environment of the controller; registered output, slurp, set_fact, include_vars of a fetched file
// and hostvars all write that text back to the host unevaluated, and a second run changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LabHost } from './support/lab.js';
import { E2E_ROOT, explain, fiveHosts, inventoryCopy, must, tsplay } from './engine-support.js';

const SECRET = 'controller-only-secret-5521';
const PAYLOAD = "{{ lookup('file', secret_file) }}{{ lookup('env', 'HOME') }}";

let hosts: LabHost[] = [];
let dir = '';

describe('engine: target output is data', { timeout: 180_000 }, () => {
  before(async () => {
    hosts = (await fiveHosts()).slice(0, 2);
    dir = mkdtempSync(join(tmpdir(), 'tsplay-e2e-target-data-'));
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    const text = Buffer.from(PAYLOAD).toString('base64');
    const yaml = Buffer.from(`hostile_value: ${JSON.stringify(PAYLOAD)}\n`).toString('base64');
    for (const h of hosts) {
      await must(h, `mkdir -p ${E2E_ROOT} && echo ${text} | base64 -d > ${E2E_ROOT}/hostile.txt && echo ${yaml} | base64 -d > ${E2E_ROOT}/hostile.yml`);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = () => tsplay('target-data.yml', inventoryCopy(hosts), ['--json', '-e', `secret_file=${join(dir, 'secret.txt')}`, '-e', `fetch_dest=${dir}/fetched`]);

  it('writes the literal text back through every path, and changes nothing the second time', async () => {
    const first = await run();
    assert.equal(first.rc, 0, explain(first));
    const expected = ['registered', 'author-var', 'set-fact', 'include-vars', 'hostvars'].map((k) => `${k}=${PAYLOAD}`).join('\n') + `\nsecret-check=${SECRET.length}\n`;
    for (const h of hosts) {
      const echoed = await must(h, `cat ${E2E_ROOT}/echo.txt`);
      assert.equal(echoed, expected);
      assert.ok(!echoed.includes(SECRET) && !echoed.includes('/root'), echoed);
    }
    assert.ok(!(first.stdout + first.stderr).includes(SECRET));
    const second = await run();
    assert.equal(second.rc, 0, explain(second));
    for (const h of hosts) assert.equal(second.json!.stats[h.name]!.changed, 0, explain(second));
  });
});
