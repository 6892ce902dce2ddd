// deb822_repository: a repository as /etc/apt/sources.list.d/NAME.sources in deb822 format.
// Like Ansible's module it does not run apt-get update: follow it with `apt: update_cache: true`.
import type { ModuleContext, ModuleResult } from './types.js';
import { CONFIG_FILE_NAME, fileMode, modeSchema, presenceSchema, requireOneLine, stringOrList, toList } from './lib/sys/args.js';
import { ModuleFailure } from './lib/target.js';
import { ensureTextFile } from './lib/sys/text-file.js';
import { defineModule, type ArgsOf } from './lib/define-module.js';

export type Deb822RepositoryArgs = ArgsOf<typeof schema>;

const schema = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { description: 'Repository name; the file is /etc/apt/sources.list.d/NAME.sources.', type: 'string' },
    uris: stringOrList('Repository URIs.'),
    suites: stringOrList("Suites, e.g. 'bookworm' or '/' for flat repositories."),
    components: stringOrList('Components, e.g. main (omit for flat repositories).'),
    signed_by: { description: 'Path of a keyring file, or an ASCII-armored public key embedded in the file.', type: 'string' },
    types: stringOrList("'deb' (default) and/or 'deb-src'."),
    architectures: stringOrList('Restrict to these architectures.'),
    enabled: { description: 'Write Enabled: no when false (default true).', type: 'boolean' },
    state: presenceSchema,
    mode: modeSchema,
  },
} as const;

/** deb822 multi-line field: continuation lines start with a space, empty lines become ' .'. */
function field(key: string, value: string): string {
  const lines = value.trim().split('\n');
  if (lines.length === 1) return `${key}: ${lines[0]}\n`;
  return `${key}:\n${lines.map((l) => (l.trim() === '' ? ' .' : ` ${l.trim()}`)).join('\n')}\n`;
}

export function renderDeb822(args: Deb822RepositoryArgs): string {
  const list = (v: string | string[] | undefined) => toList(v).map((x) => requireOneLine('a field', x)).join(' ');
  const uris = list(args.uris);
  const suites = list(args.suites);
  if (!uris || !suites) throw new ModuleFailure('state present needs uris and suites');
  let text = field('X-Repolib-Name', requireOneLine('name', args.name));
  text += field('Types', list(args.types) || 'deb');
  text += field('URIs', uris);
  text += field('Suites', suites);
  if (args.components !== undefined) text += field('Components', list(args.components));
  if (args.architectures !== undefined) text += field('Architectures', list(args.architectures));
  if (args.enabled === false) text += field('Enabled', 'no');
  if (args.signed_by !== undefined) {
    if (!args.signed_by.includes('-----BEGIN')) requireOneLine('signed_by', args.signed_by);
    text += field('Signed-By', args.signed_by);
  }
  return text;
}

async function runDeb822(ctx: ModuleContext, args: Deb822RepositoryArgs): Promise<ModuleResult> {
  if (!CONFIG_FILE_NAME.test(args.name)) throw new ModuleFailure(`invalid repository name '${args.name}' (letters, digits, '_', '.', '-')`);
  const path = `/etc/apt/sources.list.d/${args.name}.sources`;
  const desired = (args.state ?? 'present') === 'present' ? renderDeb822(args) : undefined;
  const outcome = await ensureTextFile(ctx, path, desired, fileMode(args.mode));
  const result: ModuleResult = { changed: outcome.changed, dest: path, repo: desired ?? '' };
  if (ctx.diff && outcome.diff) result.diff = [outcome.diff];
  return result;
}

export const deb822RepositoryModule = defineModule({ name: 'deb822_repository', schema, run: runDeb822 });
