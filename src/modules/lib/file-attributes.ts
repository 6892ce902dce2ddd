// mode/owner/group arguments shared by every module that manages a file.
import type { FileState } from './remote-file.js';
import { applyMode, parseMode } from './mode.js';
import { ModuleFailure } from './target.js';

export interface FileAttributeArgs {
  mode?: string | number;
  owner?: string;
  group?: string;
}

/** JSON Schema properties for mode/owner/group (spread into a module's schema). */
export const fileAttributeProperties = {
  mode: {
    type: ['string', 'integer'],
    description: "Permissions: octal as a string ('0644') or a YAML 1.1 octal int (0644), or symbolic ('u=rw,g=r,o=r', 'u+x'). A bare int like 644 is decimal, as in Ansible (a warning says so).",
  },
  owner: { type: 'string', description: 'User name (or uid) that should own the file; changing it usually needs become.' },
  group: { type: 'string', description: 'Group name (or gid) that should own the file.' },
} as const;

export interface ResolvedAttributes {
  readonly mode?: number;
  readonly owner?: string;
  readonly group?: string;
  readonly warnings: string[];
}

/**
 * The numeric mode/owner/group wanted for a path, given what is there now. Symbolic modes apply to
 * the current mode (or `defaultMode` for a path about to be created: 0644 files, 0755 directories).
 */
export function resolveAttributes(args: FileAttributeArgs, state: FileState | undefined, isDir: boolean): ResolvedAttributes {
  const warnings: string[] = [];
  let mode: number | undefined;
  if (args.mode !== undefined && args.mode !== null) {
    let spec;
    try {
      spec = parseMode(args.mode);
    } catch (error) {
      throw new ModuleFailure((error as Error).message);
    }
    if (spec.kind === 'absolute' && spec.warning) warnings.push(spec.warning);
    const current = state?.exists && state.mode !== undefined ? state.mode : isDir ? 0o755 : 0o644;
    mode = applyMode(spec, current, isDir);
  }
  const owner = args.owner === undefined || args.owner === null ? undefined : String(args.owner);
  const group = args.group === undefined || args.group === null ? undefined : String(args.group);
  return { mode, owner, group, warnings };
}
