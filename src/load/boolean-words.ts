// Ansible reads a boolean keyword written as text the way its boolean() does: "yes", "no", "true",
// "off", "1"... (any case) are booleans (`become: "yes"`, `gather_facts: "no"`). YAML 1.1 already
// makes the unquoted words booleans; this converts the quoted ones before the schema check.
import { KEYWORDS } from '../keywords.js';
import { isPlainObject } from './values.js';
import { asDeclaredType } from '../util/declared-type.js';

/** Keywords (and loop_control options) whose value is a boolean. */
const BOOLEAN_KEYS: ReadonlySet<string> = new Set<string>(KEYWORDS.filter((row) => (row.schema as { type?: unknown }).type === 'boolean').map((row) => row.key));
const BOOLEAN_LOOP_CONTROL = ['extended', 'extended_allitems'];

/** Ansible's boolean() words, read by the one conversion module arguments use too. */
const asBoolean = (value: unknown): unknown => asDeclaredType({ type: 'boolean' }, value);

/** `raw` with its boolean keywords' yes/no words made booleans (the same object when none is text). */
export function withBooleanWords(raw: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  const set = (key: string, value: unknown) => {
    out ??= { ...raw };
    out[key] = value;
  };
  for (const [key, value] of Object.entries(raw)) {
    if (BOOLEAN_KEYS.has(key) && typeof value === 'string' && asBoolean(value) !== value) set(key, asBoolean(value));
  }
  const control = raw.loop_control;
  if (isPlainObject(control) && BOOLEAN_LOOP_CONTROL.some((key) => typeof control[key] === 'string')) {
    set('loop_control', Object.fromEntries(Object.entries(control).map(([key, value]) => [key, BOOLEAN_LOOP_CONTROL.includes(key) ? asBoolean(value) : value])));
  }
  return out ?? raw;
}
