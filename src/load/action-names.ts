// Ansible's include/import actions are ansible.builtin modules: a task may spell them
// `ansible.builtin.include_tasks` or `ansible.legacy.include_tasks` (modern playbooks do, on their
// first line). The loader reads them under their short names; YamlSource.loc finds the written key.
import { LoadError } from '../errors.js';
import type { YamlPath, YamlSource } from './yaml-source.js';

/** The collection prefixes under which Ansible's own actions (and modules) may be written. */
export const BUILTIN_PREFIXES = ['ansible.builtin.', 'ansible.legacy.'] as const;

/** The short name of `key` when it is one of `actions` written with a builtin prefix. */
export function shortActionName(key: string, actions: readonly string[]): string | undefined {
  const prefix = BUILTIN_PREFIXES.find((p) => key.startsWith(p));
  const short = prefix === undefined ? undefined : key.slice(prefix.length);
  return short !== undefined && actions.includes(short) ? short : undefined;
}

/** `raw` with `ansible.builtin.X` / `ansible.legacy.X` keys of the given actions renamed to X. */
export function withShortActionNames(raw: Record<string, unknown>, actions: readonly string[], src: YamlSource, path: YamlPath): Record<string, unknown> {
  const renamed = Object.keys(raw).filter((key) => shortActionName(key, actions) !== undefined);
  if (renamed.length === 0) return raw;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = shortActionName(key, actions) ?? key;
    if (name in out) throw new LoadError(`'${name}' is written twice in this entry (once as '${key}')`, src.keyLoc([...path, key]));
    out[name] = value;
  }
  return out;
}
