// `!vault |` tagged scalars in YAML (what `ansible-vault encrypt_string` prints): decrypted while the
// document is composed, with the keyring the reader was given. A failure becomes a YAML error at the
// tag's line:col, so the loader reports it like any other parse error.
import type { ScalarTag } from 'yaml';
import type { VaultKeyring } from './keyring.js';

export const VAULT_TAG = '!vault';

export function vaultYamlTag(keyring: VaultKeyring): ScalarTag {
  return {
    tag: VAULT_TAG,
    // Never chosen when stringifying plain values: only explicit tags resolve here.
    identify: () => false,
    resolve: (text: string): string => keyring.decrypt(text, 'this !vault value'),
  };
}
