// group_vars/ and host_vars/ next to an inventory or a playbook: NAME, NAME.yml, NAME.yaml,
// NAME.json, or a directory NAME/ whose files are merged in name order.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Vars } from '../../model.js';
import type { VaultKeyring } from '../../vault/keyring.js';
import { isDirectory, isFile } from '../task-files.js';
import { loadVarsFile } from '../vars-file.js';

const EXTENSIONS = ['', '.yml', '.yaml', '.json'];

async function varsFor(dir: string, name: string, vault: VaultKeyring): Promise<Vars | undefined> {
  let found = false;
  const merged: Vars = {};
  for (const ext of EXTENSIONS) {
    const file = join(dir, name + ext);
    if (isFile(file)) {
      Object.assign(merged, await loadVarsFile(file, vault));
      found = true;
    }
  }
  const sub = join(dir, name);
  if (isDirectory(sub)) {
    const entries = (await readdir(sub)).filter((f) => !f.startsWith('.') && EXTENSIONS.some((e) => e && f.endsWith(e))).sort();
    for (const entry of entries) if (isFile(join(sub, entry))) Object.assign(merged, await loadVarsFile(join(sub, entry), vault));
    found = true;
  }
  return found ? merged : undefined;
}

/** Variables of each name found in `baseDirs`/<kind>/, later directories winning. */
export async function readVarsDirs(baseDirs: readonly string[], kind: 'group_vars' | 'host_vars', names: Iterable<string>, vault: VaultKeyring): Promise<Map<string, Vars>> {
  const result = new Map<string, Vars>();
  const nameList = [...names];
  for (const base of baseDirs) {
    const dir = join(base, kind);
    if (!isDirectory(dir)) continue;
    for (const name of nameList) {
      const vars = await varsFor(dir, name, vault);
      if (vars) result.set(name, { ...(result.get(name) ?? {}), ...vars });
    }
  }
  return result;
}
