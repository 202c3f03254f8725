import { ownValue, withSortedEntry, withSortedItem } from './sorted-record';

/** The definition: every entry, the new one replacing any old, sorted by key. */
function referenceSortedEntry<V>(
  record: Readonly<Record<string, V>>,
  key: string,
  value: V,
): Record<string, V> {
  const entries = Object.entries(record).filter(([existing]) => existing !== key);
  entries.push([key, value]);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries);
}

describe(withSortedEntry.name, () => {
  it('returns a new map with keys in sorted order, leaving the input alone', () => {
    const input = Object.freeze({ b: 1, d: 2 });
    const output = withSortedEntry(input, 'a', 3);
    expect(Object.keys(output)).toEqual(['a', 'b', 'd']);
    expect(withSortedEntry(output, 'b', 9)).toEqual({ a: 3, b: 9, d: 2 });
    expect(input).toEqual({ b: 1, d: 2 });
  });

  it('stores a `__proto__` key as plain data', () => {
    const output = withSortedEntry<number>({}, '__proto__', 1);
    expect(Object.getPrototypeOf(output)).toBe(Object.prototype);
    expect(ownValue(output, '__proto__')).toBe(1);
    const updated = withSortedEntry(withSortedEntry(output, 'a', 2), '__proto__', 3);
    expect(Object.getPrototypeOf(updated)).toBe(Object.prototype);
    expect(Object.keys(updated)).toEqual(['__proto__', 'a']);
    expect(ownValue(updated, '__proto__')).toBe(3);
  });

  it.each([
    ['an update of an existing key', { a: 1, c: 3 }, 'c', 9],
    ['a key sorting last', { a: 1, c: 3 }, 'd', 9],
    ['a key sorting first', { b: 1, c: 3 }, 'a', 9],
    ['a key sorting in between', { a: 1, c: 3, e: 5 }, 'd', 9],
    ['a first key', {}, 'a', 9],
    ['integer-like keys, which objects list numerically', { '5': 1, x: 2 }, '10', 9],
    ['a record not in sorted order', { c: 3, a: 1 }, 'b', 9],
  ])('gives what sorting every entry gives, for %s', (_, record: Record<string, number>, key, value) => {
    const output = withSortedEntry(record, key, value);
    const expected = referenceSortedEntry(record, key, value);
    expect(output).toEqual(expected);
    expect(Object.keys(output)).toEqual(Object.keys(expected));
    expect(JSON.stringify(output)).toBe(JSON.stringify(expected));
  });
});

describe(ownValue.name, () => {
  it('never reads inherited properties', () => {
    expect(ownValue<number>({}, 'constructor')).toBeUndefined();
    expect(ownValue<number>({}, 'toString')).toBeUndefined();
  });
});

describe(withSortedItem.name, () => {
  it('adds an item once, in sorted position', () => {
    const list = withSortedItem(withSortedItem(undefined, 'web'), 'ads');
    expect(list).toEqual(['ads', 'web']);
    expect(withSortedItem(list, 'web')).toBe(list);
    expect(withSortedItem(['ads', 'web'], 'email')).toEqual(['ads', 'email', 'web']);
    expect(withSortedItem(['ads', 'email'], 'web')).toEqual(['ads', 'email', 'web']);
  });

  it('sorts a list that was not in order, as a full sort would', () => {
    const input = Object.freeze(['web', 'ads']);
    expect(withSortedItem(input, 'email')).toEqual(['ads', 'email', 'web']);
    expect(input).toEqual(['web', 'ads']);
  });
});
