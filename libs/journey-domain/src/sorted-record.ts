/**
 * Immutable updates of the id-keyed maps and sets inside a journey state. Keys stay sorted so a state
 * serialises to the same bytes whatever order its facts arrived in, and lookups go through
 * `Object.hasOwn` so an id such as `constructor` never reads an inherited property.
 */

/** The value stored under `key`, ignoring anything inherited from Object.prototype. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A copy of `record` with `key` set to `value`, keys in sorted order. */
export function withSortedEntry<V>(
  record: Readonly<Record<string, V>> | undefined,
  key: string,
  value: V,
): Readonly<Record<string, V>> {
  const entries = Object.entries(record ?? {}).filter(([existing]) => existing !== key);
  entries.push([key, value]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // fromEntries defines own properties, so even a `__proto__` key would stay plain data.
  return Object.fromEntries(entries);
}

/** A copy of the sorted list `items` with `item` added, or the list itself if it already holds it. */
export function withSortedItem(items: readonly string[] | undefined, item: string): readonly string[] {
  const list = items ?? [];
  if (list.includes(item)) return list;
  return [...list, item].sort();
}
