// apt_key: add a key to apt's keyring with `apt-key` (or remove it), as Ansible's apt_key does.
// The key comes from a URL (downloaded on the host, curl else wget, the URL on stdin so
// credentials never reach a command line), a file on the host, inline `data`, or a keyserver.
// A key is known by its id: the `id` argument, else the first key of the data, read with gpg.
// Present means that id (its last 16 hex digits; 8 for a short id) is among `apt-key` list's
// keys; after adding, the id must be there, else the task fails ("check that the id is correct")
// as Ansible's does. apt-key is deprecated (gone from Debian 13): a host without it fails clearly.
import { shellQuote } from '../util/shell-quote.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';
import { downloadFragment } from './lib/sys/download.js';
import { displayUrl } from './lib/sys/http-request.js';
import { ModuleFailure, execOnTarget } from './lib/target.js';

type AptKeyArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { description: 'The key id (8 or 16 hex digits, or the fingerprint; 0x allowed). Without it, the id is read from the key.', type: 'string' },
    url: { description: 'URL to download the key from (on the host).', type: 'string' },
    data: { description: 'The key itself (armored or binary text).', type: 'string' },
    file: { description: 'A key file on the host.', type: 'string' },
    keyring: { description: 'The keyring file apt-key adds to (apt-key --keyring).', type: 'string' },
    keyserver: { description: 'Keyserver to receive the key from (needs id).', type: 'string' },
    validate_certs: { description: 'Verify TLS certificates when downloading (default true).', type: 'boolean' },
    state: { description: 'present (default) or absent.', enum: ['present', 'absent'] },
  },
} as const;

const NO_APT_KEY = 30;
const NO_GPG = 31;
const NO_KEY = 32;
const ADD_FAILED = 33;
const RECEIVE_FAILED = 34;
const DELETE_FAILED = 35;

/** Ansible's parse_key_id: [last 8, the part compared with the listed keys (last 16), the whole id]. */
export function parseKeyId(written: string): { short: string; compared: string; full: string } {
  let id = written.trim().toUpperCase();
  if (id.startsWith('0X')) id = id.slice(2);
  if (!/^[0-9A-F]+$/.test(id)) throw new ModuleFailure('Invalid key_id');
  if (id.length !== 8 && id.length !== 16 && id.length <= 16) throw new ModuleFailure('key_id must be 8, 16, or 16+ hexadecimal characters in length');
  return { short: id.slice(-8), compared: id.length > 16 ? id.slice(-16) : id, full: id };
}

/** Key ids in `apt-key adv --list-public-keys --keyid-format=long` or `gpg --with-colons` output, as Ansible parses them. */
export function listedKeyIds(output: string): string[] {
  const found: string[] = [];
  for (const line of output.split('\n')) {
    if (!(line.startsWith('pub') || line.startsWith('sub')) || line.includes('expired')) continue;
    const code = line.split(/\s+/)[1];
    const slash = code?.split('/');
    if (slash?.length === 2) found.push(slash[1]!);
    else if (line.split(':').length > 4) found.push(line.split(':')[4]!);
  }
  return found;
}

const keyringOption = (args: AptKeyArgs) => (args.keyring ? ` --keyring ${shellQuote(args.keyring)}` : '');

/** Put the key's bytes in "$w/key" (URL, file or data on stdin); undefined when the key is only an id. */
function keySource(args: AptKeyArgs): { script: string; stdin?: string } | undefined {
  if (args.url !== undefined) {
    const download = downloadFragment({ url: args.url }, '"$w/key"', { timeoutSeconds: 30, validateCerts: args.validate_certs ?? true });
    return { script: download.script, stdin: download.stdin };
  }
  if (args.file !== undefined) return { script: `cp -- ${shellQuote(args.file)} "$w/key" || exit ${NO_KEY}` };
  if (args.data !== undefined) return { script: `cat > "$w/key"`, stdin: args.data };
  return undefined;
}

/** The script: list the keys; with `addIt`, fetch and add the key first (then list again). */
function script(args: AptKeyArgs, step: 'read' | 'add' | 'remove', id?: string): { script: string; stdin?: string } {
  const source = step === 'remove' ? undefined : keySource(args);
  const lines = [
    `command -v apt-key >/dev/null 2>&1 || exit ${NO_APT_KEY}`,
    `command -v gpg >/dev/null 2>&1 || exit ${NO_GPG}`,
    `w=$(mktemp -d) || exit 1; trap 'rm -rf -- "$w"' EXIT`,
    'export LANG=C LC_ALL=C',
  ];
  if (step === 'read' && source && args.id === undefined) {
    lines.push(source.script, `echo '== key'`, `gpg --with-colons "$w/key" 2>/dev/null`);
  }
  if (step === 'add') {
    if (source) lines.push(source.script, `apt-key${keyringOption(args)} add "$w/key" >&2 || exit ${ADD_FAILED}`);
    else lines.push(`apt-key${keyringOption(args)} adv --no-tty --keyserver ${shellQuote(args.keyserver ?? '')} --recv ${shellQuote(id ?? '')} >&2 || exit ${RECEIVE_FAILED}`);
  }
  if (step === 'remove') lines.push(`apt-key${keyringOption(args)} del ${shellQuote(id ?? '')} >&2 || exit ${DELETE_FAILED}`);
  lines.push(`echo '== listed'`, `apt-key${keyringOption(args)} adv --list-public-keys --keyid-format=long 2>/dev/null`);
  return { script: lines.join('\n'), stdin: step === 'remove' ? undefined : source?.stdin };
}

function section(stdout: string, name: string): string {
  const start = stdout.indexOf(`== ${name}\n`);
  if (start < 0) return '';
  const rest = stdout.slice(start + name.length + 4);
  const next = rest.indexOf('\n== ');
  return next < 0 ? rest : rest.slice(0, next);
}

async function runStep(ctx: ModuleContext, args: AptKeyArgs, step: 'read' | 'add' | 'remove', id?: string): Promise<string> {
  const { script: text, stdin } = script(args, step, id);
  const out = await execOnTarget(ctx, text, stdin === undefined ? {} : { stdin });
  if (out.rc === NO_APT_KEY) throw new ModuleFailure('apt_key needs apt-key on the host, and it is not there (Debian 13 and later have none: use a keyring file with get_url and signed-by)');
  if (out.rc === NO_GPG) throw new ModuleFailure('apt_key needs gpg on the host, and it is not installed');
  if (out.rc === NO_KEY) throw new ModuleFailure(`Unable to read the key file ${args.file ?? ''}`);
  if (out.rc === ADD_FAILED) throw new ModuleFailure(`Unable to add the key: ${out.stderr.trim()}`);
  if (out.rc === RECEIVE_FAILED) throw new ModuleFailure(`Error fetching key ${id ?? ''} from keyserver: ${args.keyserver ?? ''}`);
  if (out.rc === DELETE_FAILED) throw new ModuleFailure(`Unable to remove a key with id ${id ?? ''}`);
  if (out.rc !== 0) throw new ModuleFailure(`${args.url !== undefined ? `Failed to download key at ${displayUrl(args.url)}` : 'apt-key failed'}: ${out.stderr.trim() || `exit ${out.rc}`}`);
  return out.stdout;
}

async function runAptKey(ctx: ModuleContext, args: AptKeyArgs): Promise<ModuleResult> {
  const sources = (['data', 'file', 'keyserver', 'url'] as const).filter((k) => args[k] !== undefined);
  if (sources.length > 1) throw new ModuleFailure(`parameters are mutually exclusive: ${sources.join('|')}`);
  if (args.keyserver !== undefined && args.id === undefined) throw new ModuleFailure('Missing key_id, required with keyserver.');
  const state = args.state ?? 'present';
  const first = await runStep(ctx, args, 'read');
  const written = args.id ?? listedKeyIds(section(first, 'key'))[0];
  if (written === undefined) throw new ModuleFailure(state === 'absent' ? 'key is required to remove a key' : 'Unable to extract a key id from the key');
  const id = parseKeyId(written);
  const short = id.full.length === 8;
  const listed = (stdout: string) => listedKeyIds(section(stdout, 'listed')).map((k) => (short ? k.slice(-8) : k));
  const present = listed(first).includes(short ? id.short : id.compared);
  const result = { id: written, short_id: id.short, fp: id.compared, key_id: id.full };
  if (state === 'present') {
    if (present) return { changed: false, ...result };
    if (sources.length === 0) throw new ModuleFailure('No key to add: give url, data, file or keyserver');
    if (ctx.check) return { changed: true, ...result };
    const after = await runStep(ctx, args, 'add', id.full);
    if (!listed(after).includes(short ? id.short : id.compared)) {
      throw new ModuleFailure('apt-key did not return an error, but failed to add the key (check that the id is correct and *not* a subkey)', { changed: true, ...result });
    }
    return { changed: true, ...result };
  }
  if (!present) return { changed: false, ...result };
  if (ctx.check) return { changed: true, ...result };
  const after = await runStep(ctx, args, 'remove', id.short);
  if (listed(after).includes(id.compared)) throw new ModuleFailure('apt-key did not return an error, but the key was not removed', result);
  return { changed: true, ...result };
}

export const aptKeyModule = defineModule({ name: 'apt_key', schema, run: runAptKey });
