// Against a real, throwaway sshd on 127.0.0.1 (needs root and /usr/sbin/sshd, as CI has).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { connect } from '../../../src/connection/index.js';
import { openSshConnection, type SshConnection } from '../../../src/connection/ssh.js';
import { CommandTimeoutError, UnreachableError, type ConnectionSpec } from '../../../src/connection/types.js';
import { freePort, keygen, startSshd, type TestSshd } from './sshd-fixture.js';

let sshd: TestSshd;
let conn: SshConnection;
let knownHosts: string;

function spec(overrides: Partial<ConnectionSpec> = {}): ConnectionSpec {
  return {
    host: 'h1', kind: 'ssh', address: '127.0.0.1', port: sshd.port, user: 'root', privateKeyFiles: [sshd.clientKey],
    useAgent: false, knownHostsFiles: [knownHosts], hostKeyChecking: 'strict', connectTimeoutMs: 5000, ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<UnreachableError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  assert.ok(error instanceof UnreachableError, `expected UnreachableError, got ${String(error)}`);
  return error;
}

describe('SshConnection against a real sshd', () => {
  before(async () => {
    sshd = await startSshd();
    knownHosts = join(sshd.dir, 'known_hosts');
    writeFileSync(knownHosts, sshd.knownHostsLine);
    conn = await openSshConnection(spec());
  });
  after(async () => {
    await conn?.close();
    await sshd?.stop();
  });

  it('runs a command and keeps output untrimmed, with the exit code', async () => {
    const result = await conn.exec("printf '  a\\n\\n'; printf ' err ' >&2; exit 3");
    assert.deepEqual(result, { rc: 3, stdout: '  a\n\n', stderr: ' err ' });
  });

  it('passes stdin, env and reports a signal as 128+n', async () => {
    assert.equal((await conn.exec('cat; echo "$GREETING"', { stdin: 'line\n', env: { GREETING: "it's $HOME" } })).stdout, "line\nit's $HOME\n");
    assert.equal((await conn.exec('kill -TERM $$', { ownChannel: true })).rc, 143);
    assert.equal((await conn.exec("exec /bin/sh -c 'kill -TERM $$'")).rc, 143);
  });

  it('runs commands in one persistent shell, each isolated in a subshell', async () => {
    const pid = (await conn.exec('echo $$')).stdout;
    assert.equal((await conn.exec('echo $$')).stdout, pid, 'the second command ran in the same shell');
    assert.notEqual((await conn.exec('echo $$', { ownChannel: true })).stdout, pid, 'ownChannel takes an exec channel');
    assert.equal((await conn.exec('cd /tmp; X=set; trap "echo trapped" EXIT; exit 7')).rc, 7);
    const after = await conn.exec('pwd; echo "${X-unset}"');
    assert.notEqual(after.stdout.split('\n')[0], '/tmp');
    assert.equal(after.stdout.split('\n')[1], 'unset');
    // stdin is /dev/null: a command reading it cannot swallow the commands queued after it
    assert.deepEqual(await conn.exec('cat; echo done'), { rc: 0, stdout: 'done\n', stderr: '' });
    const broken = await conn.exec('if then fi (');
    assert.equal(broken.rc, 2);
    assert.match(broken.stderr, /syntax error/i);
    assert.equal((await conn.exec('echo $$')).stdout, pid, 'a syntax error does not end the shell');
    const big = await conn.exec("head -c 3000000 /dev/zero | tr '\\0' x; printf tail; printf err >&2");
    assert.equal(big.stdout.length, 3_000_004);
    assert.ok(big.stdout.endsWith('xtail'));
    assert.equal(big.stderr, 'err');
  });

  it('does not run the command when cd fails', async () => {
    const marker = join(sshd.dir, 'should-not-exist');
    const result = await conn.exec(`touch ${marker}`, { cwd: '/no/such/dir' });
    assert.notEqual(result.rc, 0);
    assert.equal((await conn.exec(`test -e ${marker}`)).rc, 1);
    assert.equal((await conn.exec('pwd', { cwd: '/tmp' })).stdout, '/tmp\n');
  });

  it('queues commands beyond the channel limit instead of failing (sshd MaxSessions 10)', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => conn.exec(`sleep 0.1; echo ${i}`)));
    assert.deepEqual(results.map((r) => r.stdout), Array.from({ length: 25 }, (_, i) => `${i}\n`));
  });

  it('puts a file atomically with a mode and gets binary content back', async () => {
    const path = join(sshd.dir, 'put-target');
    const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    await conn.put(path, bytes, { mode: 0o600 });
    assert.deepEqual(readFileSync(path), bytes);
    assert.equal((await conn.exec(`stat -c %a ${path}`)).stdout, '600\n');
    assert.deepEqual(await conn.get(path), bytes);
    assert.equal((await conn.exec(`ls -a ${sshd.dir} | grep -c tsplay-tmp`)).stdout, '0\n');
    await assert.rejects(conn.get(join(sshd.dir, 'missing')), /could not read/);
  });

  it('times out a command, and the connection stays usable', async () => {
    const started = Date.now();
    await assert.rejects(conn.exec('sleep 5', { timeoutMs: 300 }), CommandTimeoutError);
    await assert.rejects(conn.exec('sleep 5', { timeoutMs: 300, ownChannel: true }), CommandTimeoutError);
    assert.ok(Date.now() - started < 2000);
    assert.equal((await conn.exec('echo still here')).stdout, 'still here\n');
  });

  it('becomes another user (root needs no password)', async () => {
    const result = await conn.exec('id -un; cat', { become: { user: 'nobody' }, stdin: 'in' });
    assert.deepEqual(result, { rc: 0, stdout: 'nobody\nin', stderr: '' });
    // Without stdin, become commands run in a shell started once under sudo for that user.
    const first = await conn.exec('id -un; echo $$', { become: { user: 'nobody' } });
    const second = await conn.exec('id -un; echo $$', { become: { user: 'nobody' } });
    assert.equal(first.stdout.split('\n')[0], 'nobody');
    assert.equal(second.stdout, first.stdout, 'the same become shell served both');
    assert.notEqual((await conn.exec('echo $$')).stdout, first.stdout.split('\n')[1] + '\n');
    assert.equal((await conn.exec('id -un', { become: { user: 'daemon' } })).stdout, 'daemon\n');
    // A user sudo cannot become: the shell does not start, the command falls back and fails as before.
    const refused = await conn.exec('true', { become: { user: 'no-such-user-tsplay' } });
    assert.notEqual(refused.rc, 0);
    assert.match(refused.stderr, /unknown user|no-such-user-tsplay/);
  });

  it('finishes when a become password is set but sudo does not ask (root), and the command never reads it', async () => {
    const become = { user: 'nobody', password: 'not-asked-for-pw' };
    assert.deepEqual(await conn.exec('cat', { become, stdin: 'in\n', timeoutMs: 10_000 }), { rc: 0, stdout: 'in\n', stderr: '' });
    assert.deepEqual(await conn.exec('cat; echo end', { become, ownChannel: true, timeoutMs: 10_000 }), { rc: 0, stdout: 'end\n', stderr: '' });
  });

  it('refuses a changed host key, naming the known_hosts line', async () => {
    const other = join(sshd.dir, 'other_key');
    keygen(other);
    const file = join(sshd.dir, 'known_hosts_changed');
    const pub = readFileSync(other + '.pub', 'utf8').split(' ');
    writeFileSync(file, `# comment\n[127.0.0.1]:${sshd.port} ${pub[0]} ${pub[1]}\n`);
    const error = await refusal(openSshConnection(spec({ knownHostsFiles: [file] })));
    assert.match(error.message, /^h1 \(127\.0\.0\.1:\d+\): host key mismatch/);
    assert.ok(error.message.includes(`${file}:2`), error.message);
    // accept-new must not paper over a changed key either
    await refusal(openSshConnection(spec({ knownHostsFiles: [file], hostKeyChecking: 'accept-new' })));
  });

  it('refuses an unknown host with its fingerprint, and accept-new records it', async () => {
    const file = join(sshd.dir, 'known_hosts_new');
    const fingerprint = execFileSync('ssh-keygen', ['-lf', join(sshd.dir, 'host_ed25519.pub')], { encoding: 'utf8' }).split(' ')[1]!;
    const error = await refusal(openSshConnection(spec({ knownHostsFiles: [file] })));
    assert.ok(error.message.includes(fingerprint), error.message);
    assert.ok(error.message.includes(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${file}`), error.message);
    const accepted = await openSshConnection(spec({ knownHostsFiles: [file], hostKeyChecking: 'accept-new' }));
    await accepted.close();
    assert.equal(readFileSync(file, 'utf8'), sshd.knownHostsLine);
    const strict = await openSshConnection(spec({ knownHostsFiles: [file] }));
    await strict.close();
  });

  it('reports an authentication failure without retrying', async () => {
    const wrongKey = join(sshd.dir, 'wrong_key');
    keygen(wrongKey);
    const started = Date.now();
    const error = await refusal(connect(spec({ privateKeyFiles: [wrongKey] }), { retryDelaysMs: [2000] }));
    assert.match(error.message, /authentication failed for root$/);
    assert.ok(Date.now() - started < 2000, 'an auth failure must not be retried');
  });

  it('reports connection refused after retrying', async () => {
    const port = await freePort();
    const started = Date.now();
    const error = await refusal(connect(spec({ port }), { retryDelaysMs: [100, 100] }));
    assert.equal(error.message, `h1 (127.0.0.1:${port}): connection refused`);
    assert.ok(Date.now() - started >= 200, 'a refused connection is retried');
  });

  it('turns a connection dropped mid-command into UnreachableError', async () => {
    const victim = await openSshConnection(spec());
    // $PPID of our /bin/sh is the sshd session process: killing it drops the connection.
    const error = await refusal(victim.exec('kill -9 $PPID; sleep 5'));
    assert.match(error.message, /connection lost/);
    await refusal(victim.exec('true'));
    await victim.close();
  });

  it('runs 200 sequential trivial commands quickly (Nagle off)', async () => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < 200; i++) await conn.exec('true');
    const msPerExec = Number(process.hrtime.bigint() - started) / 1e6 / 200;
    console.log(`# 200 sequential execs: ${msPerExec.toFixed(2)} ms/exec`);
    assert.ok(msPerExec < 40, `${msPerExec} ms per exec`);
  });
});
