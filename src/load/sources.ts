// The run's Sources (src/sources.ts) on top of the loader: the same YAML reader, vault keyring,
// role search path and file rules as at load time, for the files a run reads after loading.
import { access } from 'node:fs/promises';
import type { SourceLocation } from '../errors.js';
import type { Role, Vars } from '../model.js';
import type { ModuleRegistry } from '../modules/registry.js';
import type { ControllerFileKind, FoundFile, IncludeOrigin, RuntimeRoleEntry, RuntimeTaskFile, Sources } from '../sources.js';
import { localFileCandidates } from '../util/local-search.js';
import { VaultKeyring } from '../vault/keyring.js';
import { createRuntimeTaskLoader, type RuntimeTaskLoader } from './runtime-include.js';
import { loadVarsFile } from './vars-file.js';

export interface SourcesOptions {
  readonly registry: ModuleRegistry;
  /** Directory of the top playbook: relative names fall back to it. */
  readonly playbookDir: string;
  /** --roles-path: where roles named in task files read at run time are looked for (as at load). */
  readonly rolesPath?: readonly string[];
  /** The run's vault passwords (none when absent). */
  readonly vault?: VaultKeyring;
}

export class LoaderSources implements Sources {
  /** Also what the CLI hands the load-time readers, so one keyring sees every secret of the run. */
  readonly vault: VaultKeyring;
  private readonly playbookDir: string;
  private readonly taskFiles: RuntimeTaskLoader;

  constructor(options: SourcesOptions) {
    this.vault = options.vault ?? new VaultKeyring([]);
    this.playbookDir = options.playbookDir;
    this.taskFiles = createRuntimeTaskLoader(options.playbookDir, options.registry, options.rolesPath ?? [], this.vault);
  }

  get revealed(): ReadonlySet<string> {
    return this.vault.revealed;
  }

  readVarsFile(path: string, from?: SourceLocation): Promise<Vars> {
    return loadVarsFile(path, this.vault, from);
  }

  loadTaskFile(name: string, from: IncludeOrigin): Promise<RuntimeTaskFile> {
    return this.taskFiles.load(name, from);
  }

  loadRole(name: string, from: IncludeOrigin, entry: RuntimeRoleEntry): Promise<Role> {
    return this.taskFiles.loadRole(name, from, entry);
  }

  async findFile(name: string, kind: ControllerFileKind, roleDir: string | undefined): Promise<FoundFile> {
    const found = localFileCandidates({ roleDir, playbookDir: this.playbookDir }, name, kind);
    if ('escapes' in found) return found;
    for (const path of found.candidates) {
      try {
        await access(path);
        return { path };
      } catch {
        // next candidate
      }
    }
    return { missing: found.candidates };
  }
}

export function createSources(options: SourcesOptions): LoaderSources {
  return new LoaderSources(options);
}
