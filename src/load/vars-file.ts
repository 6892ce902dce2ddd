// Variable files (vars_files, group_vars/, host_vars/, -e @file): one YAML or JSON mapping.
import { LoadError, type SourceLocation } from '../errors.js';
import type { Vars } from '../model.js';
import type { VaultKeyring } from '../vault/keyring.js';
import { isPlainObject } from './values.js';
import { readYamlFile } from './yaml-source.js';

/** Read a YAML or JSON file holding a mapping; an empty file is an empty mapping. */
export async function loadVarsFile(path: string, vault: VaultKeyring, from?: SourceLocation): Promise<Vars> {
  const src = await readYamlFile(path, vault, from, 'vars file');
  const value = src.toJS();
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) throw new LoadError('a vars file must hold a mapping of variable names to values', src.loc([]));
  return value;
}
