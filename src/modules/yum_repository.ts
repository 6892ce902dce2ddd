// yum_repository: one [NAME] section in /etc/yum.repos.d/FILE.repo; other sections of the file are kept.
import type { ModuleContext, ModuleResult } from './types.js';
import { CONFIG_FILE_NAME, fileMode, modeSchema, presenceSchema, requireOneLine, stringOrList, toList } from './lib/sys/args.js';
import { ModuleFailure } from './lib/target.js';
import { applyTextFile, readTextFile } from './lib/sys/text-file.js';
import { removeIniSection, setIniSection } from './lib/sys/ini-section.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type YumRepositoryArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { description: 'Repository id (the [section] name).', type: 'string' },
    description: { description: 'Human-readable name (the name= line); required with state present.', type: 'string' },
    baseurl: stringOrList('Base URL(s) of the repository.'),
    gpgkey: stringOrList('URL(s) of the GPG key(s).'),
    gpgcheck: { description: 'Check package signatures (gpgcheck=1/0).', type: 'boolean' },
    repo_gpgcheck: { description: 'Check repository metadata signatures.', type: 'boolean' },
    enabled: { description: 'enabled=1/0 (default true).', type: 'boolean' },
    skip_if_unavailable: { description: 'skip_if_unavailable=1/0: dnf/yum carry on when this repository cannot be reached.', type: 'boolean' },
    exclude: stringOrList('Packages to exclude from this repository (kubelet kubeadm kubectl ...).'),
    file: { description: 'File name without .repo (default: name).', type: 'string' },
    state: presenceSchema,
    mode: modeSchema,
  },
} as const;

export function yumSectionLines(args: YumRepositoryArgs): string[] {
  if (!args.description) throw new ModuleFailure('state present needs description');
  if (args.baseurl === undefined) throw new ModuleFailure('state present needs baseurl');
  const one = (k: string, v: string) => `${k}=${requireOneLine(k, v)}`;
  const lines = [one('name', args.description), one('baseurl', toList(args.baseurl).join(' '))];
  lines.push(`enabled=${args.enabled === false ? 0 : 1}`);
  if (args.gpgcheck !== undefined) lines.push(`gpgcheck=${args.gpgcheck ? 1 : 0}`);
  if (args.repo_gpgcheck !== undefined) lines.push(`repo_gpgcheck=${args.repo_gpgcheck ? 1 : 0}`);
  if (args.skip_if_unavailable !== undefined) lines.push(`skip_if_unavailable=${args.skip_if_unavailable ? 1 : 0}`);
  if (args.gpgkey !== undefined) lines.push(one('gpgkey', toList(args.gpgkey).join(' ')));
  if (args.exclude !== undefined) lines.push(one('exclude', toList(args.exclude).join(' ')));
  return lines;
}

async function runYumRepository(ctx: ModuleContext, args: YumRepositoryArgs): Promise<ModuleResult> {
  const file = args.file ?? args.name;
  if (!CONFIG_FILE_NAME.test(args.name) || !CONFIG_FILE_NAME.test(file)) throw new ModuleFailure(`invalid repository name or file '${file}'`);
  const path = `/etc/yum.repos.d/${file}.repo`;
  const before = await readTextFile(ctx, path);
  let desired: string | undefined;
  if ((args.state ?? 'present') === 'present') desired = setIniSection(before ?? '', args.name, yumSectionLines(args));
  else if (before !== undefined) {
    const rest = removeIniSection(before, args.name);
    desired = rest.trim() === '' ? undefined : rest;
  }
  const outcome = await applyTextFile(ctx, path, before, desired, fileMode(args.mode));
  const result: ModuleResult = { changed: outcome.changed, repo: args.name, dest: path };
  if (ctx.diff && outcome.diff) result.diff = [outcome.diff];
  return result;
}

export const yumRepositoryModule = defineModule({ name: 'yum_repository', schema, run: runYumRepository });
