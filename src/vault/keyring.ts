// The vault passwords of one run, and every value they revealed. The revealed set is what reporters
// mask: a vault-sourced value is replaced by ******** in all output even without no_log.
import { decryptVaultWith, isVaultText, parseEnvelope, VaultError } from './format.js';

export interface VaultSecret {
  /** Vault id label ('default' when none was given). */
  readonly id: string;
  readonly password: string;
}

export class VaultKeyring {
  private readonly secrets: VaultSecret[];
  /** Decrypted values (whole files and `!vault` scalars, plus their lines) seen during this run. */
  readonly revealed = new Set<string>();

  constructor(secrets: readonly VaultSecret[]) {
    this.secrets = [...secrets];
  }

  get size(): number {
    return this.secrets.length;
  }

  /** The password to encrypt with: the one of `id`, else the first. */
  encryptionSecret(id?: string): VaultSecret {
    const found = id === undefined ? this.secrets[0] : this.secrets.find((s) => s.id === id);
    if (!found) throw new VaultError(id === undefined ? 'no vault password given' : `no vault password given for vault id '${id}'`);
    return found;
  }

  /**
   * Decrypt vault text. Like Ansible, the password whose id matches a 1.2 header is tried first,
   * then every other one. `what` names the source in the error (a file, or file:line:col).
   */
  decrypt(text: string, what: string): string {
    if (this.secrets.length === 0) {
      throw new VaultError(`${what} is vault-encrypted but no vault password was given (use --vault-password-file FILE or --ask-vault-pass)`);
    }
    const envelope = parseEnvelope(text);
    const ordered = [...this.secrets].sort((a, b) => Number(b.id === envelope.vaultId) - Number(a.id === envelope.vaultId));
    for (const secret of ordered) {
      let plain: Buffer;
      try {
        plain = decryptVaultWith(envelope, secret.password);
      } catch (error) {
        if (error instanceof VaultError && error.message === 'HMAC mismatch') continue;
        throw error;
      }
      const value = plain.toString('utf8');
      this.remember(value);
      return value;
    }
    throw new VaultError(`decryption of ${what} failed: none of the vault passwords given fits${envelope.vaultId ? ` (vault id '${envelope.vaultId}')` : ''}`);
  }

  /** Record a revealed value and each of its lines (a vaulted vars file holds many secrets). */
  remember(value: string): void {
    const add = (text: string) => {
      // Very short strings (true, 1, a) would mask unrelated output everywhere and protect nothing.
      if (text.trim().length >= 4) this.revealed.add(text);
    };
    add(value);
    add(value.trim());
    for (const line of value.split('\n')) add(line.trim());
  }
}

/** Decrypt a whole vault-encrypted file's text if it is one; plain text passes through. */
export function decryptFileText(text: string, file: string, keyring: VaultKeyring): string {
  if (!isVaultText(text)) return text;
  return keyring.decrypt(text, file);
}
