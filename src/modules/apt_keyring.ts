// apt_keyring (tsplay's replacement for the deprecated apt_key): put a repository signing key in
// /etc/apt/keyrings/NAME.gpg, stored dearmored (binary) so `signed-by=` can use it. The key is
// downloaded ON THE TARGET (curl or wget) or given as `data`, dearmored there with gpg, and only
// replaces the file when the resulting bytes differ. In check mode the key is still fetched into a
// temporary directory (to know whether it differs), which is removed; the keyring is not touched.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { CONFIG_FILE_NAME, fileMode, modeSchema, presenceSchema, requireName } from './lib/sys/args.js';
import { downloadFragment } from './lib/sys/download.js';
import { displayUrl, type TargetRequest } from './lib/sys/http-request.js';
import { removeFile } from './lib/sys/text-file.js';
import { ModuleFailure, execOnTarget, execTool } from './lib/target.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type AptKeyringArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { description: 'Keyring name: dest defaults to /etc/apt/keyrings/NAME.gpg.', type: 'string' },
    url: { description: 'URL of the key (ASCII-armored or binary), fetched by the host itself.', type: 'string' },
    data: { description: 'The key itself (ASCII-armored), instead of url.', type: 'string' },
    dest: { description: 'Keyring path (default /etc/apt/keyrings/NAME.gpg).', type: 'string' },
    state: presenceSchema,
    mode: modeSchema,
    timeout: { description: 'Download timeout in seconds (default 30).', type: 'integer', minimum: 1 },
  },
} as const;

/** The script, and its stdin: the key itself, or the download's URL (see lib/sys/http-request.ts). */
export function keyringScript(dest: string, source: { url: string } | { data: string }, install: boolean, mode: number, timeout: number): TargetRequest {
  const q = shellQuote(dest);
  const download = 'url' in source ? downloadFragment({ url: source.url }, '"$tmp/raw"', { timeoutSeconds: timeout }) : undefined;
  const lines = [
    `tmp=$(mktemp -d) || exit 1`,
    `trap 'rm -rf -- "$tmp"' EXIT`,
    download ? download.script : `cat > "$tmp/raw" || exit 1`,
    `if grep -q -e '-----BEGIN PGP' "$tmp/raw"; then`,
    `  command -v gpg >/dev/null 2>&1 || { echo 'gpg is needed on the host to dearmor the key' >&2; exit 23; }`,
    `  GNUPGHOME="$tmp" gpg --batch --yes --dearmor -o "$tmp/key" "$tmp/raw" || exit 22`,
    `else mv -- "$tmp/raw" "$tmp/key"; fi`,
    `if [ -f ${q} ] && cmp -s "$tmp/key" ${q}; then echo same; exit 0; fi`,
    `echo differs`,
  ];
  if (install) {
    const m = mode.toString(8).padStart(4, '0');
    lines.push(
      `d=$(dirname -- ${q}); mkdir -p -m 0755 "$d" || exit 1`,
      `t=$(mktemp "$d/.tsplay-tmp.XXXXXXXX") || exit 1`,
      `cat "$tmp/key" > "$t" && chmod ${m} "$t" && mv -f -- "$t" ${q} || { rm -f -- "$t"; exit 1; }`,
    );
  }
  return { script: lines.join('\n'), stdin: download ? download.stdin : 'data' in source ? source.data : '' };
}

async function runAptKeyring(ctx: ModuleContext, args: AptKeyringArgs): Promise<ModuleResult> {
  const dest = args.dest ?? (args.name ? `/etc/apt/keyrings/${args.name}.gpg` : undefined);
  if (dest === undefined) throw new ModuleFailure('apt_keyring needs name or dest');
  if (args.name !== undefined) requireName('keyring', args.name, CONFIG_FILE_NAME);
  if ((args.state ?? 'present') === 'absent') {
    const exists = (await execOnTarget(ctx, `test -e ${shellQuote(dest)}`)).rc === 0;
    if (exists && !ctx.check) await removeFile(ctx, dest);
    return { changed: exists, dest };
  }
  if ((args.url === undefined) === (args.data === undefined)) throw new ModuleFailure('apt_keyring needs exactly one of url or data');
  const source = args.url !== undefined ? { url: args.url } : { data: args.data! };
  const { script, stdin } = keyringScript(dest, source, !ctx.check, fileMode(args.mode) ?? 0o644, args.timeout ?? 30);
  const result = await execTool(ctx, script, args.url ? `fetching the key from ${displayUrl(args.url)}` : 'storing the key', stdin);
  const changed = result.stdout.includes('differs');
  return { changed, dest };
}

export const aptKeyringModule = defineModule({ name: 'apt_keyring', schema, run: runAptKeyring });
