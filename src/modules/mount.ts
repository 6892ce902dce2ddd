// mount (ansible.posix.mount): an fstab entry and the live mount. present/absent edit the fstab
// (absent also unmounts and removes the mount point directory, as Ansible does); mounted writes the
// entry, creates the mount point and mounts it, or remounts when the entry changed while mounted;
// unmounted unmounts and leaves the fstab alone; remounted always remounts. mount(8) mounts by mount
// point from the fstab (`-T FSTAB` for another file), so the fstab entry is what gets mounted.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { removeFstabEntry, setFstabEntry } from './lib/sys/fstab.js';
import { applyTextFile, readTextFile } from './lib/sys/text-file.js';
import { ModuleFailure, execOnTarget, execTool } from './lib/target.js';

type MountArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['state'],
  anyOf: [{ required: ['path'] }, { required: ['name'] }],
  properties: {
    path: { description: 'Mount point (absolute).', type: 'string' },
    name: { description: 'Alias of path.', type: 'string' },
    state: { description: 'present, absent, mounted, unmounted or remounted.', enum: ['present', 'absent', 'mounted', 'unmounted', 'remounted'] },
    src: { description: 'Device or source (required for present and mounted).', type: 'string' },
    fstype: { description: 'File system type (required for present and mounted).', type: 'string' },
    opts: { description: "Mount options (default 'defaults').", type: 'string' },
    dump: { description: 'fstab dump field (default 0).', type: ['string', 'integer'] },
    passno: { description: 'fstab passno field (default 0).', type: ['string', 'integer'] },
    fstab: { description: 'The fstab file (default /etc/fstab).', type: 'string' },
    boot: { description: "false adds 'noauto' to the options (default true).", type: 'boolean' },
  },
} as const;

async function isMounted(ctx: ModuleContext, path: string): Promise<boolean> {
  return (await execOnTarget(ctx, `mountpoint -q ${shellQuote(path)}`)).rc === 0;
}

function fstabOption(fstab: string): string {
  return fstab === '/etc/fstab' ? '' : ` -T ${shellQuote(fstab)}`;
}

function optionsOf(args: MountArgs): string {
  const opts = args.opts ?? 'defaults';
  if (args.boot !== false || opts.split(',').includes('noauto')) return opts;
  return opts === 'defaults' ? 'noauto' : `${opts},noauto`;
}

async function runMount(ctx: ModuleContext, args: MountArgs): Promise<ModuleResult> {
  const written = args.path ?? args.name ?? '';
  const path = written.length > 1 ? written.replace(/\/+$/, '') : written;
  if (!path.startsWith('/')) throw new ModuleFailure(`path must be absolute: ${path}`);
  const fstab = args.fstab ?? '/etc/fstab';
  const entry = { src: args.src ?? '', path, fstype: args.fstype ?? '', opts: optionsOf(args), dump: String(args.dump ?? 0), passno: String(args.passno ?? 0) };
  for (const value of Object.values(entry)) if (/[\n\r\0]/.test(value)) throw new ModuleFailure('mount arguments must not contain a line break or NUL');
  const state = args.state;
  const needsEntry = state === 'present' || state === 'mounted';
  if (needsEntry && (args.src === undefined || args.fstype === undefined)) throw new ModuleFailure(`state is ${state} but all of the following are missing: ${['src', 'fstype'].filter((k) => args[k as 'src'] === undefined).join(', ')}`);
  const q = shellQuote(path);
  const commands: string[] = [];
  let fstabChanged = false;
  let diff;
  if (needsEntry || state === 'absent') {
    const before = await readTextFile(ctx, fstab) ?? '';
    const edited = needsEntry ? setFstabEntry(before, entry) : removeFstabEntry(before, path);
    if (edited.changed) {
      const outcome = await applyTextFile(ctx, fstab, before, edited.text, 0o644);
      fstabChanged = outcome.changed;
      diff = outcome.diff;
    }
  }
  const mounted = await isMounted(ctx, path);
  if (state === 'mounted') {
    if (!mounted) commands.push(`mkdir -p -- ${q}`, `mount${fstabOption(fstab)} ${q}`);
    else if (fstabChanged) commands.push(`mount${fstabOption(fstab)} -o remount ${q}`);
  }
  if ((state === 'unmounted' || state === 'absent') && mounted) commands.push(`umount ${q}`);
  // Ansible removes the mount point of an absent entry (an empty directory; a non-empty one stays).
  if (state === 'absent' && (fstabChanged || mounted)) commands.push(`rmdir -- ${q} 2>/dev/null || true`);
  if (state === 'remounted') commands.push(`mount${fstabOption(fstab)} -o remount ${q}`);
  if (!ctx.check) {
    // In check mode the fstab was not written, so mount(8) would not find the new entry: nothing runs.
    for (const command of commands) await execTool(ctx, command, command);
  }
  const changed = fstabChanged || commands.some((c) => !c.startsWith('rmdir'));
  return {
    changed, name: path, src: entry.src, fstype: entry.fstype, opts: entry.opts, dump: entry.dump, passno: entry.passno, fstab,
    boot: args.boot === false ? 'no' : 'yes', ...(ctx.diff && diff ? { diff: [diff] } : {}),
  };
}

export const mountModule = defineModule({ name: 'mount', schema, run: runMount });
