import { ownValue, withSortedEntry, withSortedItem } from './sorted-record';

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
  });
});
