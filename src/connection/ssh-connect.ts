// Opening an authenticated ssh2 Client for a ConnectionSpec, and turning every way that can fail
// into one UnreachableError line: "h1 (10.250.0.11:22): connection refused".
//
// We use the ssh2 Client directly rather than node-ssh's connect(): node-ssh takes one private key,
// gives no hook for our known_hosts verifier's refusal reason, and hides the socket we need for
// setNoDelay and for a ProxyJump stream. ssh2 lets us offer the agent and several key files in
// order (authHandler) and verify the host key ourselves (hostVerifier).
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import type { AnyAuthMethod, AuthMethod, Client, ConnectConfig } from 'ssh2';
import { preferredHostKeyAlgorithms, knownHostName, verifyHostKey } from './known-hosts.js';
import { loadKnownHostsIndex } from './known-hosts-index.js';
import { UnreachableError, type ConnectionSpec } from './types.js';

/** An UnreachableError that says whether trying again could help (never for host key or auth failures). */
export class SshConnectError extends UnreachableError {
  constructor(host: string, message: string, readonly transient: boolean, options?: { cause?: unknown }) {
    super(host, message, options);
    this.name = 'UnreachableError';
  }
}

export interface SshSecrets {
  /** Passphrase for encrypted private key files. */
  readonly privateKeyPassphrase?: string;
  /** Used for become when a task gives no password of its own (-K / ansible_become_password). */
  readonly becomePassword?: string;
}

export function describeTarget(spec: ConnectionSpec): string {
  return `${spec.host} (${spec.address}:${spec.port})`;
}

const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);

/** One short reason for a socket/protocol error, and whether it may go away on its own. */
function reasonFor(error: Error & { code?: string; level?: string }, spec: ConnectionSpec): { reason: string; transient: boolean } {
  switch (error.code) {
    case 'ECONNREFUSED': return { reason: 'connection refused', transient: true };
    case 'ETIMEDOUT': return { reason: 'connection timed out', transient: true };
    case 'ECONNRESET': return { reason: 'connection reset by peer', transient: true };
    case 'EHOSTUNREACH': return { reason: 'no route to host', transient: true };
    case 'ENETUNREACH': return { reason: 'network unreachable', transient: true };
    case 'ENOTFOUND': return { reason: `cannot resolve host name '${spec.address}'`, transient: false };
    case 'EAI_AGAIN': return { reason: `temporary failure resolving '${spec.address}'`, transient: true };
  }
  if (error.level === 'client-timeout') {
    return { reason: `timed out after ${Math.round(spec.connectTimeoutMs / 1000)} s waiting for the ssh handshake`, transient: true };
  }
  if (error.level === 'client-authentication') {
    return { reason: `authentication failed for ${spec.user ?? 'the default user'}`, transient: false };
  }
  return { reason: error.message.split('\n')[0] ?? 'unknown error', transient: TRANSIENT_CODES.has(error.code ?? '') };
}

async function readKeys(spec: ConnectionSpec): Promise<{ file: string; key: Buffer }[]> {
  const keys: { file: string; key: Buffer }[] = [];
  for (const file of spec.privateKeyFiles) {
    try {
      keys.push({ file, key: await readFile(file) });
    } catch (error) {
      throw new SshConnectError(spec.host, `${describeTarget(spec)}: cannot read private key ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, false);
    }
  }
  return keys;
}

/** Open a channel through an already connected jump host, to be used as the target's socket. */
function forwardThrough(jump: Client, spec: ConnectionSpec): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    jump.forwardOut('127.0.0.1', 0, spec.address, spec.port, (error, stream) => {
      if (error) reject(new SshConnectError(spec.host, `${describeTarget(spec)}: jump host could not reach it: ${error.message}`, true));
      else resolve(stream);
    });
  });
}

export interface OpenedClient {
  readonly client: Client;
  /** The jump host's client when connected through ProxyJump (closed together with ours). */
  readonly jump?: Client;
}

/** Connect and authenticate; rejects with SshConnectError (an UnreachableError) on any failure. */
export async function openSshClient(spec: ConnectionSpec, secrets: SshSecrets = {}): Promise<OpenedClient> {
  if (spec.kind !== 'ssh') throw new SshConnectError(spec.host, `${spec.host}: not an ssh connection`, false);
  const keys = await readKeys(spec);
  const user = spec.user ?? 'root';
  const agent = spec.useAgent ? process.env['SSH_AUTH_SOCK'] : undefined;
  const password = spec.password;
  const methods: AnyAuthMethod[] = [
    ...(agent ? [{ type: 'agent' as const, username: user, agent }] : []),
    ...keys.map(({ key }) => ({ type: 'publickey' as const, username: user, key, ...(secrets.privateKeyPassphrase !== undefined ? { passphrase: secrets.privateKeyPassphrase } : {}) })),
    // A password last, as OpenSSH does: the plain method, then the same answer to a keyboard-interactive prompt.
    ...(password !== undefined ? [
      { type: 'password' as const, username: user, password },
      { type: 'keyboard-interactive' as const, username: user, prompt: (_name: string, _instructions: string, _lang: string, prompts: unknown[], finish: (answers: string[]) => void) => finish(prompts.map(() => password)) },
    ] : []),
  ];
  if (methods.length === 0) {
    throw new SshConnectError(spec.host, `${describeTarget(spec)}: no private key, ssh agent or password to authenticate with (set ansible_ssh_private_key_file, --private-key or ansible_password)`, false);
  }

  let jump: Client | undefined;
  let sock: Duplex | undefined;
  if (spec.proxyJump) {
    jump = (await openSshClient(spec.proxyJump, { privateKeyPassphrase: secrets.privateKeyPassphrase })).client;
    try {
      sock = await forwardThrough(jump, spec);
    } catch (error) {
      jump.end();
      throw error;
    }
  }

  // ssh2 (with its crypto setup) is loaded on the first ssh connection, not at startup.
  // ssh2 is CommonJS: Node's loader adds named exports, the bundle (src/build/bundle.ts) only `default`.
  const ssh2 = await import('ssh2') as typeof import('ssh2') & { default?: typeof import('ssh2') };
  const { Client: SshClient } = ssh2.default ?? ssh2;
  const client = new SshClient();
  let hostKeyRefusal: string | undefined;
  const hostNames = [knownHostName(spec.address, spec.port)];
  // Only this host's entries: the checks below then cost the same whatever the size of known_hosts.
  const entries = spec.hostKeyChecking === 'off' ? [] : (await loadKnownHostsIndex(spec.knownHostsFiles)).forHosts(hostNames);
  const config: ConnectConfig = {
    host: spec.address,
    port: spec.port,
    username: user,
    sock,
    readyTimeout: spec.connectTimeoutMs,
    authHandler: methods as AuthMethod[],
    algorithms: { serverHostKey: preferredHostKeyAlgorithms(entries, hostNames) as never },
    // Detect a dead peer (link cut, host gone) within ~20 s instead of hanging on a command.
    keepaliveInterval: 5_000,
    keepaliveCountMax: 3,
    hostVerifier: (blob: Buffer, verify: (valid: boolean) => void) => {
      verifyHostKey({ address: spec.address, port: spec.port, mode: spec.hostKeyChecking, files: spec.knownHostsFiles, entries }, blob)
        .then((refusal) => {
          hostKeyRefusal = refusal;
          verify(refusal === undefined);
        }, (error: unknown) => {
          hostKeyRefusal = `could not record the host key: ${(error as Error).message}`;
          verify(false);
        });
    },
  };

  try {
    await new Promise<void>((resolve, reject) => {
      client.once('ready', resolve);
      // `on`, not `once`: a peer that resets makes ssh2 emit a second error ("Connection lost before
      // handshake") after the first; without a listener node turns it into a crash.
      client.on('error', reject);
      client.once('close', () => reject(Object.assign(new Error('connection closed during the ssh handshake'), { code: 'ECONNRESET' })));
      client.connect(config);
    });
  } catch (raw) {
    // The abandoned client may still report the socket's end: nothing is listening for it now.
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    client.end();
    jump?.end();
    if (hostKeyRefusal !== undefined) throw new SshConnectError(spec.host, `${describeTarget(spec)}: ${hostKeyRefusal}`, false);
    const { reason, transient } = reasonFor(raw as Error & { code?: string; level?: string }, spec);
    throw new SshConnectError(spec.host, `${describeTarget(spec)}: ${reason}`, transient, { cause: raw });
  }
  // Nagle's algorithm delays our small channel requests: ~92 ms -> ~1.4 ms per exec on loopback.
  client.setNoDelay(true);
  client.removeAllListeners('error');
  return { client, jump };
}
