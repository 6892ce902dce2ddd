// A throwaway sshd on 127.0.0.1 for the connection tests: temp host keys, a temp client key in
// authorized_keys for root, no PAM, no pid file. Killed by stop().
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestSshd {
  readonly dir: string;
  readonly port: number;
  readonly clientKey: string;
  /** known_hosts text for 127.0.0.1 on this port (both host keys). */
  readonly knownHostsLine: string;
  readonly hostKeyPub: Buffer;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function waitForPort(port: number, deadline: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = tcpConnect(port, '127.0.0.1');
      socket.once('data', () => { socket.destroy(); resolve(); }); // the SSH banner
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error('sshd did not start'));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export function keygen(file: string, type = 'ed25519'): void {
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file], { stdio: 'ignore' });
}

export async function startSshd(extraConfig = ''): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-sshd-'));
  mkdirSync('/run/sshd', { recursive: true });
  keygen(join(dir, 'host_ed25519'));
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')));
  const port = await freePort();
  writeFileSync(join(dir, 'sshd_config'), [
    `ListenAddress 127.0.0.1`, `Port ${port}`, `HostKey ${join(dir, 'host_ed25519')}`, `PidFile none`, `UsePAM no`,
    `StrictModes no`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, `PermitRootLogin prohibit-password`,
    `PasswordAuthentication no`, `KbdInteractiveAuthentication no`, `UseDNS no`, `MaxSessions 10`, `LogLevel ${process.env['TSPLAY_SSHD_LOGLEVEL'] ?? 'ERROR'}`, extraConfig, '',
  ].join('\n'));
  // This machine's /root/.bashrc runs `pyenv init` (~120 ms per command, since bash sources it
  // for sshd sessions): hide it inside a private mount namespace so the timings measure us.
  writeFileSync(join(dir, 'empty-bashrc'), '');
  const hideBashrc = existsSync('/root/.bashrc') ? `mount --bind ${join(dir, 'empty-bashrc')} /root/.bashrc 2>/dev/null; ` : '';
  const child: ChildProcess = spawn('unshare', ['--mount', '--propagation', 'private', '/bin/sh', '-c',
    `${hideBashrc}exec /usr/sbin/sshd -D -e -f ${join(dir, 'sshd_config')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (b: Buffer) => { log += b.toString(); if (process.env['TSPLAY_SSHD_LOGLEVEL']) process.stderr.write(b); });
  try {
    await waitForPort(port, Date.now() + 5000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}: ${log}`);
  }
  const pub = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').trim().split(/\s+/);
  return {
    dir,
    port,
    clientKey: join(dir, 'client_key'),
    knownHostsLine: `[127.0.0.1]:${port} ${pub[0]} ${pub[1]}\n`,
    hostKeyPub: Buffer.from(pub[1]!, 'base64'),
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { rmSync(dir, { recursive: true, force: true }); resolve(); return; }
      child.once('exit', () => { rmSync(dir, { recursive: true, force: true }); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}
