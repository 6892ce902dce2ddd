// Vault-sourced values are masked in every output even without no_log: each string in an event
// (results, items, diffs, warnings, titles) has every revealed secret replaced by ********.
export const MASK = '********';

/** Longest first, so a secret that contains another is masked whole. */
function ordered(secrets: Iterable<string>): string[] {
  return [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
}

export function maskText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const secret of ordered(secrets)) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

/** A deep copy of `value` with every secret masked in strings and object keys; other values pass through. */
export function maskValue<T>(value: T, secrets: Iterable<string>): T {
  const list = ordered(secrets);
  if (list.length === 0) return value;
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskText(v, list);
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item));
      return out;
    }
    if (Buffer.isBuffer(v) || v instanceof Date) return v;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [key, item] of Object.entries(v)) out[maskText(key, list)] = walk(item);
    return out;
  };
  return walk(value) as T;
}
