// fetch: copy a file from the target to the controller (an admin.conf, a join token, a CA cert).
// Ansible's layout: dest/INVENTORY_HOSTNAME/SRC_PATH, or with `flat: true` the file itself (dest
// ending in / takes the source's basename). Compared by sha1 first, so an identical file is not
// transferred again. The file streams (SFTP on the pooled connection, or a pipe under become) into a
// temporary file next to dest, is checked against the target's sha1, then renamed into place, so a
// failed fetch never leaves half a file and a big one is never held in memory.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { sha1OfFile } from '../util/file-sha1.js';
import { basename, dirname, isAbsolute, join, posix, resolve } from 'node:path';
import { readFileState } from './lib/remote-file.js';
import { ModuleFailure } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type FetchArgs = ArgsOf<typeof schema>;

/** Where the file lands on the controller (relative dest: from the playbook directory, as Ansible). */
export function fetchDestination(ctx: Pick<ModuleContext, 'host' | 'playbookDir'>, src: string, dest: string, flat: boolean): string {
  const base = isAbsolute(dest) ? dest : resolve(ctx.playbookDir, dest);
  if (flat) return dest.endsWith('/') ? join(base, posix.basename(src)) : base;
  // Ansible: dest/host/ + the source path as written, made relative (no way out with ..).
  const inside = posix.normalize(posix.join('/', src)).slice(1);
  return join(base, hostDirectory(ctx.host, base), inside);
}

/**
 * The host's directory under dest is its inventory name, which the inventory does not restrict:
 * `../x`, `/etc` or `.` would put (or mix) files outside the host's own directory, so such names are
 * refused (ansible-core writes wherever they lead).
 */
function hostDirectory(host: string, base: string): string {
  const parts = host.split('/');
  if (host === '' || host.startsWith('/') || parts.includes('..') || parts.every((part) => part === '' || part === '.')) {
    throw new ModuleFailure(`fetch cannot use the inventory name of host '${host}' as its directory under ${base}: an absolute name, a '..' component or an empty name leads outside it. Use flat: true with a dest of its own, or another inventory name`);
  }
  return host;
}

async function localChecksum(path: string): Promise<string | undefined> {
  try {
    return (await sha1OfFile(path)).sha1;
  } catch {
    return undefined;
  }
}

/**
 * Stream the file into a temporary file next to `dest` (same filesystem), check it against the
 * target's sha1, then rename: a failed or interrupted fetch never leaves half a file at dest.
 */
async function downloadAtomically(ctx: ModuleContext, src: string, dest: string, expectedSha1: string | undefined): Promise<string> {
  await mkdir(dirname(dest), { recursive: true });
  const temp = join(dirname(dest), `.${basename(dest)}.tsplay-tmp.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    let received;
    try {
      received = await ctx.conn.download(src, temp, { become: ctx.become });
    } catch (error) {
      throw new ModuleFailure(`cannot read ${src}: ${(error as Error).message}`, { file: src });
    }
    if (expectedSha1 !== undefined && received.sha1 !== expectedSha1) {
      throw new ModuleFailure(`checksum mismatch after fetching ${src} (the file changed while it was read?); nothing written`, { file: src });
    }
    await rename(temp, dest);
    return received.sha1;
  } finally {
    await rm(temp, { force: true });
  }
}

async function runFetch(ctx: ModuleContext, args: FetchArgs): Promise<ModuleResult> {
  const dest = fetchDestination(ctx, args.src, args.dest, args.flat === true);
  const state = await readFileState(ctx, args.src, { follow: true, maxContentBytes: 0 });
  if (!state.exists) {
    if (args.fail_on_missing === false) return { changed: false, file: args.src, msg: 'the remote file does not exist, not transferring, ignored' };
    throw new ModuleFailure(`the remote file does not exist, not transferring: ${args.src}`, { file: args.src });
  }
  if (state.isDir) throw new ModuleFailure(`remote file is a directory, fetch cannot work on directories: ${args.src}`, { file: args.src });
  const remoteChecksum = state.checksum;
  const before = await localChecksum(dest);
  const result = { file: args.src, dest, checksum: remoteChecksum, remote_checksum: remoteChecksum };
  if (before !== undefined && before === remoteChecksum) return { changed: false, ...result };
  if (ctx.check) return { changed: true, ...result };
  const checksum = await downloadAtomically(ctx, args.src, dest, args.validate_checksum === false ? undefined : remoteChecksum);
  return { changed: true, ...result, checksum };
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['src', 'dest'],
  properties: {
    src: { type: 'string', minLength: 1, description: 'File on the target (a file, not a directory).' },
    dest: { type: 'string', minLength: 1, description: "Directory on the controller (relative: to the playbook directory); the file goes to dest/HOST/SRC_PATH. A host whose inventory name would lead outside dest (absolute, '..') is refused." },
    flat: { type: 'boolean', default: false, description: 'Write to dest itself (dest ending in / takes the source file name), without the host and source path.' },
    fail_on_missing: { type: 'boolean', default: true, description: 'Fail when src does not exist; false: ok with a message.' },
    validate_checksum: { type: 'boolean', default: true, description: "Check the bytes received against the target's sha1 before writing." },
  },
} as const;

export const fetchModule = defineModule({
  name: 'fetch',
  schema,
  run: runFetch,
});
