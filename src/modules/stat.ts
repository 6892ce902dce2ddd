// stat: facts about one path, never changed, all in ONE round trip: `stat` for the numbers, test(1)
// for the access the task's user has, and when asked (Ansible's defaults: yes) the checksum,
// `file` for the MIME type and `lsattr` for the attributes. A missing `file` or `lsattr` gives
// Ansible's 'unknown' / empty answers, not a failure.
import { shellQuote } from '../util/shell-quote.js';
import { defineModule } from './lib/define-module.js';
import { fileAttributes, parseStatLine, STAT_PRINTF } from './lib/stat-probe.js';
import { statInfo } from './lib/stat-record.js';
import { execChecked } from './lib/target.js';

const ALGORITHMS = ['sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'md5'] as const;

export const statModule = defineModule({
  name: 'stat',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      path: { type: 'string', description: 'Path on the target (aliases: dest, name). A symlink is described itself unless `follow`; `lnk_source` is its resolved path, `lnk_target` its own text.' },
      dest: { type: 'string', description: 'Alias of path.' },
      name: { type: 'string', description: 'Alias of path.' },
      follow: { type: 'boolean', default: false, description: 'Describe what a symlink points to (a dangling link then does not exist).' },
      get_checksum: { type: 'boolean', default: true, description: 'Compute `checksum` of a readable regular file.' },
      checksum_algorithm: { enum: ALGORITHMS, default: 'sha1', description: 'Algorithm of `checksum` (aliases: checksum, checksum_algo).' },
      checksum: { enum: ALGORITHMS, description: 'Alias of checksum_algorithm.' },
      checksum_algo: { enum: ALGORITHMS, description: 'Alias of checksum_algorithm.' },
      get_md5: { type: 'boolean', default: false, description: 'Also return `md5` (deprecated in Ansible, kept for old playbooks).' },
      get_mime: { type: 'boolean', default: true, description: "`mimetype` and `charset` from the target's `file` command ('unknown' without it). Aliases: mime, mime_type, mime-type." },
      mime: { type: 'boolean', description: 'Alias of get_mime.' },
      mime_type: { type: 'boolean', description: 'Alias of get_mime.' },
      'mime-type': { type: 'boolean', description: 'Alias of get_mime.' },
      get_attributes: { type: 'boolean', default: true, description: '`attributes`, `attr_flags` and `version` from `lsattr` (empty without it). Aliases: attr, attributes.' },
      attr: { type: 'boolean', description: 'Alias of get_attributes.' },
      attributes: { type: 'boolean', description: 'Alias of get_attributes.' },
    },
    anyOf: [{ required: ['path'] }, { required: ['dest'] }, { required: ['name'] }],
  },
  runsInCheckMode: true,
  async run(ctx, args) {
    const path = (args.path ?? args.dest ?? args.name)!;
    const algorithm = args.checksum_algorithm ?? args.checksum ?? args.checksum_algo ?? 'sha1';
    const wantMime = args.get_mime ?? args.mime ?? args.mime_type ?? args['mime-type'] ?? true;
    const wantAttributes = args.get_attributes ?? args.attr ?? args.attributes ?? true;
    const follow = args.follow === true;
    const statCmd = follow ? 'stat -L' : 'stat';
    const script = [
      `p=${shellQuote(path)}`,
      follow ? `[ -e "$p" ] || { echo exists=0; exit 0; }` : `[ -e "$p" ] || [ -L "$p" ] || { echo exists=0; exit 0; }`,
      `printf 'stat='; ${statCmd} --printf '${STAT_PRINTF}\\n' -- "$p" || exit 1`,
      `a=; [ -r "$p" ] && a=r; [ -w "$p" ] && a=\${a}w; [ -x "$p" ] && a=\${a}x; echo "access=$a"`,
      // lnk_source is the fully resolved path (os.path.realpath), lnk_target the link's own text.
      ...(follow ? [] : [`if [ -L "$p" ]; then printf 'lnk_source='; readlink -m -- "$p" | base64 -w0; printf '\\nlnk_target='; readlink -- "$p" | base64 -w0; echo; fi`]),
      `regular() { [ -f "$p" ] && [ -r "$p" ] ${follow ? '' : '&& [ ! -L "$p" ] '}; }`,
      ...(args.get_checksum === false ? [] : [`if regular; then printf 'checksum='; ${algorithm}sum < "$p"; fi`]),
      ...(args.get_md5 ? [`if regular; then printf 'md5='; md5sum < "$p"; fi`] : []),
      ...(wantMime ? [`if command -v file >/dev/null 2>&1; then printf 'mime='; file -b --mime-type --mime-encoding -- "$p" | head -n 1; fi`] : []),
      ...(wantAttributes ? [`if command -v lsattr >/dev/null 2>&1; then printf 'attr='; lsattr -vd -- "$p" 2>/dev/null | head -n 1; echo; fi`] : []),
    ].join('\n');
    const fields = keyValues((await execChecked(ctx, script, `cannot stat ${path}`)).stdout);
    if (fields.get('exists') === '0') return { changed: false, stat: { exists: false } };
    const line = parseStatLine(fields.get('stat') ?? '');
    const access = fields.get('access') ?? '';
    const stat: Record<string, unknown> = { exists: true, path, ...statInfo(line.raw, undefined), ...line.extra };
    Object.assign(stat, { readable: access.includes('r'), writeable: access.includes('w'), executable: access.includes('x') });
    if (fields.has('lnk_source')) {
      stat.lnk_source = fromBase64(fields.get('lnk_source')!);
      stat.lnk_target = fromBase64(fields.get('lnk_target') ?? '');
    }
    if (fields.has('checksum')) stat.checksum = fields.get('checksum')!.split(' ')[0];
    if (fields.has('md5')) stat.md5 = fields.get('md5')!.split(' ')[0];
    if (wantMime) Object.assign(stat, mimeOf(fields.get('mime')));
    if (wantAttributes) Object.assign(stat, fileAttributes(fields.get('attr')));
    return { changed: false, stat };
  },
});

function keyValues(stdout: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const l of stdout.split('\n')) {
    const at = l.indexOf('=');
    if (at > 0 && !fields.has(l.slice(0, at))) fields.set(l.slice(0, at), l.slice(at + 1));
  }
  return fields;
}

/** readlink adds one newline, which base64 kept: a target may itself end in one, so only that is cut. */
function fromBase64(encoded: string): string {
  return Buffer.from(encoded, 'base64').toString('utf8').replace(/\n$/, '');
}

/** `text/plain; charset=us-ascii` as Ansible splits it; 'unknown' for both when `file` is missing or fails. */
function mimeOf(line: string | undefined): { mimetype: string; charset: string } {
  const m = /^([^;]+);\s*charset=(.+)$/.exec(line?.trim() ?? '');
  return m ? { mimetype: m[1]!.trim(), charset: m[2]!.trim() } : { mimetype: 'unknown', charset: 'unknown' };
}
