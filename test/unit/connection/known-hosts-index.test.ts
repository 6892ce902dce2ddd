// The known_hosts index (src/connection/known-hosts-index.ts): the same entries as a full scan,
// in file order, and one parse per run while the file is unchanged (a new one after it changes).
import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { entryMatchesHost, parseKnownHosts } from '../../../src/connection/known-hosts.js';
import { indexKnownHosts, loadKnownHostsIndex } from '../../../src/connection/known-hosts-index.js';

const dir = mkdtempSync(join(tmpdir(), 'tsplay-khi-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// A syntactically valid ed25519 blob (type string + 32 bytes): the index never looks inside keys.
function blob(seed: number): string {
  const type = Buffer.from('ssh-ed25519');
  const key = Buffer.alloc(32, seed);
  return Buffer.concat([Buffer.from([0, 0, 0, type.length]), type, Buffer.from([0, 0, 0, 32]), key]).toString('base64');
}

function hashed(name: string): string {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
}

const TEXT = [
  `10.0.0.1,H1 ssh-ed25519 ${blob(1)}`,
  `*.lab,!bad.lab ssh-ed25519 ${blob(2)}`,
  `[10.0.0.2]:2222 ssh-ed25519 ${blob(3)}`,
  `${hashed('10.0.0.1')} ssh-ed25519 ${blob(4)}`,
  `@revoked 10.0.0.? ssh-ed25519 ${blob(5)}`,
  `10.0.0.1 ssh-ed25519 ${blob(6)}`,
  `h1.lab ssh-ed25519 ${blob(7)}`,
].join('\n');

describe('known_hosts index', () => {
  it('finds exactly what a full scan finds, in file order', () => {
    const entries = parseKnownHosts(TEXT, 'kh');
    const index = indexKnownHosts(entries);
    for (const names of [['10.0.0.1'], ['h1'], ['H1.LAB'], ['bad.lab'], ['[10.0.0.2]:2222'], ['10.0.0.2'], ['10.0.0.9'], ['nobody'], ['h1', '10.0.0.1']]) {
      const scan = entries.filter((e) => names.some((n) => entryMatchesHost(e, n)));
      assert.deepEqual(index.forHosts(names).map((e) => e.line), scan.map((e) => e.line), names.join(','));
    }
    // Plain, hashed, wildcard-revoked and a second plain line all name 10.0.0.1.
    assert.deepEqual(index.forHosts(['10.0.0.1']).map((e) => e.line), [1, 4, 5, 6]);
  });

  it('parses a file once per run while it is unchanged, and again after it changes', async () => {
    const file = join(dir, 'known_hosts');
    writeFileSync(file, `${TEXT}\n`);
    const first = await Promise.all(Array.from({ length: 20 }, () => loadKnownHostsIndex([file])));
    assert.ok(first.every((index) => index === first[0]), 'concurrent connections share one parse');
    assert.equal(await loadKnownHostsIndex([file]), first[0]);
    // What accept-new does: append a line. The next connection must see it.
    appendFileSync(file, `10.0.0.3 ssh-ed25519 ${blob(8)}\n`);
    const after = await loadKnownHostsIndex([file]);
    assert.notEqual(after, first[0]);
    assert.deepEqual(after.forHosts(['10.0.0.3']).map((e) => e.line), [5, 8]); // the revoked 10.0.0.? line, then the new one
  });

  it('a missing file knows no hosts, and a file that appears later is read', async () => {
    const file = join(dir, 'later');
    assert.deepEqual((await loadKnownHostsIndex([file])).forHosts(['10.0.0.1']), []);
    writeFileSync(file, `${TEXT}\n`);
    assert.equal((await loadKnownHostsIndex([file])).forHosts(['10.0.0.1']).length, 4);
  });
});
