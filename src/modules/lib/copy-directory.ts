// copy of a controller directory, as Ansible: `src: dir/` copies what is inside dir into dest,
// `src: dir` copies dir itself (dest/dir). Directories that do not exist are created (with
// `directory_mode` when given, the target's umask otherwise; existing ones keep their mode), every
// file is compared by sha1 and streamed only when it differs, with `mode`/`owner`/`group`.
import { readdir, stat } from 'node:fs/promises';
import { basename, join, posix } from 'node:path';
import { shellQuote } from '../../util/shell-quote.js';
import type { FileDiff, ModuleContext, ModuleResult } from '../types.js';
import { ensureFileFromArgs, resolveAttributes } from './file-attributes.js';
import { readFileState } from './remote-file.js';
import { localFileContent } from './source-file.js';
import { execChecked, ModuleFailure } from './target.js';
import type { WriteDestinationArgs } from './write-destination.js';

export type CopyDirectoryArgs = WriteDestinationArgs & { directory_mode?: string | number };

interface TreeEntries {
  /** Relative directory paths, parents before children ('' is the root). */
  readonly dirs: string[];
  /** Relative file paths. */
  readonly files: string[];
}

/** The controller tree, symlinks followed (Ansible's local_follow default). */
async function walk(root: string): Promise<TreeEntries> {
  const entries: TreeEntries = { dirs: [''], files: [] };
  const visit = async (relative: string): Promise<void> => {
    const names = (await readdir(join(root, relative))).sort();
    for (const name of names) {
      const path = relative === '' ? name : `${relative}/${name}`;
      const info = await stat(join(root, path));
      if (info.isDirectory()) {
        entries.dirs.push(path);
        await visit(path);
      } else if (info.isFile()) {
        entries.files.push(path);
      } else {
        throw new ModuleFailure(`cannot copy ${join(root, path)}: not a regular file or directory`);
      }
    }
  };
  await visit('');
  return entries;
}

/** Which of these target directories are missing: one round trip; a non-directory in the way fails. */
async function missingDirectories(ctx: ModuleContext, paths: readonly string[]): Promise<Set<string>> {
  const probe = paths.map((path, index) => `if [ -d ${shellQuote(path)} ]; then :; elif [ -e ${shellQuote(path)} ]; then echo "x${index}"; else echo "m${index}"; fi`).join('\n');
  const result = await execChecked(ctx, probe, 'cannot inspect the destination directories');
  const missing = new Set<string>();
  for (const line of result.stdout.split('\n')) {
    const index = Number(line.slice(1));
    if (line.startsWith('x')) throw new ModuleFailure(`${paths[index]} exists and is not a directory`);
    if (line.startsWith('m')) missing.add(paths[index]!);
  }
  return missing;
}

export async function copyDirectory(ctx: ModuleContext, args: CopyDirectoryArgs, localDir: string, contentsOnly: boolean): Promise<ModuleResult> {
  const tree = await walk(localDir);
  const root = contentsOnly ? args.dest : posix.join(args.dest, basename(localDir));
  const remote = (relative: string): string => (relative === '' ? root : posix.join(root, relative));
  // `src: dir` creates dest too when it is missing (ansible-core does, with directory_mode).
  const remoteDirs = [...(contentsOnly ? [] : [args.dest.replace(/(.)\/+$/, '$1')]), ...tree.dirs.map(remote)];
  const missing = await missingDirectories(ctx, remoteDirs);
  const dirAttributes = resolveAttributes({ mode: args.directory_mode, owner: args.owner, group: args.group }, undefined, true);
  if (missing.size > 0 && !ctx.check) {
    const created = remoteDirs.filter((dir) => missing.has(dir));
    const steps = created.map((dir) => `mkdir -- ${shellQuote(dir)}`);
    const quoted = created.map(shellQuote).join(' ');
    if (args.directory_mode !== undefined) steps.push(`chmod -- ${(dirAttributes.mode! & 0o7777).toString(8).padStart(4, '0')} ${quoted}`);
    if (dirAttributes.owner !== undefined || dirAttributes.group !== undefined) {
      steps.push(`chown -- ${shellQuote(`${dirAttributes.owner ?? ''}${dirAttributes.group !== undefined ? ':' + dirAttributes.group : ''}`)} ${quoted}`);
    }
    // The destination's parent must exist, as for a single file (mkdir without -p on the root).
    await execChecked(ctx, steps.join(' && '), `cannot create the directories under ${args.dest}`);
  }
  let changed = missing.size > 0;
  const diffs: FileDiff[] = [];
  const warnings = new Set<string>(dirAttributes.warnings);
  for (const file of tree.files) {
    const dest = remote(file);
    const content = await localFileContent(join(localDir, file));
    const state = await readFileState(ctx, dest, ctx.diff ? {} : { maxContentBytes: 0 });
    if (state.isDir) throw new ModuleFailure(`${dest} is a directory, the file ${join(localDir, file)} cannot replace it`);
    if (state.exists && args.force === false) continue;
    const result = await ensureFileFromArgs(ctx, dest, content, args, state);
    changed ||= result.changed;
    if (result.diff) diffs.push(result.diff);
    for (const warning of result.attributes.warnings) warnings.add(warning);
  }
  const out: ModuleResult = { changed, dest: args.dest.endsWith('/') ? args.dest : `${args.dest}/`, src: contentsOnly ? `${localDir}/` : localDir };
  if (diffs.length > 0) out.diff = diffs;
  if (warnings.size > 0) out.warnings = [...warnings];
  return out;
}
