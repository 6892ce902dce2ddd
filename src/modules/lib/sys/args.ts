// Argument helpers shared by the system modules.
import { ModuleFailure } from './host.js';

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

/** A config value written into a one-line-per-entry file must not smuggle in extra lines. */
export function requireOneLine(kind: string, value: string): string {
  if (/[\r\n]/.test(value)) throw new ModuleFailure(`${kind} must be a single line`);
  return value;
}

/** Mode as Ansible accepts it: an octal string ('0644', '644') or a number already parsed from YAML 1.1 octal. */
export function parseMode(mode: string | number | undefined): number | undefined {
  if (mode === undefined) return undefined;
  if (typeof mode === 'number') return mode;
  if (!/^0?[0-7]{3,4}$/.test(mode)) throw new ModuleFailure(`mode must be octal like '0644', got '${mode}'`);
  return parseInt(mode, 8);
}

/** Shared schema fragments (draft-07). */
export const stringOrList = (description: string) => ({
  description,
  anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
});
export const modeSchema = { description: "File mode, octal string like '0644' (quote it in YAML).", type: ['string', 'integer'] };
