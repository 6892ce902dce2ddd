// Inventory sources (-i): a file (INI, or YAML/JSON by extension, or an executable script run
// with --list), a directory of them, or a
// comma-separated host list 'h1,h2,'. group_vars/ and host_vars/ are read next to each source,
// then next to the playbook (which wins).
import { readFile, readdir } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { LoadError } from '../../errors.js';
import type { Inventory } from '../../model.js';
import { isDirectory, isFile } from '../task-files.js';
import { VaultKeyring } from '../../vault/keyring.js';
import { parseYaml } from '../yaml-source.js';
import { InventoryBuilder } from './builder.js';
import { parseIniInventory } from './ini.js';
import { expandHostEntry } from './ranges.js';
import { isInventoryScript, readInventoryScript } from './script.js';
import { readVarsDirs } from './vars-dirs.js';
import { parseYamlInventory } from './yaml-inventory.js';

export interface LoadInventoryOptions {
  /** group_vars/ and host_vars/ next to the playbook override those next to the inventory. */
  readonly playbookDir?: string;
  /** Vault passwords for encrypted vars files and `!vault` values (none when absent). */
  readonly vault?: VaultKeyring;
}

// Files Ansible skips in an inventory directory.
const IGNORED = /(?:~|\.orig|\.bak|\.retry|\.cfg|\.md|\.swp)$/;

async function readInventoryFile(file: string, into: InventoryBuilder, vault: VaultKeyring): Promise<void> {
  if (await isInventoryScript(file)) return readInventoryScript(file, into);
  const text = await readFile(file, 'utf8');
  into.sources.push(file);
  into.currentFile = file;
  try {
    if (['.yml', '.yaml', '.json'].includes(extname(file))) parseYamlInventory(parseYaml(text, file, vault), into);
    else parseIniInventory(text, file, into);
  } finally {
    into.currentFile = undefined;
  }
}

export async function loadInventory(sources: readonly string[], options: LoadInventoryOptions = {}): Promise<Inventory> {
  const vault = options.vault ?? new VaultKeyring([]);
  const into = new InventoryBuilder();
  const varsDirs: string[] = [];
  for (const source of sources) {
    const path = resolve(source);
    if (isDirectory(path)) {
      const entries = (await readdir(path)).filter((f) => !f.startsWith('.') && !IGNORED.test(f)).sort();
      for (const entry of entries) if (isFile(join(path, entry))) await readInventoryFile(join(path, entry), into, vault);
      varsDirs.push(path);
    } else if (isFile(path)) {
      await readInventoryFile(path, into, vault);
      varsDirs.push(dirname(path));
    } else if (source.includes(',')) {
      // 'h1,h2,' — an inline host list (Ansible's host_list plugin).
      const loc = { file: '-i', line: 1, col: 1 };
      for (const entry of source.split(',').map((s) => s.trim()).filter(Boolean)) {
        const { names, port } = expandHostEntry(entry, loc);
        for (const name of names) into.addHost(name, undefined, port !== undefined ? { ansible_port: port } : {});
      }
      into.sources.push(source);
    } else {
      throw new LoadError(`inventory source '${source}' not found (a host list needs a comma: '${source},')`);
    }
  }
  if (options.playbookDir) varsDirs.push(resolve(options.playbookDir));
  const dirs = [...new Set(varsDirs)];
  const probe = into.build(new Map(), new Map());
  const groupVars = await readVarsDirs(dirs, 'group_vars', probe.groups.keys(), vault);
  const hostVars = await readVarsDirs(dirs, 'host_vars', probe.hosts.keys(), vault);
  return into.build(groupVars, hostVars);
}
