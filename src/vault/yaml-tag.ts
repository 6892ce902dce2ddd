// `!vault |` tagged scalars in YAML (what `ansible-vault encrypt_string` prints): decrypted while the
// document is composed, with the run's keyring (see withVault). A failure becomes a YAML error at the
// tag's line:col, so the loader reports it like any other parse error.
import type { ScalarTag } from 'yaml';
import { currentVault, VaultKeyring } from './keyring.js';

export const VAULT_TAG = '!vault';

export const vaultYamlTag: ScalarTag = {
  tag: VAULT_TAG,
  // Never chosen when stringifying plain values: only explicit tags resolve here.
  identify: () => false,
  resolve(text: string): string {
    return (currentVault() ?? new VaultKeyring([])).decrypt(text, 'this !vault value');
  },
};
