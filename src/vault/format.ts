// Ansible Vault's file format (1.1 and 1.2), byte for byte, so files made by `ansible-vault` open here
// and ours open there:
//   $ANSIBLE_VAULT;1.1;AES256            (1.2 adds ";<vault id>")
//   hex( hex(salt) \n hex(hmac) \n hex(ciphertext) ), wrapped at 80 columns, newline at the end.
// Key material: PBKDF2-SHA256(password, salt, 10000 iterations) -> 80 bytes = 32 AES key,
// 32 HMAC key, 16 IV. Cipher: AES-256-CTR over PKCS7-padded plaintext; HMAC-SHA256 over the ciphertext.
import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const VAULT_HEADER = '$ANSIBLE_VAULT';
const ITERATIONS = 10_000;
const SALT_BYTES = 32;
const BLOCK_BYTES = 16;
const WRAP_COLUMNS = 80;

/** A vault text could not be opened: malformed, or no password fits. The message never holds a secret. */
export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

export interface VaultEnvelope {
  readonly version: '1.1' | '1.2';
  readonly cipher: string;
  /** Only in 1.2 headers. */
  readonly vaultId?: string;
  /** The hex body with line breaks removed. */
  readonly body: string;
}

/** True when `text` (a file or a `!vault` scalar) starts with the vault header. */
export function isVaultText(text: string | Buffer): boolean {
  const head = typeof text === 'string' ? text.trimStart().slice(0, VAULT_HEADER.length) : text.subarray(0, 64).toString('utf8').trimStart().slice(0, VAULT_HEADER.length);
  return head === VAULT_HEADER;
}

export function parseEnvelope(text: string): VaultEnvelope {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0]!.trim().split(';');
  if (header[0] !== VAULT_HEADER) throw new VaultError('not a vault text: it does not start with $ANSIBLE_VAULT');
  const version = header[1];
  if (version !== '1.1' && version !== '1.2') throw new VaultError(`unsupported vault format version '${version ?? ''}' (1.1 and 1.2 are supported)`);
  const cipher = header[2] ?? '';
  if (cipher !== 'AES256') throw new VaultError(`unsupported vault cipher '${cipher}' (only AES256 is supported)`);
  const vaultId = version === '1.2' ? header[3] : undefined;
  const body = lines.slice(1).map((l) => l.trim()).join('');
  if (body === '' || !/^[0-9a-fA-F]+$/.test(body) || body.length % 2 !== 0) throw new VaultError('malformed vault body: expected hexadecimal text');
  return { version, cipher, vaultId, body };
}

interface KeyMaterial {
  readonly key: Buffer;
  readonly hmacKey: Buffer;
  readonly iv: Buffer;
}

function deriveKeys(password: string | Buffer, salt: Buffer): KeyMaterial {
  const derived = pbkdf2Sync(password, salt, ITERATIONS, 32 + 32 + BLOCK_BYTES, 'sha256');
  return { key: derived.subarray(0, 32), hmacKey: derived.subarray(32, 64), iv: derived.subarray(64, 80) };
}

function pkcs7Pad(data: Buffer): Buffer {
  const padding = BLOCK_BYTES - (data.length % BLOCK_BYTES);
  return Buffer.concat([data, Buffer.alloc(padding, padding)]);
}

function pkcs7Unpad(data: Buffer): Buffer {
  const padding = data[data.length - 1];
  if (padding === undefined || padding < 1 || padding > BLOCK_BYTES || padding > data.length) throw new VaultError('vault decryption produced invalid padding');
  for (let i = data.length - padding; i < data.length; i++) if (data[i] !== padding) throw new VaultError('vault decryption produced invalid padding');
  return data.subarray(0, data.length - padding);
}

function wrap(hex: string): string[] {
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += WRAP_COLUMNS) lines.push(hex.slice(i, i + WRAP_COLUMNS));
  return lines;
}

export interface EncryptOptions {
  /** Writes a 1.2 header with this id (Ansible uses 1.1 for no id or 'default'). */
  readonly vaultId?: string;
  /** Fixed salt, for tests only: a real encryption always takes a fresh random one. */
  readonly salt?: Buffer;
}

/** Encrypt bytes into vault text (header, 80-column hex body, final newline), as ansible-vault writes it. */
export function encryptVault(plaintext: string | Buffer, password: string | Buffer, options: EncryptOptions = {}): string {
  const salt = options.salt ?? randomBytes(SALT_BYTES);
  const { key, hmacKey, iv } = deriveKeys(password, salt);
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(pkcs7Pad(data)), cipher.final()]);
  const hmac = createHmac('sha256', hmacKey).update(ciphertext).digest('hex');
  const inner = `${salt.toString('hex')}\n${hmac}\n${ciphertext.toString('hex')}`;
  const body = Buffer.from(inner, 'ascii').toString('hex');
  const id = options.vaultId !== undefined && options.vaultId !== 'default' ? options.vaultId : undefined;
  const header = id === undefined ? `${VAULT_HEADER};1.1;AES256` : `${VAULT_HEADER};1.2;AES256;${id}`;
  return [header, ...wrap(body), ''].join('\n');
}

/** Decrypt with one password; throws VaultError when the HMAC does not match (wrong password or tampering). */
export function decryptVaultWith(envelope: VaultEnvelope, password: string | Buffer): Buffer {
  const inner = Buffer.from(envelope.body, 'hex').toString('ascii').split('\n');
  if (inner.length !== 3 || inner.some((part) => !/^[0-9a-fA-F]*$/.test(part) || part.length % 2 !== 0)) {
    throw new VaultError('malformed vault body: expected salt, hmac and ciphertext');
  }
  const [saltHex, hmacHex, cipherHex] = inner as [string, string, string];
  const salt = Buffer.from(saltHex, 'hex');
  const ciphertext = Buffer.from(cipherHex, 'hex');
  const expected = Buffer.from(hmacHex, 'hex');
  const { key, hmacKey, iv } = deriveKeys(password, salt);
  const actual = createHmac('sha256', hmacKey).update(ciphertext).digest();
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) throw new VaultError('HMAC mismatch');
  const decipher = createDecipheriv('aes-256-ctr', key, iv);
  return pkcs7Unpad(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
}
