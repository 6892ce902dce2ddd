// unarchive: extract an archive from the controller (uploaded first) or already on the host
// (remote_src: true) with the host's own tar or unzip. Changed only when the archive's content differs from dest (tar --diff; for zip,
// each member compared with cmp), so a second run is ok. `creates` skips the work when that path exists.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { toList } from './lib/sys/args.js';
import { findSourceFile, localFileContent } from './lib/source-file.js';
import { ModuleFailure, execChecked, execOnTarget, execTool, putOnTarget } from './lib/target.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { ensureAttributesFromArgs, fileAttributeProperties } from './lib/file-attributes.js';

export type UnarchiveArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['src', 'dest'],
  properties: {
    src: { description: "Archive (.tar, .tar.gz/.tgz, .tar.xz, .tar.bz2, .tar.zst, .zip): on the controller (the role's files/, then the playbook's; uploaded, streamed), or on the host with remote_src: true.", type: 'string' },
    dest: { description: 'Existing directory to extract into.', type: 'string' },
    remote_src: { description: 'true: src is already on the host; false (default): src is on the controller and is uploaded first.', type: 'boolean' },
    copy: { description: "Ansible's older spelling of the opposite of remote_src: copy: no means the archive is on the host. Not together with remote_src.", type: 'boolean' },
    creates: { description: 'Skip when this path already exists on the host.', type: 'string' },
    extra_opts: { description: 'Extra options for tar or unzip, one per item.', type: 'array', items: { type: 'string' } },
    ...fileAttributeProperties,
  },
} as const;

export function isZip(src: string): boolean {
  return /\.zip$/i.test(src);
}

/**
 * rc 0 = dest already holds the archive's content, 1 = differs, other = error. Read-only.
 * `ownAttributes`: the task sets owner/group/mode itself, so tar's "Mode/Uid/Gid differs" are no difference.
 */
export function compareCommand(src: string, dest: string, extra: readonly string[], ownAttributes = false): string {
  const s = shellQuote(src);
  const d = shellQuote(dest);
  const diff = `tar -d -f ${s} -C ${d} ${extra.map(shellQuote).join(' ')}`;
  const unreadable = `tar -t -f ${s} >/dev/null || exit 2; exit 1`;
  if (!isZip(src) && ownAttributes) {
    return `out=$(${diff} 2>&1); r=$?; [ $r -le 1 ] || { ${unreadable}; }; printf '%s\\n' "$out" | grep -v -e ': Mode differs$' -e ': Uid differs$' -e ': Gid differs$' | grep -q . && exit 1; exit 0`;
  }
  if (!isZip(src)) return `${diff} >/dev/null 2>&1; r=$?; [ $r -le 1 ] && exit $r; ${unreadable}`;
  return `unzip -Z1 ${s} > /dev/null || exit 2; unzip -Z1 ${s} | while IFS= read -r f; do case "$f" in */) [ -d ${d}/"$f" ] || exit 1;; *) unzip -p ${s} "$f" | cmp -s - ${d}/"$f" || exit 1;; esac; done`;
}

export function extractCommand(src: string, dest: string, extra: readonly string[]): string {
  const opts = extra.map(shellQuote).join(' ');
  if (isZip(src)) return `unzip -o -q ${opts} ${shellQuote(src)} -d ${shellQuote(dest)}`.replace(/ +/g, ' ');
  return `tar -x -f ${shellQuote(src)} -C ${shellQuote(dest)} ${opts}`.trim();
}

/** Compare the archive at `src` on the host with dest, and extract it when they differ. */
async function extractOnHost(ctx: ModuleContext, args: UnarchiveArgs, src: string): Promise<ModuleResult> {
  const check = await execOnTarget(ctx, `test -d ${shellQuote(args.dest)} || exit 3; test -f ${shellQuote(src)} || exit 4`);
  if (check.rc === 3) throw new ModuleFailure(`dest '${args.dest}' must be an existing directory`);
  if (check.rc === 4) throw new ModuleFailure(`Source '${src}' does not exist`);
  const extra = toList(args.extra_opts);
  const ownAttributes = args.mode !== undefined || args.owner !== undefined || args.group !== undefined;
  const compare = await execOnTarget(ctx, compareCommand(src, args.dest, extra, ownAttributes));
  if (compare.rc > 1) throw new ModuleFailure(`cannot read archive ${args.src}: ${compare.stderr.trim() || 'unknown format'}`);
  let changed = compare.rc === 1;
  if (changed && !ctx.check) await execTool(ctx, extractCommand(src, args.dest, extra), `extracting ${args.src}`);
  // Nothing extracted yet in check mode: the members' attributes cannot be read.
  if ((!changed || !ctx.check) && (await ensureMemberAttributes(ctx, args, src))) changed = true;
  return { changed, src: args.src, dest: args.dest };
}

/** The archive's members as paths under dest (directories without their trailing slash). */
export function listCommand(src: string): string {
  return isZip(src) ? `unzip -Z1 ${shellQuote(src)}` : `tar -t -f ${shellQuote(src)}`;
}

/**
 * owner/group/mode, like Ansible's unarchive, on every member of the archive (kubespray extracts
 * binaries with `mode: 0755` and `owner: root`): each member that differs is changed.
 */
async function ensureMemberAttributes(ctx: ModuleContext, args: UnarchiveArgs, src: string): Promise<boolean> {
  if (args.mode === undefined && args.owner === undefined && args.group === undefined) return false;
  const listing = await execChecked(ctx, listCommand(src), `cannot list archive ${args.src}`);
  const members = [...new Set(listing.stdout.split('\n').map((m) => m.replace(/\/+$/, '')).filter((m) => m !== '' && m !== '.'))];
  let changed = false;
  for (const member of members) if (await ensureAttributesFromArgs(ctx, `${args.dest.replace(/\/+$/, '')}/${member}`, args)) changed = true;
  return changed;
}

/**
 * An archive on the controller (the default, as Ansible): uploaded (streamed, connection upload)
 * to a temporary file on the host, compared and extracted from there, then removed. The upload
 * happens on every run, as with Ansible: the comparison needs the archive on the host.
 */
async function extractFromController(ctx: ModuleContext, args: UnarchiveArgs): Promise<ModuleResult> {
  const content = await localFileContent(await findSourceFile(ctx, args.src, 'files'));
  // The name keeps the kind: zip is told by its suffix; GNU tar recognises its compressions itself.
  const suffix = isZip(args.src) ? '.zip' : '.tar';
  const temp = (await execChecked(ctx, `mktemp --suffix=${suffix}`, 'cannot create a temporary file for the archive')).stdout.trim();
  try {
    await putOnTarget(ctx, temp, content, { mode: 0o600 });
    return await extractOnHost(ctx, args, temp);
  } finally {
    await ctx.conn.exec(`rm -f -- ${shellQuote(temp)}`, { become: ctx.become, timeoutMs: CLEANUP_TIMEOUT_MS }).catch(() => undefined);
  }
}

/** How long the removal of the uploaded archive may take after a failure. */
const CLEANUP_TIMEOUT_MS = 10_000;

async function runUnarchive(ctx: ModuleContext, args: UnarchiveArgs): Promise<ModuleResult> {
  if (args.creates !== undefined && (await execOnTarget(ctx, `test -e ${shellQuote(args.creates)}`)).rc === 0) {
    return { changed: false, msg: `skipped, since ${args.creates} exists` };
  }
  if (args.copy !== undefined && args.remote_src !== undefined) throw new ModuleFailure('parameters are mutually exclusive: copy|remote_src');
  const onHost = args.remote_src === true || args.copy === false;
  return onHost ? extractOnHost(ctx, args, args.src) : extractFromController(ctx, args);
}

export const unarchiveModule = defineModule({ name: 'unarchive', schema, run: runUnarchive });
