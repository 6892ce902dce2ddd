// file: make a path a file, directory, symlink or hard link with given attributes, touch it, or
// remove it. Attribute changes alone count as changed; `touch` is always changed (as Ansible).
import { posix } from 'node:path';
import { shellQuote } from '../util/shell-quote.js';
import { ensureAttributes, fileAttributeProperties, resolveAttributes } from './lib/file-attributes.js';
import { ensureTreeAttributes } from './lib/file-tree.js';
import { formatMode, parseMode } from './lib/mode.js';
import { readFileState, sameOwner, setAttributes, type FileState } from './lib/remote-file.js';
import { execChecked, ModuleFailure } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type FileStateName = 'file' | 'directory' | 'link' | 'hard' | 'absent' | 'touch';

type FileArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    path: { type: 'string', description: 'Path on the target to manage (aliases: dest, name).' },
    dest: { type: 'string', description: 'Alias of path.' },
    name: { type: 'string', description: 'Alias of path.' },
    state: {
      enum: ['file', 'directory', 'link', 'hard', 'absent', 'touch'],
      description: 'file: must exist, only attributes change; directory: create (with parents, each created one getting owner/group/mode, as Ansible); link/hard: symbolic/hard link to src; absent: remove (directories recursively); touch: create or update times (always changed). Default: the current type, or file.',
    },
    src: { type: 'string', description: 'Target of the link for state=link/hard (a relative symlink target is relative to the link\'s directory).' },
    recurse: { type: 'boolean', default: false, description: 'With state=directory, apply owner/group/mode to everything inside too.' },
    force: { type: 'boolean', default: false, description: 'For links: replace an existing file, or create a symlink whose src does not exist.' },
    ...fileAttributeProperties,
  },
  anyOf: [{ required: ['path'] }, { required: ['dest'] }, { required: ['name'] }],
} as const;

export const fileModule = defineModule({
  name: 'file',
  schema,
  async run(ctx, args) {
    const path = (args.path ?? args.dest ?? args.name)!;
    let state = await readFileState(ctx, path, { maxContentBytes: 0, checksum: false });
    const wanted: FileStateName = args.state ?? (state.isLink ? 'link' : state.isDir ? 'directory' : 'file');
    // Directories are followed through a symlink (the usual /etc/x -> /opt/x case); `path/` makes stat follow it.
    if (wanted === 'directory' && state.isLink) state = await readFileState(ctx, path.replace(/\/*$/, '/'), { maxContentBytes: 0, checksum: false });
    switch (wanted) {
      case 'absent': return absent(ctx, path, state);
      case 'directory': return directory(ctx, path, state, args);
      case 'file': return existingFile(ctx, path, state, args);
      case 'touch': return touch(ctx, path, state, args);
      case 'link': return link(ctx, path, state, args);
      case 'hard': return hardLink(ctx, path, state, args);
    }
  },
});

async function absent(ctx: ModuleContext, path: string, state: FileState): Promise<ModuleResult> {
  if (!state.exists) return { changed: false, path, state: 'absent' };
  if (!ctx.check) await execChecked(ctx, `rm -rf -- ${shellQuote(path)}`, `cannot remove ${path}`);
  return { changed: true, path, state: 'absent', diff: ctx.diff ? [{ path, before: state.isDir ? 'directory\n' : 'file\n', after: 'absent\n' }] : undefined };
}

/** Apply owner/group/mode to one existing path; returns whether something differed. */
async function attributes(ctx: ModuleContext, path: string, state: FileState, args: FileArgs, isDir: boolean, result: ModuleResult): Promise<boolean> {
  const attrs = resolveAttributes(args, state, isDir);
  if (attrs.warnings.length > 0) result.warnings = attrs.warnings;
  if (attrs.mode !== undefined) result.mode = formatMode(attrs.mode);
  return ensureAttributes(ctx, path, state, attrs);
}

const NO_CONTENT = { maxContentBytes: 0, checksum: false };

/** The missing ancestors of `path`, outermost first: the directories `mkdir -p` is about to create. */
async function missingParents(ctx: ModuleContext, path: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = posix.dirname(path); dir !== posix.dirname(dir); dir = posix.dirname(dir)) {
    if ((await readFileState(ctx, dir, NO_CONTENT)).exists) break;
    missing.unshift(dir);
  }
  return missing;
}

async function directory(ctx: ModuleContext, path: string, state: FileState, args: FileArgs): Promise<ModuleResult> {
  if (state.exists && !state.isDir) throw new ModuleFailure(`${path} already exists and is not a directory`);
  const result: ModuleResult = { changed: false, path, state: 'directory' };
  if (!state.exists) {
    result.changed = true;
    if (ctx.check) return result;
    const hasAttributes = args.mode !== undefined || args.owner !== undefined || args.group !== undefined;
    const parents = hasAttributes ? await missingParents(ctx, path) : [];
    await execChecked(ctx, `mkdir -p -- ${shellQuote(path)}`, `cannot create directory ${path}`);
    // As Ansible: every directory the task created gets its mode, owner and group, not only the last.
    for (const parent of parents) await attributes(ctx, parent, await readFileState(ctx, parent, NO_CONTENT), args, true, { changed: false });
    state = await readFileState(ctx, path, NO_CONTENT);
  }
  if (args.recurse) {
    const mode = args.mode === undefined ? undefined : parseMode(args.mode);
    const owner = args.owner === undefined ? undefined : String(args.owner);
    const group = args.group === undefined ? undefined : String(args.group);
    if (await ensureTreeAttributes(ctx, path, { mode, owner, group })) result.changed = true;
    if (mode?.kind === 'absolute') result.mode = formatMode(mode.mode);
    return result;
  }
  if (await attributes(ctx, path, state, args, true, result)) result.changed = true;
  return result;
}

async function existingFile(ctx: ModuleContext, path: string, state: FileState, args: FileArgs): Promise<ModuleResult> {
  if (!state.exists) throw new ModuleFailure(`file (${path}) is absent, cannot continue`, { path, state: 'absent' });
  if (state.isDir) throw new ModuleFailure(`${path} is a directory, not a file (use state=directory)`);
  const result: ModuleResult = { changed: false, path, state: 'file' };
  result.changed = await attributes(ctx, path, state, args, false, result);
  return result;
}

async function touch(ctx: ModuleContext, path: string, state: FileState, args: FileArgs): Promise<ModuleResult> {
  const result: ModuleResult = { changed: true, path, state: state.isDir ? 'directory' : 'file' };
  if (ctx.check) return result;
  await execChecked(ctx, `touch -- ${shellQuote(path)}`, `cannot touch ${path}`);
  const after = await readFileState(ctx, path, { maxContentBytes: 0, checksum: false });
  await attributes(ctx, path, after, args, after.isDir, result);
  return result;
}

async function link(ctx: ModuleContext, path: string, state: FileState, args: FileArgs): Promise<ModuleResult> {
  if (args.src === undefined) throw new ModuleFailure('src is required for state=link');
  const src = args.src;
  const result: ModuleResult = { changed: false, path, src, state: 'link' };
  if (!(state.isLink && state.linkTarget === src)) {
    if (state.isDir) throw new ModuleFailure(`refusing to replace directory ${path} with a symlink`);
    if (state.exists && !state.isLink && !args.force) throw new ModuleFailure(`refusing to convert from file to symlink for ${path} (use force: true)`);
    if (!args.force) {
      const absoluteSrc = posix.isAbsolute(src) ? src : posix.join(posix.dirname(path), src);
      const probe = await readFileState(ctx, absoluteSrc, { maxContentBytes: 0, checksum: false });
      if (!probe.exists) throw new ModuleFailure(`src file does not exist, use "force: true" if you really want to create the link: ${absoluteSrc}`);
    }
    result.changed = true;
    if (ctx.check) return result;
    await execChecked(ctx, `ln -sfn -- ${shellQuote(src)} ${shellQuote(path)}`, `cannot create symlink ${path}`);
    state = await readFileState(ctx, path, { maxContentBytes: 0, checksum: false });
  }
  // Ownership of the link itself (chown -h); a symlink has no mode of its own on Linux.
  const owner = sameOwner(args.owner, state.owner, state.uid) ? undefined : args.owner;
  const group = sameOwner(args.group, state.group, state.gid) ? undefined : args.group;
  if (owner !== undefined || group !== undefined) {
    result.changed = true;
    if (!ctx.check) await setAttributes(ctx, path, { owner, group }, { noDereference: true });
  }
  return result;
}

async function hardLink(ctx: ModuleContext, path: string, state: FileState, args: FileArgs): Promise<ModuleResult> {
  if (args.src === undefined) throw new ModuleFailure('src is required for state=hard');
  const src = args.src;
  const result: ModuleResult = { changed: false, path, src, state: 'hard' };
  const same = await execChecked(ctx, `if [ ${shellQuote(path)} -ef ${shellQuote(src)} ]; then echo same; fi; [ -e ${shellQuote(src)} ] || echo nosrc`, `cannot inspect ${path}`);
  if (same.stdout.includes('nosrc')) throw new ModuleFailure(`src file does not exist: ${src}`);
  if (!same.stdout.includes('same')) {
    if (state.isDir) throw new ModuleFailure(`refusing to replace directory ${path} with a hard link`);
    if (state.exists && !args.force) throw new ModuleFailure(`refusing to convert from file to hard link for ${path} (use force: true)`);
    result.changed = true;
    if (ctx.check) return result;
    await execChecked(ctx, `ln -f -- ${shellQuote(src)} ${shellQuote(path)}`, `cannot create hard link ${path}`);
    state = await readFileState(ctx, path, { maxContentBytes: 0, checksum: false });
  }
  if (await attributes(ctx, path, state, args, false, result)) result.changed = true;
  return result;
}
