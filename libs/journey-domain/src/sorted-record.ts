/**
 * Immutable updates of the id-keyed maps and sets inside a journey state. Keys stay sorted so a state
 * serialises to the same bytes whatever order its facts arrived in, and lookups go through
 * `Object.hasOwn` so an id such as `constructor` never reads an inherited property.
 */

/** The value stored under `key`, ignoring anything inherited from Object.prototype. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * Defines `key` on `target` as an own data property. A plain assignment would do, except for the key
 * `__proto__`, which assignment turns into a change of prototype instead of plain data.
 */
function defineOwn<V>(target: Record<string, V>, key: string, value: V): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * The general case: every entry sorted afresh. Used only when the record's keys do not already
 * enumerate in sorted order (integer-like keys, which objects enumerate numerically, or a record
 * not built here).
 */
function sortedCopy<V>(
  record: Readonly<Record<string, V>>,
  key: string,
  value: V,
): Readonly<Record<string, V>> {
  const entries = Object.entries(record).filter(([existing]) => existing !== key);
  entries.push([key, value]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // fromEntries defines own properties, so even a `__proto__` key would stay plain data.
  return Object.fromEntries(entries);
}

/**
 * The copy when `key` is not yet in the sorted `record` and belongs before its last key: one pass
 * that defines the existing keys with the new one merged in at its place.
 */
function mergedCopy<V>(
  record: Readonly<Record<string, V>>,
  key: string,
  value: V,
): Readonly<Record<string, V>> {
  const copy: Record<string, V> = {};
  let placed = false;
  for (const existing in record) {
    if (!Object.hasOwn(record, existing)) continue;
    if (!placed && key < existing) {
      defineOwn(copy, key, value);
      placed = true;
    }
    defineOwn(copy, existing, record[existing]);
  }
  if (!placed) defineOwn(copy, key, value);
  return copy;
}

/**
 * A copy of `record` with `key` set to `value`, keys in sorted order.
 *
 * Called for nearly every event, on maps that are already sorted, so it avoids building, sorting and
 * re-reading an array of entries: when the key is already there or sorts last, a spread copy (which
 * keeps the key order) takes the value; otherwise the key is merged in at its place. Either way the
 * keys are defined in the order a full sort gives, so the copy enumerates (and serialises) exactly as
 * one built by sorting. A record whose keys do not enumerate in sorted order (integer-like keys,
 * which objects list numerically, or a record not built here) is sorted in full.
 */
export function withSortedEntry<V>(
  record: Readonly<Record<string, V>> | undefined,
  key: string,
  value: V,
): Readonly<Record<string, V>> {
  const copy: Record<string, V> = {};
  if (record === undefined) {
    defineOwn(copy, key, value);
    return copy;
  }
  let last: string | undefined;
  let present = false;
  for (const existing in record) {
    if (!Object.hasOwn(record, existing)) continue;
    if (last !== undefined && !(last < existing)) return sortedCopy(record, key, value);
    last = existing;
    if (existing === key) present = true;
  }
  if (!present && last !== undefined && key < last) return mergedCopy(record, key, value);
  const spread: Record<string, V> = { ...record };
  defineOwn(spread, key, value);
  return spread;
}

/**
 * A copy of the sorted list `items` with `item` added, or the list itself if it already holds it.
 * The copy is built in one pass with the item at its place; a list not in strictly ascending order
 * (not built here) is sorted in full instead, which is what the copy then equals either way.
 */
export function withSortedItem(items: readonly string[] | undefined, item: string): readonly string[] {
  const list = items ?? [];
  if (list.includes(item)) return list;
  const copy: string[] = [];
  let placed = false;
  for (let i = 0; i < list.length; i += 1) {
    const existing = list[i];
    if (i > 0 && !(list[i - 1] < existing)) return [...list, item].sort();
    if (!placed && item < existing) {
      copy.push(item);
      placed = true;
    }
    copy.push(existing);
  }
  if (!placed) copy.push(item);
  return copy;
}
