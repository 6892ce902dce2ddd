// Reading and writing files on the target. Every file-writing module (copy, template, lineinfile,
// blockinfile, and the system modules) goes through `readFileState` and `ensureFile`, so they all
// compare, back up, validate, write atomically and honour check/diff mode the same way.
//
// Targets are Linux with GNU coreutils (stat -c, sha1sum, base64), as kubeadm hosts are.
import { createHash, randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import { shellQuote } from '../../util/shell-quote.js';
import type { FileDiff, ModuleContext } from '../types.js';
import { readFile } from 'node:fs/promises';
import { execChecked, execOnTarget, isLocalFile, ModuleFailure, putOnTarget, type FileContent, type LocalFileContent } from './target.js';

export interface FileState {
  readonly path: string;
  /** Something is at the path (a dangling symlink counts: it exists as a link). */
  readonly exists: boolean;
  readonly isDir: boolean;
  readonly isFile: boolean;
  readonly isLink: boolean;
  readonly linkTarget?: string;
  /**
   * Read with `follow` and the path is a symlink: the canonical path it leads to (even when that
   * does not exist yet), where an edit through the link must write.
   */
  readonly realPath?: string;
  /** Whole content of a regular file, unless it was larger than the limit or not asked for. */
  readonly content?: Buffer;
  /** True when the file is larger than maxContentBytes and its content was not transferred. */
  readonly contentSkipped?: boolean;
  /** Permission bits (0o7777 part). */
  readonly mode?: number;
  readonly owner?: string;
  readonly group?: string;
  readonly uid?: number;
  readonly gid?: number;
  readonly size?: number;
  /** Modification time, seconds since the epoch. */
  readonly mtime?: number;
  /** sha1 hex of a regular file. */
  readonly checksum?: string;
}

export interface ReadFileStateOptions {
  /** Files larger than this are not transferred (contentSkipped); default 4 MiB. 0 = never transfer content. */
  readonly maxContentBytes?: number;
  /** Compute the sha1 checksum of a regular file; default true. */
  readonly checksum?: boolean;
  /**
   * Describe what a symlink points to instead of the link (stat -L): a dangling link does not
   * exist. For modules that edit a file in place through a link, as the tools reading it do.
   */
  readonly follow?: boolean;
}

const DEFAULT_MAX_CONTENT = 4 * 1024 * 1024;

/**
 * Everything about one path in ONE round trip: lstat (a link is reported as a link, not followed),
 * the link target, the sha1 and the base64 content of a regular file. Lines are `key=value`; the
 * values that could hold any byte (link target, content) travel base64-encoded.
 *
 * Process starts on the target are the cost (hosts are small VMs sharing cores), so the probe
 * uses shell builtins wherever it can: one `stat` for every field (the size is cut out of its
 * output with parameter expansion), then one `base64` for the content — whose sha1 the controller
 * computes — or one `sha1sum` when the content is not transferred. A small regular file costs
 * 2 processes (was ~9), a metadata-only read 1.
 */
export async function readFileState(ctx: ModuleContext, path: string, options: ReadFileStateOptions = {}): Promise<FileState> {
  const max = options.maxContentBytes ?? DEFAULT_MAX_CONTENT;
  const wantChecksum = options.checksum ?? true;
  const follow = options.follow === true;
  const result = await execOnTarget(ctx, fileStateScript(path, max, wantChecksum, follow));
  if (result.rc !== 0) throw new ModuleFailure(`cannot read ${path}: ${result.stderr.trim() || `exit ${result.rc}`}`);
  const fields = new Map<string, string>();
  for (const line of result.stdout.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) fields.set(line.slice(0, at), line.slice(at + 1));
  }
  const realPath = fields.has('real') ? linkTargetFrom(fields.get('real') ?? '') : undefined;
  if (fields.get('exists') !== '1') return { path, exists: false, isDir: false, isFile: false, isLink: false, ...(realPath === undefined ? {} : { realPath }) };
  const [rawMode = '0', owner, group, uid, gid, size, mtime] = (fields.get('stat') ?? '').split('|');
  const type = parseInt(rawMode, 16) & 0o170000;
  const rawContent = fields.get('content');
  const content = rawContent === undefined ? undefined : Buffer.from(rawContent, 'base64');
  return {
    path,
    exists: true,
    isDir: type === 0o040000,
    isFile: type === 0o100000,
    isLink: type === 0o120000,
    linkTarget: fields.has('link') ? linkTargetFrom(fields.get('link') ?? '') : undefined,
    ...(realPath === undefined ? {} : { realPath }),
    content,
    contentSkipped: fields.get('skipped') === '1' || (type === 0o100000 && max === 0) || undefined,
    mode: parseInt(rawMode, 16) & 0o7777,
    owner,
    group,
    uid: uid === undefined ? undefined : Number(uid),
    gid: gid === undefined ? undefined : Number(gid),
    size: size === undefined ? undefined : Number(size),
    mtime: mtime === undefined ? undefined : Number(mtime),
    checksum: checksumFrom(fields, content, wantChecksum),
  };
}

/**
 * The probe. Output keys: real, exists, stat, link, content, skipped, sha1 (`sha1=` alone when the file
 * could not be read, as before). An unreadable file (possible without become) keeps the old
 * answers: an empty checksum, and empty content when it is small enough to have been read.
 */
function fileStateScript(path: string, max: number, wantChecksum: boolean, follow: boolean): string {
  const stat = follow ? 'stat -L' : 'stat';
  const sha1 = wantChecksum ? `printf 'sha1='; sha1sum < "$p"; echo` : ':';
  return [
    `p=${shellQuote(path)}`,
    // readlink -m: the whole chain resolved, also when its end does not exist (create through a link).
    ...(follow ? [`if [ -L "$p" ]; then printf 'real='; readlink -m -- "$p" | base64 -w0; echo; fi`] : []),
    follow ? `if [ ! -e "$p" ]; then echo exists=0; exit 0; fi` : `if [ ! -e "$p" ] && [ ! -L "$p" ]; then echo exists=0; exit 0; fi`,
    `s=$(${stat} -c '%f|%U|%G|%u|%g|%s|%Y' -- "$p") || exit 1`,
    `printf 'exists=1\\nstat=%s\\n' "$s"`,
    // readlink adds one newline, removed on the controller (a target may itself end in one).
    follow ? ':' : `if [ -L "$p" ]; then printf 'link='; readlink -- "$p" | base64 -w0; echo; exit 0; fi`,
    `[ -f "$p" ] || exit 0`,
    // The size is the 6th field; owner and group names cannot hold '|'.
    `r=\${s#*|*|*|*|*|}; size=\${r%%|*}`,
    `if [ ! -r "$p" ]; then ${wantChecksum ? 'echo sha1=; ' : ''}if [ "$size" -le ${max} ]; then echo content=; else echo skipped=1; fi; exit 0; fi`,
    // max 0: the caller wants no content, but a file whose size reads 0 is still read, as it always
    // was (a /proc or /sys file reports size 0 and has content).
    max === 0 ? `if [ "$size" -eq 0 ]; then printf 'content='; base64 -w0 < "$p"; echo; else echo skipped=1; fi; ${sha1}` : `if [ "$size" -le ${max} ]; then printf 'content='; base64 -w0 < "$p"; echo; else echo skipped=1; ${sha1}; fi`,
  ].join('\n');
}

function linkTargetFrom(encoded: string): string {
  const target = Buffer.from(encoded, 'base64').toString('utf8');
  return target.endsWith('\n') ? target.slice(0, -1) : target;
}

/** sha1sum's `HASH  -`, or the sha1 of the content the probe sent instead of running sha1sum. */
function checksumFrom(fields: ReadonlyMap<string, string>, content: Buffer | undefined, wantChecksum: boolean): string | undefined {
  const reported = fields.get('sha1');
  if (reported !== undefined) return reported.split(' ')[0];
  return wantChecksum && content !== undefined ? sha1(content) : undefined;
}

export interface DesiredFile {
  /** A controller file (LocalFileContent) is compared by sha1 and streamed, never read whole. */
  readonly content: FileContent;
  /** Numeric mode; undefined keeps the current mode (0644 for a new file). */
  readonly mode?: number;
  readonly owner?: string;
  readonly group?: string;
  /** Keep a copy `path.PID.YYYY-MM-DD@HH:MM:SS~` before changing the content (not on attribute-only changes). */
  readonly backup?: boolean;
  /** Command run on the new content before it replaces the file; `%s` is the temporary file. Non-zero exit fails. */
  readonly validate?: string;
  /** Already-read state of the path, to save a round trip. Must have been read with content. */
  readonly current?: FileState;
  /**
   * When `current` was read with `follow` and the path is a symlink: write the file it leads to and
   * keep the link (the backup is still named after the path), as Ansible's lineinfile, blockinfile
   * and replace do. Otherwise a write replaces a link with a regular file.
   */
  readonly throughLink?: boolean;
}

export interface EnsureFileResult {
  readonly changed: boolean;
  /** Present when ctx.diff and the content changed (or would change). */
  readonly diff?: FileDiff;
  readonly backupFile?: string;
  /** The state read before acting. */
  readonly before: FileState;
}

/** Does an owner/group argument (name or numeric id) name what the file has? */
export function sameOwner(wanted: string | undefined, name: string | undefined, id: number | undefined): boolean {
  if (wanted === undefined) return true;
  return wanted === name || (/^\d+$/.test(wanted) && Number(wanted) === id);
}

/** Text shown in a diff for some content: binary files are not shown line by line. */
export function diffText(content: Buffer | undefined): string {
  if (content === undefined) return '';
  return content.includes(0) ? '(binary file)\n' : content.toString('utf8');
}

/** The new side of a diff: a controller file is read only when it is small enough to show. */
async function newDiffText(content: Buffer | LocalFileContent): Promise<string> {
  if (!isLocalFile(content)) return diffText(content);
  if (content.size > DEFAULT_MAX_CONTENT) return `(file of ${content.size} bytes: not shown)\n`;
  return diffText(await readFile(content.localPath));
}

/**
 * Make `path` a regular file with this content and attributes. Reads the current state, changes
 * only what differs (content is written atomically; attribute-only changes use chmod/chown), writes
 * nothing in check mode, and reports `changed` exactly when something differed.
 */
export async function ensureFile(ctx: ModuleContext, path: string, desired: DesiredFile): Promise<EnsureFileResult> {
  const before = desired.current ?? await readFileState(ctx, path);
  if (before.isDir) throw new ModuleFailure(`${path} is a directory`);
  const content = typeof desired.content === 'string' ? Buffer.from(desired.content, 'utf8') : desired.content;
  const contentDiffers = !before.exists || before.isLink || !sameContent(before, content);
  const modeDiffers = desired.mode !== undefined && before.mode !== (desired.mode & 0o7777);
  const ownerDiffers = !sameOwner(desired.owner, before.owner, before.uid);
  const groupDiffers = !sameOwner(desired.group, before.group, before.gid);
  const changed = contentDiffers || modeDiffers || ownerDiffers || groupDiffers;
  const diff = ctx.diff && contentDiffers ? { path, before: diffText(before.content), after: await newDiffText(content) } : undefined;
  if (!changed || ctx.check) return { changed, diff, before };

  const written = desired.throughLink ? before.realPath ?? path : path;
  let backupFile: string | undefined;
  if (contentDiffers) {
    if (desired.backup && before.exists && before.isFile) backupFile = await backupOnTarget(ctx, path);
    if (desired.validate !== undefined) await writeValidated(ctx, written, content, desired, before);
    else await putOnTarget(ctx, written, content, { mode: desired.mode, owner: desired.owner, group: desired.group });
  } else {
    await setAttributes(ctx, written, { mode: modeDiffers ? desired.mode : undefined, owner: ownerDiffers ? desired.owner : undefined, group: groupDiffers ? desired.group : undefined });
  }
  return { changed, diff, backupFile, before };
}

function sameContent(state: FileState, content: Buffer | LocalFileContent): boolean {
  if (isLocalFile(content)) return state.checksum !== undefined && state.checksum === content.sha1;
  if (state.content !== undefined) return state.content.equals(content);
  if (state.checksum !== undefined) return state.checksum === sha1(content);
  return false;
}

function sha1(content: Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

/** chmod/chown on an existing path (no content change). */
export async function setAttributes(ctx: ModuleContext, path: string, attrs: { mode?: number; owner?: string; group?: string }, options: { noDereference?: boolean } = {}): Promise<void> {
  const q = shellQuote(path);
  const h = options.noDereference ? '-h ' : '';
  const steps: string[] = [];
  if (attrs.owner !== undefined || attrs.group !== undefined) {
    const spec = `${attrs.owner ?? ''}${attrs.group !== undefined ? ':' + attrs.group : ''}`;
    steps.push(`chown ${h}-- ${shellQuote(spec)} ${q}`);
  }
  if (attrs.mode !== undefined) steps.push(`chmod -- ${(attrs.mode & 0o7777).toString(8).padStart(4, '0')} ${q}`);
  if (steps.length === 0) return;
  await execChecked(ctx, steps.join(' && '), `cannot set attributes of ${path}`);
}

/** Copy the file to `path.PID.YYYY-MM-DD@HH:MM:SS~` (Ansible's backup name, in the target's local time). */
export async function backupOnTarget(ctx: ModuleContext, path: string): Promise<string> {
  const q = shellQuote(path);
  const result = await execChecked(ctx, `b=${q}.$$.$(date +%Y-%m-%d@%H:%M:%S)~ && cp -p -- ${q} "$b" && printf '%s' "$b"`, `cannot back up ${path}`);
  return result.stdout;
}

/** How long the removal of a validate temporary file may take after its command was cut off. */
const CLEANUP_TIMEOUT_MS = 10_000;

/**
 * validate: the new content goes to a temporary file next to the destination (same filesystem),
 * the validate command runs on it, and only when it passes is it renamed over the destination.
 */
async function writeValidated(ctx: ModuleContext, path: string, content: FileContent, desired: DesiredFile, before: FileState): Promise<void> {
  if (!desired.validate!.includes('%s')) throw new ModuleFailure(`validate must contain %s (the file to check): ${desired.validate}`);
  const temp = posix.join(posix.dirname(path), `.tsplay-validate.${randomBytes(6).toString('hex')}.${posix.basename(path)}`);
  await putOnTarget(ctx, temp, content, { mode: desired.mode ?? before.mode, owner: desired.owner, group: desired.group });
  const tq = shellQuote(temp);
  const q = shellQuote(path);
  const validate = desired.validate!.split('%s').join(tq);
  // Keep the destination's owner when none is asked for (as a direct write would).
  const keepOwner = before.exists && desired.owner === undefined && desired.group === undefined ? `chown --reference=${q} ${tq} 2>/dev/null; ` : '';
  const script = `trap 'rm -f -- ${tq}' EXIT\n( ${validate} ) >&2 || { echo "validation failed: exit $?" >&2; exit 3; }\n${keepOwner}mv -f -- ${tq} ${q}`;
  const result = await execOnTarget(ctx, script).catch(async (error: unknown) => {
    // Cut off by the task timeout (the shell is killed, so its trap never runs) or by the host going
    // away: remove the temporary file ourselves, best effort, and report what happened.
    await ctx.conn.exec(`rm -f -- ${tq}`, { become: ctx.become, timeoutMs: CLEANUP_TIMEOUT_MS }).catch(() => undefined);
    throw error;
  });
  if (result.rc === 3) throw new ModuleFailure(`failed to validate: ${result.stderr.trim()}`, { validate_cmd: desired.validate });
  if (result.rc !== 0) throw new ModuleFailure(`cannot write ${path}: ${result.stderr.trim() || `exit ${result.rc}`}`);
}
