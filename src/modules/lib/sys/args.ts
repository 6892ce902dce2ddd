// Argument helpers shared by the system modules.
import type { PropertiesArgs } from '../define-module.js';
import { resolveAttributes } from '../file-attributes.js';
import { ModuleFailure } from '../target.js';

/** Ansible's `list` type: a YAML list, or a comma-separated string. */
export function toList(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  const items = Array.isArray(value) ? value.map(String) : String(value).split(',');
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Names that end up as command words (packages, units, kernel modules) must look like names:
 * quoting keeps the shell safe, and this also keeps the tools from reading a name as an option.
 */
export function requireName(kind: string, value: string, pattern: RegExp): string {
  if (!pattern.test(value)) throw new ModuleFailure(`invalid ${kind} name '${value}'`);
  return value;
}

/** Names that become a file name under /etc (repositories, keyrings): no '/' and no spaces. */
export const CONFIG_FILE_NAME = /^[A-Za-z0-9_.-]+$/;

/** A config value written into a one-line-per-entry file must not smuggle in extra lines. */
export function requireOneLine(kind: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new ModuleFailure(`${kind} must be a single line`);
  return value;
}

/**
 * The numeric mode of a file these modules write, from the `mode` argument: parsed like every
 * module's mode (lib/mode.ts: octal, YAML 1.1 octal int, or symbolic applied to 0644).
 */
export function fileMode(mode: string | number | undefined): number | undefined {
  return resolveAttributes({ mode }, undefined, false).mode;
}

/** Shared schema fragments (draft-07). */
export const stringOrList = (description: string) => ({
  description,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
} as const);
export const modeSchema = { description: "File mode, octal string like '0644' (quote it in YAML).", type: ['string', 'integer'] } as const;
export const presenceSchema = { description: 'present (default) or absent.', enum: ['present', 'absent'] } as const;

/** state and mode of the modules that manage one config file (repositories, keyrings). */
export type ConfigFileArgs = PropertiesArgs<{ state: typeof presenceSchema; mode: typeof modeSchema }>;
/** mode/owner/group of modules that fix the attributes of a file they fetched or edited (lib/file-attributes.ts applies them). */
export const attributeSchemas = {
  mode: { description: "Mode, octal string like '0644' (quote it in YAML).", type: ['string', 'integer'] },
  owner: { description: 'Owner (name or uid).', type: 'string' },
  group: { description: 'Group (name or gid).', type: 'string' },
} as const;
