// unarchive: extract an archive that is already on the host (remote_src: true) with the host's own
// tar or unzip. Changed only when the archive's content differs from dest (tar --diff; for zip,
// each member compared with cmp), so a second run is ok. `creates` skips the work when that path exists.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { toList } from './lib/sys/args.js';
import { ModuleFailure, execOnTarget, execTool } from './lib/target.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type UnarchiveArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['src', 'dest'],
  properties: {
    src: { description: 'Archive path on the host (.tar, .tar.gz/.tgz, .tar.xz, .tar.bz2, .tar.zst, .zip).', type: 'string' },
    dest: { description: 'Existing directory to extract into.', type: 'string' },
    remote_src: { description: 'Must be true: the archive is already on the host (copying from the controller is not supported).', type: 'boolean' },
    creates: { description: 'Skip when this path already exists on the host.', type: 'string' },
    extra_opts: { description: 'Extra options for tar or unzip, one per item.', type: 'array', items: { type: 'string' } },
  },
} as const;

export function isZip(src: string): boolean {
  return /\.zip$/i.test(src);
}

/** rc 0 = dest already holds the archive's content, 1 = differs, other = error. Read-only. */
export function compareCommand(src: string, dest: string, extra: readonly string[]): string {
  const s = shellQuote(src);
  const d = shellQuote(dest);
  if (!isZip(src)) return `tar -d -f ${s} -C ${d} ${extra.map(shellQuote).join(' ')} >/dev/null 2>&1; r=$?; [ $r -le 1 ] && exit $r; tar -t -f ${s} >/dev/null || exit 2; exit 1`;
  return `unzip -Z1 ${s} > /dev/null || exit 2; unzip -Z1 ${s} | while IFS= read -r f; do case "$f" in */) [ -d ${d}/"$f" ] || exit 1;; *) unzip -p ${s} "$f" | cmp -s - ${d}/"$f" || exit 1;; esac; done`;
}

export function extractCommand(src: string, dest: string, extra: readonly string[]): string {
  const opts = extra.map(shellQuote).join(' ');
  if (isZip(src)) return `unzip -o -q ${opts} ${shellQuote(src)} -d ${shellQuote(dest)}`.replace(/ +/g, ' ');
  return `tar -x -f ${shellQuote(src)} -C ${shellQuote(dest)} ${opts}`.trim();
}

async function runUnarchive(ctx: ModuleContext, args: UnarchiveArgs): Promise<ModuleResult> {
  if (args.remote_src !== true) throw new ModuleFailure('unarchive supports only remote_src: true (put the archive on the host first, e.g. with get_url)');
  if (args.creates !== undefined && (await execOnTarget(ctx, `test -e ${shellQuote(args.creates)}`)).rc === 0) {
    return { changed: false, msg: `skipped, since ${args.creates} exists` };
  }
  const check = await execOnTarget(ctx, `test -d ${shellQuote(args.dest)} || exit 3; test -f ${shellQuote(args.src)} || exit 4`);
  if (check.rc === 3) throw new ModuleFailure(`dest '${args.dest}' must be an existing directory`);
  if (check.rc === 4) throw new ModuleFailure(`Source '${args.src}' does not exist`);
  const extra = toList(args.extra_opts);
  const compare = await execOnTarget(ctx, compareCommand(args.src, args.dest, extra));
  if (compare.rc > 1) throw new ModuleFailure(`cannot read archive ${args.src}: ${compare.stderr.trim() || 'unknown format'}`);
  const changed = compare.rc === 1;
  if (changed && !ctx.check) await execTool(ctx, extractCommand(args.src, args.dest, extra), `extracting ${args.src}`);
  return { changed, src: args.src, dest: args.dest };
}

export const unarchiveModule = defineModule({ name: 'unarchive', schema, run: runUnarchive });
