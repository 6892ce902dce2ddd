// Ansible's `omit`: a variable whose value is a placeholder; a module argument that templates to
// exactly it is left out, as if it had not been written (`mode: "{{ file_mode | default(omit) }}"`).
// The placeholder is random per run so no real value can collide with it.
import { randomBytes } from 'node:crypto';

export const OMIT_TOKEN = `__omit_place_holder__${randomBytes(20).toString('hex')}`;

/** Drop dict entries equal to the placeholder, through nested dicts and lists of dicts (Ansible's remove_omit). */
export function removeOmitted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(removeOmitted);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item === OMIT_TOKEN) continue;
    out[key] = removeOmitted(item);
  }
  return out;
}
