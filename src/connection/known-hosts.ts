// Our own known_hosts verification: ssh2 accepts any host key unless given a hostVerifier, and no
// npm package checks OpenSSH's known_hosts format. We compare raw key blobs (what ssh2 hands the
// verifier), so there is no key parsing beyond reading the blob's type string.
import { createHash, createHmac } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export type HostKeyChecking = 'strict' | 'accept-new' | 'off';

export interface KnownHostEntry {
  readonly file: string;
  /** 1-based line number, for "the old key is at FILE:LINE". */
  readonly line: number;
  readonly marker?: 'revoked' | 'cert-authority';
  /** Comma-separated host patterns as written (may include `!neg`, `*`, `?`, `[host]:port`). */
  readonly patterns: readonly string[];
  /** Set for `|1|salt|hash` entries instead of patterns. */
  readonly hashed?: { readonly salt: Buffer; readonly hash: Buffer };
  readonly keyType: string;
  readonly key: Buffer;
}

export function defaultKnownHostsFile(): string {
  return join(homedir(), '.ssh', 'known_hosts');
}

/** Parse known_hosts text. Malformed lines are skipped, as OpenSSH does. */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, index) => {
    const fields = raw.trim().split(/\s+/);
    if (fields.length === 0 || fields[0] === '' || fields[0]!.startsWith('#')) return;
    let marker: KnownHostEntry['marker'];
    if (fields[0]!.startsWith('@')) {
      const name = fields.shift()!.slice(1);
      if (name !== 'revoked' && name !== 'cert-authority') return;
      marker = name;
    }
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64) return;
    const key = Buffer.from(keyBase64, 'base64');
    // The blob names its own type: a mismatch means a garbled or non-key line.
    if (keyTypeOfBlob(key) !== keyType) return;
    const entry = { file, line: index + 1, marker, keyType, key };
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|');
      if (!salt || !hash) return;
      entries.push({ ...entry, patterns: [], hashed: { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') } });
    } else {
      entries.push({ ...entry, patterns: hosts.split(',').filter((p) => p !== '') });
    }
  });
  return entries;
}

/** The name known_hosts uses for a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostName(address: string, port: number): string {
  return port === 22 ? address : `[${address}]:${port}`;
}

const compiledPatterns = new Map<string, RegExp>();

/** OpenSSH-style wildcard match (`*` any run, `?` one character), case-insensitive like host names. */
export function wildcardMatch(pattern: string, text: string): boolean {
  // Compiled once per pattern: patterns come from known_hosts and ssh_config, a bounded set.
  let regex = compiledPatterns.get(pattern);
  if (!regex) {
    const source = pattern.toLowerCase().replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    regex = new RegExp(`^${source}$`);
    compiledPatterns.set(pattern, regex);
  }
  return regex.test(text.toLowerCase());
}

/** Does this entry name the host? Negated patterns veto a match, as in OpenSSH's match_hostname. */
export function entryMatchesHost(entry: KnownHostEntry, hostName: string): boolean {
  if (entry.hashed) {
    const digest = createHmac('sha1', entry.hashed.salt).update(hostName).digest();
    return digest.equals(entry.hashed.hash);
  }
  let matched = false;
  for (const pattern of entry.patterns) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), hostName)) return false;
    } else if (wildcardMatch(pattern, hostName)) {
      matched = true;
    }
  }
  return matched;
}

/** The key type is the first SSH string inside the blob (e.g. "ssh-ed25519"). */
export function keyTypeOfBlob(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** OpenSSH's fingerprint format: `SHA256:` + unpadded base64 of the blob's SHA-256. */
export function sshFingerprint(blob: Buffer): string {
  return 'SHA256:' + createHash('sha256').update(blob).digest('base64').replace(/=+$/, '');
}

export type HostKeyCheck =
  | { readonly status: 'match'; readonly entry: KnownHostEntry }
  | { readonly status: 'revoked'; readonly entry: KnownHostEntry }
  | { readonly status: 'changed'; readonly entry: KnownHostEntry }
  /** otherTypes: the host is known, but only with keys of other types. */
  | { readonly status: 'unknown'; readonly otherTypes: readonly string[] };

/** Compare a presented key blob with what the entries know about any of the host's names. */
export function checkHostKey(entries: readonly KnownHostEntry[], hostNames: readonly string[], blob: Buffer): HostKeyCheck {
  const keyType = keyTypeOfBlob(blob);
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && hostNames.some((name) => entryMatchesHost(e, name)));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(blob));
  if (revoked) return { status: 'revoked', entry: revoked };
  const plain = forHost.filter((e) => e.marker === undefined);
  const match = plain.find((e) => e.key.equals(blob));
  if (match) return { status: 'match', entry: match };
  const sameType = plain.find((e) => e.keyType === keyType);
  if (sameType) return { status: 'changed', entry: sameType };
  return { status: 'unknown', otherTypes: [...new Set(plain.map((e) => e.keyType))] };
}

/** Read every file that exists; a missing known_hosts file simply knows no hosts. */
export async function loadKnownHosts(files: readonly string[]): Promise<KnownHostEntry[]> {
  const all: KnownHostEntry[] = [];
  for (const file of files) {
    try {
      all.push(...parseKnownHosts(await readFile(file, 'utf8'), file));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return all;
}

export function formatKnownHostsLine(address: string, port: number, blob: Buffer): string {
  return `${knownHostName(address, port)} ${keyTypeOfBlob(blob)} ${blob.toString('base64')}\n`;
}

/** Append with O_APPEND (one small write, so concurrent hosts do not interleave lines). */
export async function appendKnownHost(file: string, address: string, port: number, blob: Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await appendFile(file, formatKnownHostsLine(address, port, blob), { mode: 0o600 });
}

/**
 * Host key algorithms to offer, known types first, so that a server with several keys shows us the
 * one we already know (OpenSSH orders its HostKeyAlgorithms from known_hosts the same way).
 */
export function preferredHostKeyAlgorithms(entries: readonly KnownHostEntry[], hostNames: readonly string[]): string[] {
  const defaults = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
  const known = new Set(entries.filter((e) => e.marker === undefined && hostNames.some((n) => entryMatchesHost(e, n))).map((e) => e.keyType));
  const isKnown = (algorithm: string) => known.has(algorithm) || (known.has('ssh-rsa') && algorithm.startsWith('rsa-sha2-'));
  return [...defaults.filter(isKnown), ...defaults.filter((a) => !isKnown(a))];
}

export interface HostKeyPolicy {
  readonly address: string;
  readonly port: number;
  readonly mode: HostKeyChecking;
  readonly files: readonly string[];
  readonly entries: readonly KnownHostEntry[];
}

/**
 * Decide about a presented key. Returns undefined when the key is accepted, or the one-line reason
 * for refusing. In accept-new mode an unknown key is recorded in the first known_hosts file.
 */
export async function verifyHostKey(policy: HostKeyPolicy, blob: Buffer): Promise<string | undefined> {
  if (policy.mode === 'off') return undefined;
  const name = knownHostName(policy.address, policy.port);
  const check = checkHostKey(policy.entries, [name], blob);
  // The usual answer, first and without hashing: the fingerprint is only for messages.
  if (check.status === 'match') return undefined;
  const fingerprint = sshFingerprint(blob);
  const firstFile = policy.files[0] ?? defaultKnownHostsFile();
  switch (check.status) {
    case 'revoked':
      return `host key ${fingerprint} is marked @revoked in ${check.entry.file}:${check.entry.line}`;
    case 'changed':
      return `host key mismatch for ${name}: the server presented ${keyTypeOfBlob(blob)} ${fingerprint}, ` +
        `but ${check.entry.file}:${check.entry.line} holds a different key (possible man-in-the-middle; ` +
        `if the host was reinstalled, remove that line: ssh-keygen -R '${name}' -f ${check.entry.file})`;
    case 'unknown': {
      if (policy.mode === 'accept-new' && check.otherTypes.length === 0) {
        await appendKnownHost(firstFile, policy.address, policy.port, blob);
        return undefined;
      }
      const others = check.otherTypes.length > 0 ? ` (known only with ${check.otherTypes.join(', ')} keys)` : '';
      return `unknown host key for ${name}${others}: ${keyTypeOfBlob(blob)} ${fingerprint}; to trust it run ` +
        `'ssh-keyscan -p ${policy.port} ${policy.address} >> ${firstFile}' after checking the fingerprint, ` +
        `or use --host-key-checking accept-new`;
    }
  }
}
