// mode/owner/group arguments shared by every module that manages a file, and applying them.
import type { ModuleContext } from '../types.js';
import type { PropertiesArgs } from './define-module.js';
import { ensureFile, readFileState, sameOwner, setAttributes, type DesiredFile, type EnsureFileResult, type FileState } from './remote-file.js';
import { applyMode, parseMode } from './mode.js';
import { ModuleFailure, type FileContent } from './target.js';

/** JSON Schema properties for mode/owner/group (spread into a module's schema). */
export const fileAttributeProperties = {
  mode: {
    type: ['string', 'integer'],
    description: "Permissions: octal as a string ('0644') or a YAML 1.1 octal int (0644), or symbolic ('u=rw,g=r,o=r', 'u+x'). A bare int like 644 is decimal, as in Ansible (a warning says so).",
  },
  owner: { type: 'string', description: 'User name (or uid) that should own the file; changing it usually needs become.' },
  group: { type: 'string', description: 'Group name (or gid) that should own the file.' },
  // One of Ansible's common file arguments (kubespray's blockinfile sets it). Ansible falls back to
  // writing in place only when its rename is impossible; tsplay has no such fallback.
  unsafe_writes: { type: 'boolean', description: 'Accepted and ignored: tsplay always writes a temporary file and renames it (Ansible writes in place only when that rename fails).' },
} as const;

export type FileAttributeArgs = PropertiesArgs<typeof fileAttributeProperties>;

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

/**
 * Give an existing path (described by `state`) these attributes: chmod/chown only what differs,
 * nothing in check mode. Returns whether something differed.
 */
export async function ensureAttributes(ctx: ModuleContext, path: string, state: FileState, attrs: ResolvedAttributes): Promise<boolean> {
  const mode = attrs.mode !== undefined && state.mode !== attrs.mode ? attrs.mode : undefined;
  const owner = sameOwner(attrs.owner, state.owner, state.uid) ? undefined : attrs.owner;
  const group = sameOwner(attrs.group, state.group, state.gid) ? undefined : attrs.group;
  if (mode === undefined && owner === undefined && group === undefined) return false;
  if (!ctx.check) await setAttributes(ctx, path, { mode, owner, group });
  return true;
}

/** Arguments of the modules that write a whole file: attributes, backup and validate. */
export interface ManagedFileArgs extends FileAttributeArgs {
  backup?: boolean;
  validate?: string;
}

/**
 * ensureFile with a module's own arguments: `content` at `path` (whose state was read with its
 * content), with the mode/owner/group, backup and validate the user asked for.
 */
export async function ensureFileFromArgs(ctx: ModuleContext, path: string, content: FileContent, args: ManagedFileArgs, current: FileState,
  options: Pick<DesiredFile, 'throughLink'> = {}): Promise<EnsureFileResult & { readonly attributes: ResolvedAttributes }> {
  const attributes = resolveAttributes(args, current, false);
  const result = await ensureFile(ctx, path, {
    content,
    mode: attributes.mode,
    owner: attributes.owner,
    group: attributes.group,
    backup: args.backup,
    validate: args.validate,
    current,
    throughLink: options.throughLink,
  });
  return { ...result, attributes };
}

/**
 * ensureAttributes from a module's mode/owner/group arguments for a path the module has just
 * fetched or edited; reads its state only when an attribute is asked for.
 */
export async function ensureAttributesFromArgs(ctx: ModuleContext, path: string, args: FileAttributeArgs): Promise<boolean> {
  if (args.mode === undefined && args.owner === undefined && args.group === undefined) return false;
  const state = await readFileState(ctx, path, { maxContentBytes: 0, checksum: false });
  return ensureAttributes(ctx, path, state, resolveAttributes(args, state, false));
}
