// `tsplay role list` and `tsplay role doc NAME`: the roles on the search path (the shipped ones
// last) and one role's arguments with their types, defaults (from defaults/main.yml, the value the
// role really uses) and descriptions (from meta/argument_specs.yml).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { roleSearchPath } from '../load/roles.js';
import { UsageError } from './args.js';
import { EXIT } from './exit-code.js';
import type { CliIO } from './io.js';

const USAGE = 'usage: tsplay role list | tsplay role doc NAME   [--roles-path P]';

type Option = { type?: string; required?: boolean; default?: unknown; description?: string | string[]; choices?: unknown[]; elements?: string };
type Specs = { argument_specs?: Record<string, { short_description?: string; description?: string | string[]; options?: Record<string, Option | null> }> };

function readYaml(file: string): unknown {
  if (!existsSync(file)) return undefined;
  // A vaulted value is shown as such, never decrypted for documentation.
  return parse(readFileSync(file, 'utf8'), { customTags: [{ tag: '!vault', resolve: () => '(vault-encrypted)' }] });
}

function firstExisting(dir: string, names: readonly string[]): string | undefined {
  return names.map((n) => join(dir, n)).find(existsSync);
}

function rolesOn(path: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const dir of path) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      if (!found.has(name) && existsSync(join(dir, name, 'tasks'))) found.set(name, join(dir, name));
    }
  }
  return found;
}

const text = (d: string | string[] | undefined) => (Array.isArray(d) ? d.join(' ') : d ?? '');

function describeRole(name: string, dir: string): string {
  const specsFile = firstExisting(join(dir, 'meta'), ['argument_specs.yml', 'argument_specs.yaml']);
  const specs = (specsFile ? readYaml(specsFile) : (readYaml(join(dir, 'meta', 'main.yml')) as Specs | undefined)) as Specs | undefined;
  const defaultsFile = firstExisting(join(dir, 'defaults'), ['main.yml', 'main.yaml']);
  const defaults = ((defaultsFile ? readYaml(defaultsFile) : undefined) ?? {}) as Record<string, unknown>;
  const lines = [`ROLE ${name}  (${dir})`];
  const entries = Object.entries(specs?.argument_specs ?? {});
  if (entries.length === 0) lines.push('', 'No argument specs (meta/argument_specs.yml). Defaults:', ...Object.entries(defaults).map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`));
  for (const [entry, spec] of entries) {
    lines.push('', `ENTRY POINT ${entry}: ${text(spec.short_description)}`);
    if (spec.description) lines.push(`  ${text(spec.description)}`);
    for (const [option, raw] of Object.entries(spec.options ?? {})) {
      const o = raw ?? {};
      const type = o.type === 'list' && o.elements ? `list of ${o.elements}` : o.type ?? 'str';
      const value = o.default !== undefined ? o.default : defaults[option];
      const facts = [type, o.required ? 'required' : value !== undefined ? `default ${JSON.stringify(value)}` : 'optional'];
      if (o.choices) facts.push(`one of ${o.choices.map((c) => JSON.stringify(c)).join(', ')}`);
      lines.push('', `  ${option} (${facts.join('; ')})`);
      if (o.description) lines.push(`      ${text(o.description)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function roleCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const rest = [...argv];
  const extra: string[] = [];
  for (let at = rest.indexOf('--roles-path'); at >= 0; at = rest.indexOf('--roles-path')) {
    if (rest[at + 1] === undefined) throw new UsageError(`argument --roles-path: expected one argument\n${USAGE}`);
    extra.push(...rest[at + 1]!.split(':').filter(Boolean));
    rest.splice(at, 2);
  }
  const roles = rolesOn(roleSearchPath(io.cwd, extra, io.env));
  const [action, name, ...more] = rest;
  if (action === 'list' && name === undefined) {
    io.stdout.write([...roles].map(([role, dir]) => `${role.padEnd(24)} ${dir}`).join('\n') + '\n');
    return EXIT.OK;
  }
  if (action !== 'doc' || name === undefined || more.length > 0) throw new UsageError(USAGE);
  const dir = roles.get(name);
  if (!dir) throw new UsageError(`role '${name}' not found on the roles path (tsplay role list shows the roles found)`);
  io.stdout.write(describeRole(name, dir));
  return EXIT.OK;
}
