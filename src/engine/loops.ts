// `with_items` is Ansible's `items` lookup: a list of lists is flattened one level, and a single
// value (a string, a dict) is a list of one. `loop` takes the list as it is.
export function flattenWithItems(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return [value];
  return value.flatMap((item) => (Array.isArray(item) ? item : [item]));
}
