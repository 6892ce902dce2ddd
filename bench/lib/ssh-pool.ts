// One ssh2 connection per lab host, host keys checked against the lab's known_hosts (as both
// tools do), Nagle off. Used by the floor measurement and by the reset step.
import { readFileSync } from 'node:fs';
import { Client } from 'ssh2';
import { knownKeysFor, type LabAccess, type LabHost } from './lab-hosts.js';

export interface HostConnection {
  readonly host: LabHost;
  readonly client: Client;
}

export function connect(access: LabAccess, host: LabHost): Promise<HostConnection> {
  const privateKey = readFileSync(access.privateKeyFile);
  const known = knownKeysFor(readFileSync(access.knownHostsFile, 'utf8'), host.address);
  return new Promise((resolve, reject) => {
    const client = new Client();
    client.once('ready', () => resolve({ host, client }));
    client.once('error', (err) => reject(new Error(`${host.name} (${host.address}): ${err.message}`)));
    client.connect({
      host: host.address,
      username: access.user,
      privateKey,
      readyTimeout: 30_000,
      hostVerifier: (key: Buffer) => known.has(key.toString('base64')),
    });
    client.once('connect', () => (client as unknown as { _sock?: { setNoDelay?: (v: boolean) => void } })._sock?.setNoDelay?.(true));
  });
}

/** Run one command; resolves with its exit code (stdout/stderr drained and dropped). */
export function exec(conn: HostConnection, command: string): Promise<number> {
  return new Promise((resolve, reject) => {
    conn.client.exec(command, (err, stream) => {
      if (err) return reject(new Error(`${conn.host.name}: ${err.message}`));
      stream.on('data', () => {});
      stream.stderr.on('data', () => {});
      stream.on('close', (code: number | null) => resolve(code ?? -1));
    });
  });
}

/**
 * One `/bin/sh` on one exec channel, fed command lines over stdin; each line is followed by a
 * marker carrying its exit status. This is the floor of tsplay's persistent-shell transport: no
 * channel, no sshd fork per command, just a write and the reply.
 */
export interface ShellSession {
  run(command: string): Promise<number>;
  close(): void;
}

export function openShell(conn: HostConnection): Promise<ShellSession> {
  return new Promise((resolve, reject) => {
    conn.client.exec('/bin/sh', (err, stream) => {
      if (err) return reject(new Error(`${conn.host.name}: ${err.message}`));
      const marker = `__floor_${process.pid}_${Date.now()}__`;
      let buffered = '';
      let waiting: ((rc: number) => void) | undefined;
      stream.stderr.on('data', () => {});
      stream.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        const at = buffered.indexOf(`${marker} `);
        const end = at < 0 ? -1 : buffered.indexOf('\n', at);
        if (end < 0 || !waiting) return;
        const rc = Number(buffered.slice(at + marker.length + 1, end));
        buffered = buffered.slice(end + 1);
        const done = waiting;
        waiting = undefined;
        done(rc);
      });
      stream.once('close', () => waiting?.(-1));
      resolve({
        run: (command) => new Promise<number>((done) => {
          waiting = done;
          stream.write(`${command}\necho ${marker} $?\n`);
        }),
        close: () => stream.end('exit\n'),
      });
    });
  });
}
