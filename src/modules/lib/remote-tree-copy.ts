// copy with remote_src and a directory src, as Ansible's: `src/` copies the directory's contents
// into dest, `src` (no slash) copies the directory itself to dest/BASENAME. Files missing at the
// destination or differing in content are copied (with their mode), missing directories and
// symlinks are made, nothing is ever removed. Both trees are listed once and the difference is
// decided here, so check mode predicts exactly; owner/group apply to the whole copied tree and
// mode to dest itself, as Ansible applies them.
import { posix } from 'node:path';
import { shellQuote } from '../../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from '../types.js';
import { ensureAttributes, resolveAttributes, type FileAttributeArgs } from './file-attributes.js';
import { ensureTreeAttributes } from './file-tree.js';
import { readFileState } from './remote-file.js';
import { execChecked } from './target.js';

interface Entry {
  readonly type: string;
  readonly size: number;
  readonly path: string;
  readonly link: string;
}

/** Both trees in one round trip: records `S|D` + `type/size`, relative path, link text, NUL-separated. */
async function listTrees(ctx: ModuleContext, src: string, root: string): Promise<{ source: Entry[]; dest: Entry[] | undefined }> {
  const list = (side: string) => `find . -mindepth 1 -printf '${side}%y/%s\\0%P\\0%l\\0'`;
  const script = `cd -- ${shellQuote(src)} && ${list('S')} && if [ -d ${shellQuote(root)} ]; then echo; cd -- ${shellQuote(root)} && ${list('D')}; fi`;
  const out = (await execChecked(ctx, script, `cannot list ${src}`)).stdout;
  const fields = out.split('\0');
  const source: Entry[] = [];
  let dest: Entry[] | undefined;
  for (let i = 0; i + 2 < fields.length; i += 3) {
    let head = fields[i]!;
    if (head.startsWith('\n')) { head = head.slice(1); dest ??= []; }
    const [type = '', size = '0'] = head.slice(1).split('/');
    (head.startsWith('S') ? source : (dest ??= [])).push({ type, size: Number(size), path: fields[i + 1]!, link: fields[i + 2]! });
  }
  if (dest === undefined && out.endsWith('\n')) dest = [];
  return { source, dest };
}

/** The shell steps that bring `root` up to `src` (never removing anything); runs cmp for same-size files. */
async function syncSteps(ctx: ModuleContext, src: string, root: string, source: Entry[], dest: Entry[]): Promise<string[]> {
  const there = new Map(dest.map((e) => [e.path, e]));
  const s = (p: string) => shellQuote(posix.join(src, p));
  const d = (p: string) => shellQuote(posix.join(root, p));
  const copyFile = (p: string) => `cp -P --preserve=mode,timestamps -- ${s(p)} ${d(p + '.tsplay-copy~')} && mv -f -- ${d(p + '.tsplay-copy~')} ${d(p)}`;
  const steps: string[] = [];
  const sameSize: string[] = [];
  for (const e of source) {
    const current = there.get(e.path);
    if (current === undefined) {
      if (e.type === 'd') steps.push(`mkdir -- ${d(e.path)} && chmod --reference=${s(e.path)} ${d(e.path)}`);
      else if (e.type === 'f') steps.push(copyFile(e.path));
      else if (e.type === 'l') steps.push(`ln -s -- ${shellQuote(e.link)} ${d(e.path)}`);
    } else if (e.type === 'f' && current.type === 'f') {
      if (e.size !== current.size) steps.push(copyFile(e.path));
      else sameSize.push(e.path);
    } else if (e.type === 'l' && current.type === 'l' && e.link !== current.link) {
      steps.push(`ln -sfn -- ${shellQuote(e.link)} ${d(e.path)}`);
    }
    // A different type on each side is left alone, as Ansible's dircmp leaves its "funny" entries.
  }
  if (sameSize.length > 0) {
    const probe = sameSize.map((p, i) => `cmp -s -- ${s(p)} ${d(p)} || echo ${i}`).join('\n');
    const differing = (await execChecked(ctx, `${probe}\n:`, `cannot compare ${src} with ${root}`)).stdout.split('\n').filter((l) => l !== '');
    for (const i of differing) steps.push(copyFile(sameSize[Number(i)]!));
  }
  return steps;
}

/** Copy the directory `src` on the target as Ansible's copy with remote_src does. */
export async function copyRemoteTree(ctx: ModuleContext, args: FileAttributeArgs & { dest: string }, src: string): Promise<ModuleResult> {
  const root = src.endsWith('/') ? args.dest : posix.join(args.dest, posix.basename(src));
  const { source, dest } = await listTrees(ctx, src, root);
  let changed: boolean;
  if (dest === undefined) {
    // Nothing there yet: one cp -R (for src/, dest takes the source directory's mode, as Ansible's copytree).
    changed = true;
    if (!ctx.check) {
      await execChecked(ctx, `mkdir -p -- ${shellQuote(root)} && cp -R -P --preserve=mode,timestamps -- ${shellQuote(`${src.replace(/\/+$/, '')}/.`)} ${shellQuote(root)}${src.endsWith('/') ? ` && chmod --reference=${shellQuote(src)} ${shellQuote(root)}` : ''}`, `cannot copy ${src} to ${root}`);
    }
  } else {
    const steps = await syncSteps(ctx, src, root, source, dest);
    changed = steps.length > 0;
    if (changed && !ctx.check) await execChecked(ctx, steps.map((step) => `${step} || exit 1`).join('\n'), `cannot copy ${src} to ${root}`);
  }
  const result = { changed, dest: args.dest, src, state: 'directory' };
  // Check mode with nothing there yet: the attributes of a tree that does not exist cannot differ further.
  if (ctx.check && dest === undefined) return result;
  if (args.owner !== undefined || args.group !== undefined) {
    result.changed = await ensureTreeAttributes(ctx, root, { owner: args.owner, group: args.group }) || result.changed;
  }
  if (args.mode !== undefined) {
    const state = await readFileState(ctx, args.dest, { maxContentBytes: 0, checksum: false });
    result.changed = await ensureAttributes(ctx, args.dest, state, resolveAttributes({ mode: args.mode }, state, true)) || result.changed;
  }
  return result;
}
