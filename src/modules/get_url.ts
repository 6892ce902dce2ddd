// get_url: download a file ON THE TARGET (curl, else wget) into a temporary file next to dest,
// verify the checksum there, and rename it over dest only when the content differs.
// An existing dest whose checksum matches (or, without checksum and force, any existing dest) is ok
// without downloading. In check mode nothing is downloaded: a missing dest (or force) predicts changed.
// The URL, headers and credentials reach curl/wget on stdin, never on a command line (lib/sys/http-request.ts).
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { ensureAttributesFromArgs } from './lib/file-attributes.js';
import { attributeSchemas } from './lib/sys/args.js';
import { downloadFragment } from './lib/sys/download.js';
import { displayUrl, type TargetRequest } from './lib/sys/http-request.js';
import { ModuleFailure, execTool } from './lib/target.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type GetUrlArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['url', 'dest'],
  properties: {
    url: { description: 'http(s) or ftp URL, fetched by the host itself.', type: 'string' },
    dest: { description: 'Destination file (or an existing directory: the URL file name is used).', type: 'string' },
    checksum: { description: "'sha256:HEX' (also md5, sha1, sha224, sha384, sha512): verified before dest is replaced.", type: 'string' },
    force: { description: 'Download even when dest exists (replaced only when the content differs). Default false.', type: 'boolean' },
    timeout: { description: 'Download timeout in seconds (default 10).', type: 'integer', minimum: 1 },
    headers: { description: 'Extra HTTP request headers (sent to curl/wget on stdin, never on a command line).', type: 'object', additionalProperties: { type: 'string' } },
    url_username: { description: 'User name for HTTP basic authentication (also possible as user:password@ in the URL).', type: 'string' },
    url_password: { description: 'Password for HTTP basic authentication; like the URL and headers it never appears on a command line.', type: 'string' },
    force_basic_auth: { description: 'Send the credentials with the first request instead of after a 401 challenge (curl always does).', type: 'boolean' },
    validate_certs: { description: 'Verify TLS certificates (default true).', type: 'boolean' },
    ...attributeSchemas,
  },
} as const;

const ALGORITHMS = new Set(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']);

export function parseChecksum(text: string): { algorithm: string; hex: string } {
  const [algorithm = '', hex = ''] = text.split(':', 2);
  if (!ALGORITHMS.has(algorithm.toLowerCase()) || !/^[0-9a-fA-F]+$/.test(hex)) {
    throw new ModuleFailure(`checksum must be 'ALGORITHM:HEX' with one of ${[...ALGORITHMS].join(', ')}`);
  }
  return { algorithm: algorithm.toLowerCase(), hex: hex.toLowerCase() };
}

function probeCommand(dest: string, algorithm: string | undefined): string {
  const q = shellQuote(dest);
  const sum = algorithm ? `; ${algorithm}sum < ${q} | cut -d' ' -f1` : '';
  return `if [ -d ${q} ]; then echo dir; elif [ -f ${q} ]; then echo file${sum}; else echo none; fi`;
}

/** The download script, and its stdin (the request: URL, headers, credentials). */
export function downloadScript(args: GetUrlArgs, dest: string, checksum?: { algorithm: string; hex: string }): TargetRequest {
  const q = shellQuote(dest);
  const request = { url: args.url, headers: args.headers, username: args.url_username, password: args.url_password, forceBasicAuth: args.force_basic_auth };
  const download = downloadFragment(request, '"$t"', { timeoutSeconds: args.timeout ?? 10, validateCerts: args.validate_certs });
  const lines = [
    `d=$(dirname -- ${q}); t=$(mktemp "$d/.tsplay-get_url.XXXXXXXX") || exit 1`,
    `trap 'rm -f -- "$t"' EXIT`,
    download.script,
  ];
  if (checksum) {
    lines.push(
      `s=$(${checksum.algorithm}sum < "$t" | cut -d' ' -f1)`,
      `if [ "$s" != ${checksum.hex} ]; then echo "checksum mismatch: expected ${checksum.algorithm}:${checksum.hex}, got $s" >&2; exit 22; fi`,
    );
  }
  lines.push(
    `if [ -f ${q} ] && cmp -s "$t" ${q}; then echo same; exit 0; fi`,
    `if [ -e ${q} ]; then chmod --reference=${q} "$t"; chown --reference=${q} "$t" 2>/dev/null; else chmod 0644 "$t"; fi`,
    `mv -f -- "$t" ${q} || exit 1`,
    `trap - EXIT; echo changed`,
  );
  return { script: lines.join('\n'), stdin: download.stdin };
}

async function runGetUrl(ctx: ModuleContext, args: GetUrlArgs): Promise<ModuleResult> {
  const checksum = args.checksum ? parseChecksum(args.checksum) : undefined;
  let dest = args.dest;
  let probe = (await execTool(ctx, probeCommand(dest, checksum?.algorithm), `stat ${dest}`)).stdout.trim().split('\n');
  if (probe[0] === 'dir') {
    const file = new URL(args.url).pathname.split('/').filter(Boolean).pop();
    if (!file) throw new ModuleFailure(`dest ${dest} is a directory and the URL has no file name`);
    dest = `${dest.replace(/\/+$/, '')}/${decodeURIComponent(file)}`;
    probe = (await execTool(ctx, probeCommand(dest, checksum?.algorithm), `stat ${dest}`)).stdout.trim().split('\n');
  }
  const exists = probe[0] === 'file';
  const upToDate = exists && (checksum ? probe[1] === checksum.hex : !args.force);
  let changed = false;
  let msg = 'file already exists';
  if (!upToDate) {
    if (ctx.check) {
      changed = true;
      msg = 'would download';
    } else {
      const { script, stdin } = downloadScript(args, dest, checksum);
      const out = await execTool(ctx, script, `downloading ${displayUrl(args.url)}`, stdin);
      changed = out.stdout.includes('changed');
      msg = changed ? 'OK' : 'file already up to date';
    }
  }
  // In check mode a file that would be downloaded does not exist yet: its attributes are moot.
  if ((exists || !ctx.check) && (await ensureAttributesFromArgs(ctx, dest, args))) changed = true;
  return { changed, dest, url: args.url, msg, ...(checksum ? { checksum_dest: checksum.hex } : {}) };
}

export const getUrlModule = defineModule({ name: 'get_url', schema, run: runGetUrl });
