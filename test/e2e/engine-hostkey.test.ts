// Acceptance: host keys are checked against known_hosts. A changed key (h3 presents h3's real key
// but the file holds another host's) is refused naming the file and line; nothing runs on h3 while
// the others run. An unknown host is refused with its SHA256 fingerprint and how to trust it; with
// --host-key-checking accept-new it is accepted and its key appended to the file.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { LAB_KNOWN_HOSTS, type LabHost } from './support/lab.js';
import { E2E_ROOT, cleanHosts, explain, fiveHosts, inventoryCopy, must, parseRecap, tempDir, tsplay } from './engine-support.js';

const BASE = `${E2E_ROOT}/hostkey`;
let hosts: LabHost[] = [];

function knownHostsCopy(edit: (lines: string[]) => string[]): string {
  const lines = readFileSync(LAB_KNOWN_HOSTS, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const path = join(tempDir('tsplay-e2e-engine-kh-'), 'known_hosts');
  writeFileSync(path, edit(lines).join('\n') + '\n');
  return path;
}

const hostOf = (line: string) => line.split(/\s+/)[0]!;

function inventoryWith(knownHosts: string, strict: boolean): string {
  const args = `-o UserKnownHostsFile=${knownHosts}${strict ? ' -o StrictHostKeyChecking=yes' : ''}`;
  return inventoryCopy(hosts, { vars: { ansible_ssh_common_args: args } });
}

async function markerOn(host: LabHost): Promise<boolean> {
  return (await must(host, `test -e ${BASE}/marker && echo yes || echo no`)).trim() === 'yes';
}

describe('engine: host key checking', { timeout: 240_000 }, () => {
  before(async () => {
    hosts = await fiveHosts();
    await cleanHosts(hosts, 'hostkey');
  });

  it('a changed key is refused naming known_hosts file:line; nothing runs on h3, the others run', async () => {
    const [h1, , h3] = [hosts[0]!, hosts[1]!, hosts[2]!];
    let h3Line = 0;
    const knownHosts = knownHostsCopy((lines) => {
      const h1Lines = lines.filter((l) => hostOf(l) === h1.address);
      return lines.map((line, i) => {
        if (hostOf(line) !== h3.address) return line;
        const type = line.split(/\s+/)[1];
        const other = h1Lines.find((l) => l.split(/\s+/)[1] === type);
        assert.ok(other, `no ${type} key for ${h1.address} in ${LAB_KNOWN_HOSTS}`);
        if (h3Line === 0) h3Line = i + 1;
        return other.replace(h1.address, h3.address);
      });
    });
    const run = await tsplay('marker.yml', inventoryWith(knownHosts, true), ['-e', `e2e_base=${BASE}`]);
    assert.equal(run.rc, 4, explain(run));
    const recap = parseRecap(run.stdout);
    assert.equal(recap.h3?.unreachable, 1, explain(run));
    const output = run.stdout + run.stderr;
    assert.match(output, /host key mismatch/i, explain(run));
    const h3Message = output.split('\n').filter((l) => l.includes('[h3]') || /mismatch/i.test(l)).join('\n');
    assert.ok(h3Message.includes(knownHosts), `the message names the known_hosts file:\n${h3Message}`);
    assert.match(h3Message, new RegExp(`${knownHosts.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+`), `the message names file:line:\n${h3Message}`);
    assert.equal(await markerOn(h3), false, 'no task may run on a host whose key changed');
    for (const h of hosts.filter((x) => x !== h3)) {
      assert.equal(recap[h.name]?.changed, 2, `${h.name}: ${JSON.stringify(recap[h.name])}`);
      assert.equal(await markerOn(h), true, `${h.name} ran its tasks`);
    }
  });

  it('an unknown host is refused with its SHA256 fingerprint; accept-new trusts and records it', async () => {
    const h3 = hosts[2]!;
    await cleanHosts(hosts, 'hostkey');
    const knownHosts = knownHostsCopy((lines) => lines.filter((l) => hostOf(l) !== h3.address));

    const refused = await tsplay('marker.yml', inventoryWith(knownHosts, true), ['-e', `e2e_base=${BASE}`, '-l', 'h3']);
    assert.equal(refused.rc, 4, explain(refused));
    const out = refused.stdout + refused.stderr;
    assert.match(out, /SHA256:[A-Za-z0-9+/]{43}/, explain(refused));
    assert.match(out, /accept-new|ssh-keyscan|known_hosts/i, 'the message says how to trust the host');
    assert.equal(await markerOn(h3), false);
    assert.ok(!readFileSync(knownHosts, 'utf8').includes(h3.address), 'strict checking must not write known_hosts');

    const accepted = await tsplay('marker.yml', inventoryWith(knownHosts, false), ['-e', `e2e_base=${BASE}`, '-l', 'h3', '--host-key-checking', 'accept-new']);
    assert.equal(accepted.rc, 0, explain(accepted));
    assert.equal(await markerOn(h3), true);
    const recorded = readFileSync(knownHosts, 'utf8').split('\n').filter((l) => l.includes(h3.address));
    assert.ok(recorded.length >= 1, 'accept-new appends the new key');
    const realKeys = readFileSync(LAB_KNOWN_HOSTS, 'utf8').split('\n').filter((l) => hostOf(l) === h3.address).map((l) => l.split(/\s+/).slice(1, 3).join(' '));
    for (const line of recorded) {
      const key = line.trim().split(/\s+/).slice(1, 3).join(' ');
      assert.ok(realKeys.includes(key), `recorded key is h3's real key: ${line}`);
    }

    // Now known: strict checking accepts it.
    const again = await tsplay('marker.yml', inventoryWith(knownHosts, true), ['-e', `e2e_base=${BASE}`, '-l', 'h3']);
    assert.equal(again.rc, 0, explain(again));
  });
});
