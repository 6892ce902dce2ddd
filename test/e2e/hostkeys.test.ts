// Host keys against real lab hosts, with COPIES of the lab's known_hosts passed by --known-hosts:
// an unknown host is refused with its fingerprint and how to trust it (or trusted and recorded with
// --host-key-checking accept-new); a changed key is refused always, naming the known_hosts line;
// hashed (|1|...) entries and [host]:port entries are understood.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect, type Server } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { labInventoryYaml, runCli, writeTree } from './faults-support.js';
import { ensureLab, LAB_KNOWN_HOSTS, type LabHost } from './support/lab.js';

const SITE = '- hosts: all\n  gather_facts: false\n  tasks:\n    - name: reach it\n      command: hostname\n';
let host: LabHost;
let other: LabHost;
let dir = '';

function knownHostsCopy(name: string, transform: (lines: string[]) => string[]): string {
  const lines = readFileSync(LAB_KNOWN_HOSTS, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const path = join(dir, name);
  writeFileSync(path, transform(lines).join('\n') + '\n');
  return path;
}

function run(knownHosts: string, inventory = 'inventory.yml', extra: string[] = []) {
  return runCli(['run', join(dir, 'site.yml'), '-i', join(dir, inventory), '--plain', '--known-hosts', knownHosts, '--connect-retries', '0', ...extra]);
}

describe('host keys', { timeout: 300_000 }, () => {
  before(async () => {
    [host, other] = (await ensureLab(2)) as [LabHost, LabHost];
    dir = writeTree({ 'site.yml': SITE, 'inventory.yml': labInventoryYaml([host], {}, '') });
  });

  it('the plain lab known_hosts works (control)', async () => {
    const result = await run(knownHostsCopy('plain', (l) => l));
    assert.equal(result.rc, 0, result.stdout + result.stderr);
  });

  it('an unknown host is refused with its fingerprint and how to trust it', async () => {
    const file = knownHostsCopy('unknown', (lines) => lines.filter((l) => !l.startsWith(`${host.address} `)));
    const result = await run(file);
    const out = result.stdout + result.stderr;
    assert.equal(result.rc, 4, out);
    assert.match(out, new RegExp(`fatal: \\[${host.name}\\]: UNREACHABLE!`));
    assert.match(out, /SHA256:[A-Za-z0-9+/]{43}/, 'shows the fingerprint');
    assert.match(out, /accept-new|ssh-keyscan|known_hosts/, 'says how to trust it');
    assert.ok(!readFileSync(file, 'utf8').includes(host.address), 'strict mode records nothing');
  });

  it('--host-key-checking accept-new trusts an unknown host and records it', async () => {
    const file = knownHostsCopy('accept', (lines) => lines.filter((l) => !l.startsWith(`${host.address} `)));
    const result = await run(file, 'inventory.yml', ['--host-key-checking', 'accept-new']);
    assert.equal(result.rc, 0, result.stdout + result.stderr);
    assert.match(readFileSync(file, 'utf8'), new RegExp(`^${host.address.replace(/\./g, '\\.')} `, 'm'), 'the key was recorded');
    const again = await run(file);
    assert.equal(again.rc, 0, 'the recorded key is trusted from then on');
  });

  it('a changed key is refused, even with accept-new, naming the known_hosts line', async () => {
    // Give this host the keys of another host: what a man in the middle would present is "changed".
    let changedLine = 0;
    const file = knownHostsCopy('changed', (lines) => {
      const out = lines.filter((l) => !l.startsWith(`${host.address} `));
      const swapped = lines.filter((l) => l.startsWith(`${other.address} `)).map((l) => l.replace(other.address, host.address));
      changedLine = out.length + 1;
      return [...out, ...swapped];
    });
    for (const mode of ['strict', 'accept-new']) {
      const result = await run(file, 'inventory.yml', ['--host-key-checking', mode]);
      const out = result.stdout + result.stderr;
      assert.equal(result.rc, 4, out);
      assert.match(out, /changed|mismatch|does not match/i);
      assert.ok(out.includes(`${file}:${changedLine}`), `names ${file}:${changedLine}:\n${out}`);
    }
  });

  it('hashed known_hosts entries are understood', async () => {
    const file = knownHostsCopy('hashed', (l) => l);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(host.address) && text.includes('|1|'), 'the file is hashed');
    const result = await run(file);
    assert.equal(result.rc, 0, result.stdout + result.stderr);
  });

  describe('[host]:port entries', () => {
    let proxy: Server;
    let port = 0;
    before(async () => {
      // A TCP relay on 127.0.0.1:PORT to the host's sshd: the same host key behind a non-default port.
      proxy = createServer((client) => {
        const upstream = tcpConnect(22, host.address);
        client.pipe(upstream).pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
      });
      await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
      port = (proxy.address() as { port: number }).port;
      writeFileSync(join(dir, 'inventory-port.yml'), labInventoryYaml([{ name: host.name, address: '127.0.0.1' }], { ansible_port: String(port) }, ''));
    });
    after(() => proxy.close());

    it('a [127.0.0.1]:PORT entry is used for that port, and a plain 127.0.0.1 entry is not', async () => {
      const keys = readFileSync(LAB_KNOWN_HOSTS, 'utf8').split('\n').filter((l) => l.startsWith(`${host.address} `));
      const bracketed = join(dir, 'bracketed');
      writeFileSync(bracketed, keys.map((l) => l.replace(host.address, `[127.0.0.1]:${port}`)).join('\n') + '\n');
      const ok = await run(bracketed, 'inventory-port.yml');
      assert.equal(ok.rc, 0, ok.stdout + ok.stderr);
      const plain = join(dir, 'plain-127');
      writeFileSync(plain, keys.map((l) => l.replace(host.address, '127.0.0.1')).join('\n') + '\n');
      const refused = await run(plain, 'inventory-port.yml');
      assert.equal(refused.rc, 4, 'a port-22 entry does not vouch for another port');
    });
  });
});
