// Tables keyed by names users choose (hosts, groups): an inventory may well name a host `__proto__`,
// `constructor` or `toString`. A plain `{}` would hand those keys to Object.prototype (writing
// `table['__proto__']` replaces the table's prototype, reading `table['toString']` finds a function),
// so such tables have no prototype at all. JSON.stringify, Object.keys/entries and spreads treat them
// as ordinary objects.

/** An empty object without a prototype, for use as a name-keyed table. */
export function nameTable<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
