// stat: facts about one path, never changed. One round trip (two with a non-sha1 checksum or for a symlink).
import { shellQuote } from '../util/shell-quote.js';
import { formatMode } from './lib/mode.js';
import { readFileState } from './lib/remote-file.js';
import { execChecked } from './lib/target.js';
import { defineModule } from './lib/define-module.js';

export const statModule = defineModule({
  name: 'stat',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      path: { type: 'string', description: 'Path on the target (a symlink is described itself, not followed; `lnk_source` is its resolved path, `lnk_target` its own text).' },
      get_checksum: { type: 'boolean', default: true, description: 'Compute the checksum of a regular file.' },
      checksum_algorithm: { enum: ['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5'], default: 'sha1', description: 'Algorithm of `checksum`.' },
    },
    required: ['path'],
  },
  runsInCheckMode: true,
  async run(ctx, args) {
    const algorithm = args.checksum_algorithm ?? 'sha1';
    const wantChecksum = args.get_checksum !== false;
    const s = await readFileState(ctx, args.path, { maxContentBytes: 0, checksum: wantChecksum && algorithm === 'sha1' });
    if (!s.exists) return { changed: false, stat: { exists: false } };
    let checksum = s.checksum;
    if (wantChecksum && s.isFile && algorithm !== 'sha1') {
      const r = await execChecked(ctx, `${algorithm}sum < ${shellQuote(args.path)}`, `cannot checksum ${args.path}`);
      checksum = r.stdout.split(' ')[0];
    }
    const stat: Record<string, unknown> = {
      exists: true,
      path: args.path,
      mode: formatMode(s.mode ?? 0),
      isdir: s.isDir,
      isreg: s.isFile,
      islnk: s.isLink,
      uid: s.uid,
      gid: s.gid,
      pw_name: s.owner,
      gr_name: s.group,
      size: s.size,
      mtime: s.mtime,
    };
    if (s.isLink) {
      // As Ansible: lnk_source is the fully resolved path (os.path.realpath), lnk_target the link's own text.
      const real = await execChecked(ctx, `readlink -m -- ${shellQuote(args.path)} | base64 -w0`, `cannot resolve ${args.path}`);
      stat.lnk_source = Buffer.from(real.stdout.trim(), 'base64').toString('utf8').replace(/\n$/, '');
      stat.lnk_target = s.linkTarget;
    }
    if (wantChecksum && s.isFile) stat.checksum = checksum;
    return { changed: false, stat };
  },
});
