// authorized_key: SSH public keys in a user's authorized_keys (~USER/.ssh/authorized_keys unless
// `path`). A key is matched by its type and base64 blob, so a changed comment or options line is
// rewritten in place, not added twice; `exclusive` keeps only the given keys. With manage_dir the
// .ssh directory is created and kept 0700 and owned by the user; the file is written atomically,
// 0600, owned by the user.
import { shellQuote } from '../util/shell-quote.js';
import { ensureFile, readFileState, setAttributes } from './lib/remote-file.js';
import { ACCOUNT_NAME, readUser } from './lib/sys/accounts.js';
import { presenceSchema, requireName, requireOneLine } from './lib/sys/args.js';
import { ModuleFailure, execChecked } from './lib/target.js';
import type { ModuleContext, ModuleResult } from './types.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

type AuthorizedKeyArgs = ArgsOf<typeof schema>;

interface KeyLine {
  options: string;
  type: string;
  blob: string;
  comment: string;
}

const KEY_TYPE = /^(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp(?:256|384|521)|sk-(?:ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(?:-cert-v01@openssh\.com)?$/;

/** Split off a leading options field (it may hold quoted spaces: command="a b",no-pty). */
function splitOptions(line: string): [options: string, rest: string] {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === '\\' && quoted) { i++; continue; }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ' ' || ch === '\t')) return [line.slice(0, i), line.slice(i).trimStart()];
  }
  return [line, ''];
}

export function parseKeyLine(raw: string): KeyLine | undefined {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return undefined;
  let options = '';
  let rest = line;
  if (!KEY_TYPE.test(line.split(/\s+/)[0]!)) [options, rest] = splitOptions(line);
  const [type = '', blob = '', ...comment] = rest.split(/\s+/);
  if (!KEY_TYPE.test(type) || !/^[A-Za-z0-9+/]+={0,3}$/.test(blob)) return undefined;
  return { options, type, blob, comment: comment.join(' ') };
}

const formatKey = (k: KeyLine): string => [k.options, k.type, k.blob, k.comment].filter((part) => part !== '').join(' ');

/** The new file text (or the same text when nothing changes). */
export function updatedAuthorizedKeys(current: string, keys: readonly KeyLine[], state: 'present' | 'absent', exclusive: boolean): string {
  const lines = current === '' ? [] : current.replace(/\n$/, '').split('\n');
  const blobs = new Set(keys.map((k) => k.blob));
  if (state === 'absent') return joinLines(lines.filter((line) => !blobs.has(parseKeyLine(line)?.blob ?? '')));
  if (exclusive) return joinLines(keys.map(formatKey));
  const out = [...lines];
  for (const key of keys) {
    const at = out.findIndex((line) => parseKeyLine(line)?.blob === key.blob);
    if (at >= 0) out[at] = formatKey(key);
    else out.push(formatKey(key));
  }
  return joinLines(out);
}

const joinLines = (lines: readonly string[]): string => (lines.length ? `${lines.join('\n')}\n` : '');

async function runAuthorizedKey(ctx: ModuleContext, args: AuthorizedKeyArgs): Promise<ModuleResult> {
  const user = requireName('user', args.user, ACCOUNT_NAME);
  if (args.key_options !== undefined) requireOneLine('key_options', args.key_options);
  if (args.comment !== undefined) requireOneLine('comment', args.comment);
  const keys = args.key.split('\n').map(parseKeyLine).filter((k): k is KeyLine => k !== undefined)
    .map((k) => ({ ...k, options: args.key_options ?? k.options, comment: args.comment ?? k.comment }));
  if (keys.length === 0) throw new ModuleFailure('key holds no SSH public key (expected lines like "ssh-ed25519 AAAA... comment")');
  const account = await readUser(ctx, user, false);
  if (!account) throw new ModuleFailure(`user ${user} does not exist`);
  const path = args.path ?? `${account.home.replace(/\/$/, '')}/.ssh/authorized_keys`;
  const dir = path.replace(/\/[^/]*$/, '') || '/';
  const state = args.state ?? 'present';
  let dirChanged = false;
  if (args.manage_dir !== false && state === 'present') {
    const dirState = await readFileState(ctx, dir, { maxContentBytes: 0, checksum: false });
    if (dirState.exists && !dirState.isDir) throw new ModuleFailure(`${dir} exists and is not a directory`);
    dirChanged = !dirState.exists || dirState.mode !== 0o700 || dirState.owner !== user;
    if (dirChanged && !ctx.check) {
      if (!dirState.exists) await execChecked(ctx, `mkdir -p -- ${shellQuote(dir)}`, `cannot create ${dir}`);
      await setAttributes(ctx, dir, { mode: 0o700, owner: user, group: account.primaryGroup });
    }
  }
  const before = await readFileState(ctx, path, { follow: true });
  const text = before.content?.toString('utf8') ?? '';
  const desired = updatedAuthorizedKeys(text, keys, state, args.exclusive === true);
  const result = { user, path, state, exclusive: args.exclusive === true, key: keys.map(formatKey).join('\n') };
  if (state === 'absent' && !before.exists) return { changed: false, ...result };
  const file = await ensureFile(ctx, path, { content: desired, mode: 0o600, owner: user, group: account.primaryGroup, current: before });
  return { changed: dirChanged || file.changed, ...result, ...(file.diff ? { diff: [file.diff] } : {}) };
}

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['user', 'key'],
  properties: {
    user: { description: 'The account whose authorized_keys is managed; it must exist.', type: 'string' },
    key: { description: 'One or more public keys, one per line (as in a .pub file).', type: 'string' },
    state: presenceSchema,
    path: { description: 'The authorized_keys file (default ~USER/.ssh/authorized_keys).', type: 'string' },
    manage_dir: { description: "Create the file's directory and keep it 0700 and owned by the user (default true).", type: 'boolean', default: true },
    exclusive: { description: 'Remove every other key from the file.', type: 'boolean', default: false },
    key_options: { description: 'Options put in front of each key, e.g. from="10.0.0.0/8",no-pty.', type: 'string' },
    comment: { description: 'Replaces the comment of each key.', type: 'string' },
  },
} as const;

export const authorizedKeyModule = defineModule({
  name: 'authorized_key',
  schema,
  run: runAuthorizedKey,
});
