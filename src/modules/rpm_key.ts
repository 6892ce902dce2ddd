// rpm_key: import a GPG key into the rpm database (`rpm --import`), or remove it. The key is a URL
// (downloaded on the host, curl else wget, the URL on stdin), a file on the host, or (for absent) a
// key id. Like Ansible's module the key is known by its last 8 hex digits (the `gpg-pubkey-KEYID`
// package rpm makes of it), read with gpg; a host without rpm fails clearly (Debian lab hosts have none).
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { downloadFragment } from './lib/sys/download.js';
import { displayUrl } from './lib/sys/http-request.js';
import { ModuleFailure, execOnTarget } from './lib/target.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['key'],
  properties: {
    key: { description: 'A URL, a key file on the host, or (state absent) a key id such as 0xDEADBEEF.', type: 'string' },
    state: { description: 'present (default) or absent.', enum: ['present', 'absent'] },
    fingerprint: { description: 'The key must have this fingerprint (spaces ignored), else the task fails.', type: 'string' },
    validate_certs: { description: 'Verify TLS certificates when downloading (default true).', type: 'boolean' },
  },
} as const;

const KEY_ID = /^(0x)?[0-9a-fA-F]{8}([0-9a-fA-F]{8})?$/;
const NO_RPM = 30;
const NO_GPG = 31;

/**
 * The script: fetch the key into "$w/key", print its id and fingerprint, and the installed key ids;
 * with `importIt`, then `rpm --import` that file (so a URL, which may hold credentials, never
 * reaches a command line).
 */
function keyScript(key: string, validateCerts: boolean, importIt = false): { script: string; stdin?: string } {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(key);
  const download = isUrl ? downloadFragment({ url: key }, '"$w/key"', { timeoutSeconds: 30, validateCerts }) : undefined;
  const script = [
    `command -v rpm >/dev/null 2>&1 || exit ${NO_RPM}`,
    KEY_ID.test(key) && !isUrl ? `echo "keyid=${key.replace(/^0x/i, '').slice(-8).toLowerCase()}"` : [
      `command -v gpg >/dev/null 2>&1 || exit ${NO_GPG}`,
      `w=$(mktemp -d) || exit 1; trap 'rm -rf -- "$w"' EXIT`,
      download ? download.script : `cp -- ${shellQuote(key)} "$w/key" || exit 1`,
      `gpg --no-tty --batch --with-colons --fixed-list-mode --show-keys "$w/key" 2>/dev/null | awk -F: '$1=="pub" && !k {k=1; print "keyid=" tolower(substr($5, length($5)-7))} $1=="fpr" && !f {f=1; print "fpr=" $10}'`,
      ...(importIt ? [`rpm --import "$w/key" || exit 32`] : []),
    ].join('\n'),
    `rpm -q --qf 'installed=%{VERSION}\\n' gpg-pubkey 2>/dev/null; true`,
  ].join('\n');
  return { script, stdin: download?.stdin };
}

async function runRpmKey(ctx: ModuleContext, args: ArgsOf<typeof schema>): Promise<ModuleResult> {
  const state = args.state ?? 'present';
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(args.key);
  if (state === 'present' && KEY_ID.test(args.key) && !isUrl) throw new ModuleFailure('Not a public key: a key id can only be removed (give a URL or a key file to import)');
  const { script, stdin } = keyScript(args.key, args.validate_certs ?? true);
  const out = await execOnTarget(ctx, script, stdin === undefined ? {} : { stdin });
  if (out.rc === NO_RPM) throw new ModuleFailure('rpm_key needs rpm on the host, and rpm is not installed');
  if (out.rc === NO_GPG) throw new ModuleFailure('rpm_key needs gpg on the host to read the key, and gpg is not installed');
  if (out.rc !== 0) throw new ModuleFailure(`reading the key ${displayUrl(args.key)} failed: ${out.stderr.trim() || `exit ${out.rc}`}`);
  const lines = out.stdout.split('\n');
  const keyid = lines.find((l) => l.startsWith('keyid='))?.slice(6);
  const fingerprint = lines.find((l) => l.startsWith('fpr='))?.slice(4);
  if (!keyid) throw new ModuleFailure(`Not a public key: ${displayUrl(args.key)}`);
  if (args.fingerprint !== undefined) {
    const wanted = args.fingerprint.replace(/\s+/g, '').toUpperCase();
    if (fingerprint?.toUpperCase() !== wanted) throw new ModuleFailure(`The specified fingerprint, '${wanted}', does not match the key fingerprint '${fingerprint ?? ''}'`);
  }
  const installed = lines.some((l) => l === `installed=${keyid}`);
  const changed = state === 'present' ? !installed : installed;
  if (changed && !ctx.check) {
    // The import fetches the key again into a private directory and imports that file.
    const step = state === 'present' ? keyScript(args.key, args.validate_certs ?? true, true) : { script: `rpm --erase --allmatches ${shellQuote(`gpg-pubkey-${keyid}`)}`, stdin: undefined };
    const done = await execOnTarget(ctx, step.script, step.stdin === undefined ? {} : { stdin: step.stdin });
    if (done.rc !== 0) throw new ModuleFailure(`rpm ${state === 'present' ? '--import' : '--erase'} failed: ${done.stderr.trim() || `exit ${done.rc}`}`);
  }
  return { changed, keyid, ...(fingerprint ? { fingerprint } : {}) };
}

export const rpmKeyModule = defineModule({ name: 'rpm_key', schema, run: runRpmKey });
