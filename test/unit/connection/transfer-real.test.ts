// File transfers against real, throwaway sshds on 127.0.0.1 (root and /usr/sbin/sshd, as CI has):
// one with an SFTP subsystem, one without (the shell route). Big transfers run in a child process
// whose peak RSS (VmHWM) shows that no file is ever held whole.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SftpSession } from '../../../src/connection/sftp-session.js';
import { openSshConnection, SshConnection } from '../../../src/connection/ssh.js';
import { openSshClient } from '../../../src/connection/ssh-connect.js';
import { receiveCommand } from '../../../src/connection/transfer-commands.js';
import { uploadFile } from '../../../src/connection/transfer.js';
import type { ConnectionSpec } from '../../../src/connection/types.js';
import { copyModule } from '../../../src/modules/copy.js';
import { makeContext, runModule } from '../modules/support.js';
import { startSshd, type TestSshd } from './sshd-fixture.js';

const BIG_BYTES = 128 * 1024 * 1024;
/** A whole 128 MiB file in memory would add at least that much (twice the bound); streaming adds a few MiB. */
const MAX_PEAK_GROWTH_KIB = 64 * 1024;
const CHILD = join(import.meta.dirname, 'transfer-child.ts');

let withSftp: TestSshd;
let withoutSftp: TestSshd;
let work: string;
let bigFile: string;
let bigSha1: string;

function spec(sshd: TestSshd, overrides: Partial<ConnectionSpec> = {}): ConnectionSpec {
  const knownHosts = join(sshd.dir, 'known_hosts');
  writeFileSync(knownHosts, sshd.knownHostsLine);
  return {
    host: 'h1', kind: 'ssh', address: '127.0.0.1', port: sshd.port, user: 'root', privateKeyFiles: [sshd.clientKey],
    useAgent: false, knownHostsFiles: [knownHosts], hostKeyChecking: 'strict', connectTimeoutMs: 5000, ...overrides,
  };
}

async function sha1Of(path: string): Promise<string> {
  const hash = createHash('sha1');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const tempFilesIn = (dir: string) => readdirSync(dir).filter((name) => name.includes('.tsplay-tmp') || name.includes('.tsplay-stage'));

interface ChildReport { via: string; bytes: number; peakBeforeKiB: number; peakAfterKiB: number; sftpBytes: number }

/** Start a transfer in a child process; `report` settles with its JSON line, `started` once it is connected. */
function transferInChild(sshd: TestSshd, op: 'upload' | 'download', remote: string, local: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify({ spec: spec(sshd), op, remote, local })], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => { markStarted = resolve; });
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.includes('started\n')) markStarted();
  });
  child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
  const report = new Promise<ChildReport>((resolve, reject) => {
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code === 0 && line) resolve(JSON.parse(line) as ChildReport);
      else reject(new Error(`transfer child exited ${code}: ${err.trim()}`));
    });
  });
  return { child, started, report };
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('file transfers against a real sshd', { timeout: 300_000 }, () => {
  before(async () => {
    [withSftp, withoutSftp] = await Promise.all([startSshd('Subsystem sftp internal-sftp'), startSshd()]);
    work = await mkdtemp(join(tmpdir(), 'tsplay-transfer-'));
    bigFile = join(work, 'big.bin');
    execFileSync('/bin/sh', ['-c', `head -c ${BIG_BYTES} /dev/urandom > ${bigFile}`]);
    bigSha1 = await sha1Of(bigFile);
  });
  after(async () => {
    await Promise.all([withSftp?.stop(), withoutSftp?.stop()]);
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('uploads and downloads 128 MiB over SFTP with bounded controller memory, whole and verified', async (t) => {
    const remote = join(withSftp.dir, 'big.bin');
    const up = await transferInChild(withSftp, 'upload', remote, bigFile).report;
    assert.equal(up.via, 'sftp');
    assert.equal(up.bytes, BIG_BYTES);
    assert.equal(up.sftpBytes, BIG_BYTES + 'warm-up\n'.length);
    assert.equal(await sha1Of(remote), bigSha1);
    assert.equal(statSync(remote).mode & 0o7777, 0o644, 'a new file gets 0644, not the temp file\'s 0600');
    assert.ok(up.peakAfterKiB - up.peakBeforeKiB < MAX_PEAK_GROWTH_KIB, `peak RSS grew by ${up.peakAfterKiB - up.peakBeforeKiB} KiB`);
    t.diagnostic(`sftp upload: peak RSS ${up.peakBeforeKiB} -> ${up.peakAfterKiB} KiB`);
    const back = join(work, 'back.bin');
    const down = await transferInChild(withSftp, 'download', remote, back).report;
    assert.equal(down.via, 'sftp');
    assert.equal(await sha1Of(back), bigSha1);
    t.diagnostic(`${down.via} download: peak RSS ${down.peakBeforeKiB} -> ${down.peakAfterKiB} KiB`);
    assert.ok(down.peakAfterKiB - down.peakBeforeKiB < MAX_PEAK_GROWTH_KIB, `peak RSS grew by ${down.peakAfterKiB - down.peakBeforeKiB} KiB`);
    assert.deepEqual(tempFilesIn(withSftp.dir), []);
  });

  it('without an SFTP server streams through the shell, bounded and whole, both ways', async (t) => {
    const remote = join(withoutSftp.dir, 'big.bin');
    const up = await transferInChild(withoutSftp, 'upload', remote, bigFile).report;
    assert.equal(up.via, 'shell');
    assert.equal(up.bytes, BIG_BYTES);
    assert.equal(up.sftpBytes, 0);
    assert.equal(await sha1Of(remote), bigSha1);
    assert.ok(up.peakAfterKiB - up.peakBeforeKiB < MAX_PEAK_GROWTH_KIB, `peak RSS grew by ${up.peakAfterKiB - up.peakBeforeKiB} KiB`);
    t.diagnostic(`shell upload: peak RSS ${up.peakBeforeKiB} -> ${up.peakAfterKiB} KiB`);
    const back = join(work, 'back-shell.bin');
    const down = await transferInChild(withoutSftp, 'download', remote, back).report;
    assert.equal(down.via, 'shell');
    assert.equal(await sha1Of(back), bigSha1);
    t.diagnostic(`${down.via} download: peak RSS ${down.peakBeforeKiB} -> ${down.peakAfterKiB} KiB`);
    assert.ok(down.peakAfterKiB - down.peakBeforeKiB < MAX_PEAK_GROWTH_KIB, `peak RSS grew by ${down.peakAfterKiB - down.peakBeforeKiB} KiB`);
    assert.deepEqual(tempFilesIn(withoutSftp.dir), []);
  });

  for (const [route, signal] of [['sftp', 'SIGINT'], ['sftp', 'SIGKILL'], ['shell', 'SIGKILL']] as const) {
    it(`a controller killed (${signal}) mid-transfer over ${route} leaves the old destination and no temporary file`, async () => {
      const sshd = route === 'sftp' ? withSftp : withoutSftp;
      const dir = join(sshd.dir, `interrupted-${route}-${signal}`);
      execFileSync('mkdir', [dir]);
      const remote = join(dir, 'dest.bin');
      writeFileSync(remote, 'the old content\n');
      const transfer = transferInChild(sshd, 'upload', remote, bigFile);
      transfer.report.catch(() => undefined);
      await transfer.started;
      // Kill once the temporary file has grown: the transfer is under way.
      await waitFor('the temporary file to grow', () => tempFilesIn(dir).some((name) => statSync(join(dir, name)).size > 8 * 1024 * 1024));
      transfer.child.kill(signal);
      await waitFor('the temporary file to be removed', () => tempFilesIn(dir).length === 0);
      assert.equal(readFileSync(remote, 'utf8'), 'the old content\n');
    });
  }

  it('never renames content whose sha1 differs from the source\'s into place', async () => {
    const conn = await openSshConnection(spec(withSftp));
    try {
      const dest = join(withSftp.dir, 'guarded');
      writeFileSync(dest, 'old\n');
      const wrong = createHash('sha1').update('something else').digest('hex');
      const result = await conn.exec(receiveCommand(dest, wrong, {}, 'stdin'), { stdin: 'new\n' });
      assert.equal(result.rc, 1);
      assert.match(result.stderr, /does not match its sha1/);
      assert.equal(readFileSync(dest, 'utf8'), 'old\n');
      assert.deepEqual(tempFilesIn(withSftp.dir), []);
    } finally {
      await conn.close();
    }
  });

  it('under become as another user, streams through sudo and the file is that user\'s', async () => {
    const conn = await openSshConnection(spec(withSftp));
    try {
      // Outside the sshd's 0700 directory, which nobody could not enter.
      const parent = await mkdtemp(join(tmpdir(), 'tsplay-nobody-'));
      await chmod(parent, 0o755);
      const dir = join(parent, 'for-nobody');
      execFileSync('install', ['-d', '-o', 'nobody', '-m', '0755', dir]);
      const result = await conn.upload(join(dir, 'f'), { bytes: Buffer.from('by nobody\n') }, { become: { user: 'nobody' }, mode: 0o640 });
      assert.equal(result.via, 'shell');
      assert.equal(execFileSync('stat', ['-c', '%U %a', join(dir, 'f')], { encoding: 'utf8' }), 'nobody 640\n');
      assert.equal(readFileSync(join(dir, 'f'), 'utf8'), 'by nobody\n');
      assert.deepEqual(tempFilesIn(dir), []);
      await rm(parent, { recursive: true, force: true });
    } finally {
      await conn.close();
    }
  });

  it('under become root for another login user, stages the file in the login home and moves it in (Ansible\'s way)', async () => {
    const { client } = await openSshClient(spec(withSftp));
    const conn = new SshConnection(spec(withSftp), client);
    const sftp = new SftpSession(client);
    try {
      const dest = join(withSftp.dir, 'staged');
      // The route for a login user other than root: the real login is root, so the stage is /root's.
      const route = { exec: conn.exec.bind(conn), sftp, loginUser: 'deploy' };
      const source = join(work, 'staged-src.bin');
      await writeFile(source, Buffer.alloc(5 * 1024 * 1024 + 3, 1));
      // A password sudo does not ask for (root): the content must wait for the become line, then flow.
      const result = await uploadFile(route, dest, { localPath: source }, { become: { user: 'root', password: 'not-asked-for-pw' }, owner: 'nobody', mode: 0o600 });
      assert.equal(result.via, 'sftp');
      assert.equal(result.bytes, 5 * 1024 * 1024 + 3);
      assert.equal(await sha1Of(dest), await sha1Of(source));
      assert.equal(execFileSync('stat', ['-c', '%U %a', dest], { encoding: 'utf8' }), 'nobody 600\n');
      assert.deepEqual(tempFilesIn(await sftp.home()), [], 'the stage file is removed');
      assert.deepEqual(tempFilesIn(withSftp.dir), []);
    } finally {
      sftp.end();
      await conn.close();
    }
  });

  it('copy of an unchanged file sends no bytes on the second run', async () => {
    const conn = await openSshConnection(spec(withSftp));
    try {
      const src = join(work, 'copy-src.bin');
      await writeFile(src, Buffer.alloc(3 * 1024 * 1024, 7));
      const ctx = { ...makeContext({ playbookDir: work }), conn };
      const dest = join(withSftp.dir, 'copied.bin');
      assert.equal((await runModule(copyModule, ctx, { src, dest })).changed, true);
      const sent = conn.sftpBytesTransferred;
      assert.equal(sent, 3 * 1024 * 1024);
      assert.equal((await runModule(copyModule, ctx, { src, dest })).changed, false);
      assert.equal(conn.sftpBytesTransferred, sent, 'the second run transferred 0 bytes');
    } finally {
      await conn.close();
    }
  });
});
