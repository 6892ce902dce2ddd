// apt_repository: one-line `deb [signed-by=...] URL SUITE COMPONENTS` sources in
// /etc/apt/sources.list.d/FILENAME.list; apt-get update runs only when a file changed.
import type { FileDiff, ModuleContext, ModuleResult } from './types.js';
import { CONFIG_FILE_NAME, fileMode, modeSchema, presenceSchema, requireOneLine } from './lib/sys/args.js';
import { ModuleFailure, execTool } from './lib/target.js';
import { updateAptCache } from './lib/sys/apt-state.js';
import { applyTextFile } from './lib/sys/text-file.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type AptRepositoryArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['repo'],
  properties: {
    repo: { description: "A sources.list line, e.g. 'deb [signed-by=/etc/apt/keyrings/k.gpg] https://host/path /'.", type: 'string' },
    state: presenceSchema,
    filename: { description: 'File name in /etc/apt/sources.list.d without .list (default: derived from the URL).', type: 'string' },
    update_cache: { description: 'Run apt-get update when a sources file changed (default true).', type: 'boolean' },
    mode: modeSchema,
  },
} as const;

const SOURCES_DIR = '/etc/apt/sources.list.d';
const FILE_MARK = '@@tsplay-sources-file@@ ';

/** Whitespace-insensitive form of a source line, so `deb  x` and `deb x` are the same repo. */
export function normalizeRepoLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/\[\s*/, '[').replace(/\s*\]/, ']');
}

/** Ansible's default file name: the URL without scheme, non-alphanumerics replaced by '_'. */
export function defaultRepoFilename(repo: string): string {
  const url = normalizeRepoLine(repo).replace(/^deb(-src)?\s+(\[[^\]]*\]\s+)?/, '').split(' ')[0] ?? '';
  return url.replace(/^[a-z]+:\/\//, '').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'tsplay';
}

export function parseSourcesDump(stdout: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const chunk of stdout.split(FILE_MARK).slice(1)) {
    const nl = chunk.indexOf('\n');
    files.set(chunk.slice(0, nl), Buffer.from(chunk.slice(nl + 1).trim(), 'base64').toString('utf8'));
  }
  return files;
}

export const READ_SOURCES_COMMAND = `for f in /etc/apt/sources.list ${SOURCES_DIR}/*.list; do [ -f "$f" ] || continue; printf '${FILE_MARK}%s\\n' "$f"; base64 < "$f" | tr -d '\\n'; echo; done`;

async function runAptRepository(ctx: ModuleContext, args: AptRepositoryArgs): Promise<ModuleResult> {
  const repo = normalizeRepoLine(requireOneLine('repo', args.repo));
  if (!/^deb(-src)?\s/.test(repo)) throw new ModuleFailure(`repo must start with 'deb ' or 'deb-src ': '${args.repo}'`);
  const filename = args.filename ?? defaultRepoFilename(repo);
  if (!CONFIG_FILE_NAME.test(filename)) throw new ModuleFailure(`invalid filename '${filename}'`);
  const target = `${SOURCES_DIR}/${filename}.list`;
  const files = parseSourcesDump((await execTool(ctx, READ_SOURCES_COMMAND, 'reading apt sources')).stdout);
  const isRepo = (l: string) => normalizeRepoLine(l) === repo;
  const desired = new Map<string, string | undefined>();
  if ((args.state ?? 'present') === 'present') {
    const present = [...files.values()].some((text) => text.split('\n').some(isRepo));
    if (!present) {
      const before = files.get(target) ?? '';
      desired.set(target, `${before}${before && !before.endsWith('\n') ? '\n' : ''}${repo}\n`);
    }
  } else {
    for (const [path, text] of files) {
      if (!text.split('\n').some(isRepo)) continue;
      const kept = text.split('\n').filter((l) => !isRepo(l)).join('\n');
      // Like Ansible, a sources.list.d file left without any content is deleted.
      desired.set(path, kept.trim() === '' && path !== '/etc/apt/sources.list' ? undefined : kept);
    }
  }
  const diff: FileDiff[] = [];
  for (const [path, text] of desired) {
    const outcome = await applyTextFile(ctx, path, files.get(path), text, fileMode(args.mode));
    if (outcome.diff) diff.push(outcome.diff);
  }
  const changed = diff.length > 0;
  const result: ModuleResult = { changed, repo, sources_file: target };
  if (ctx.diff && changed) result.diff = diff;
  if (changed && !ctx.check && (args.update_cache ?? true)) {
    await updateAptCache(ctx);
    result.cache_updated = true;
  }
  return result;
}

export const aptRepositoryModule = defineModule({ name: 'apt_repository', schema, run: runAptRepository });
