// Ansible prints results with Python's json.dumps(sort_keys=True): `{"a": 1, "b": [1, 2]}` on one
// line (", " and ": " separators), or indented by 4 at -vvv. Users grep and diff that text, so we
// reproduce it rather than JSON.stringify's compact form.

export function pythonJson(value: unknown, indent?: number): string {
  return dump(value, indent, 0);
}

function dump(value: unknown, indent: number | undefined, depth: number): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? 'Infinity' : Number.isNaN(value) ? 'NaN' : '-Infinity';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('utf8'));
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    const items = value.map((v) => dump(v, indent, depth + 1));
    return wrap('[', ']', items, indent, depth);
  }
  if (value instanceof Map) return dump(Object.fromEntries(value), indent, depth);
  if (value instanceof Set) return dump([...value], indent, depth);
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}: ${dump((value as Record<string, unknown>)[k], indent, depth + 1)}`);
    return wrap('{', '}', entries, indent, depth);
  }
  return JSON.stringify(String(value));
}

function wrap(open: string, close: string, items: string[], indent: number | undefined, depth: number): string {
  if (items.length === 0) return open + close;
  if (indent === undefined) return open + items.join(', ') + close;
  const inner = ' '.repeat(indent * (depth + 1));
  const outer = ' '.repeat(indent * depth);
  return `${open}\n${items.map((i) => inner + i).join(',\n')}\n${outer}${close}`;
}
