import fc from 'fast-check';
import { duplicateKeyField, findDuplicateKeys } from './duplicate-keys';

describe(findDuplicateKeys.name, () => {
  it('finds nothing in an object whose keys are distinct', () => {
    expect(findDuplicateKeys('{"type":"order_placed","properties":{"type":1,"amount":"1"}}')).toEqual([]);
  });

  it('finds a key repeated at the top level, with conflicting values', () => {
    expect(findDuplicateKeys('{"type":"order_placed","eventId":"e","type":"ad_click"}')).toEqual([
      { path: [], key: 'type' },
    ]);
  });

  it('treats an escaped key as the key it spells', () => {
    expect(findDuplicateKeys('{"a":1,"\\u0061":2}')).toEqual([{ path: [], key: 'a' }]);
    expect(findDuplicateKeys('{"t\\u0079pe":1,"type":2}')).toEqual([{ path: [], key: 'type' }]);
    expect(findDuplicateKeys('{"\\"":1,"\\u0022":2}')).toEqual([{ path: [], key: '"' }]);
  });

  it('finds a duplicate in a nested object, named by its path', () => {
    const text = '{"type":"order_placed","properties":{"amount":"1","currency":"EUR","amount":"9"}}';
    const [duplicate] = findDuplicateKeys(text);
    expect(duplicate).toEqual({ path: ['properties'], key: 'amount' });
    expect(duplicateKeyField(duplicate)).toBe('properties.amount');
  });

  it('finds a duplicate in an object inside an array, named by its index', () => {
    const text = '{"events":[{"a":1},{"a":1,"b":[1,2]},{"b":{"c":1,"c":2}}]}';
    expect(findDuplicateKeys(text)).toEqual([{ path: ['events', 2, 'b'], key: 'c' }]);
  });

  it('keeps each object its own key set: the same key in sibling or nested objects is no duplicate', () => {
    const text = '{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}],"c":{"a":[]},"d":{}}';
    expect(findDuplicateKeys(text)).toEqual([]);
  });

  it('tells apart keys that merely look alike', () => {
    const text =
      '{"type":1,"Type":2,"type ":3," type":4,"typé":5,"type\\u0000":6,"":7,"\\\\":8,"\\\\\\\\":9}';
    expect(findDuplicateKeys(text)).toEqual([]);
  });

  it('is not fooled by braces, quotes, commas and escaped quotes inside string values', () => {
    const text = '{"a":"{\\"a\\":1,\\"a\\":2}","b":"\\\\","c":",\\"b\\":","d":"[{","a2":"}]"}';
    expect(findDuplicateKeys(text)).toEqual([]);
    expect(findDuplicateKeys('{"a":"x\\\\","a":1}')).toEqual([{ path: [], key: 'a' }]);
  });

  it('reads keys after whitespace, empty objects and arrays of values', () => {
    const text = '{ "a" : [ {} , "x" , 1 , true , null ] ,\n\t"b" : { } , "a" : 2 }';
    expect(findDuplicateKeys(text)).toEqual([{ path: [], key: 'a' }]);
  });

  it('finds a duplicate among many keys, before and after the object outgrows its small key list', () => {
    const keys = Array.from({ length: 40 }, (_, i) => `"k${i}":${i}`);
    expect(findDuplicateKeys(`{${keys.join(',')}}`)).toEqual([]);
    expect(findDuplicateKeys(`{${keys.join(',')},"k3":0}`)).toEqual([{ path: [], key: 'k3' }]);
    expect(findDuplicateKeys(`{${keys.slice(0, 10).join(',')},"k9":0}`)).toEqual([{ path: [], key: 'k9' }]);
  });

  it('reports up to the limit, in text order', () => {
    const text = '{"x":[{"a":1,"a":2},{"b":1,"b":2}],"x":3}';
    expect(findDuplicateKeys(text, 10)).toEqual([
      { path: ['x', 0], key: 'a' },
      { path: ['x', 1], key: 'b' },
      { path: [], key: 'x' },
    ]);
    expect(findDuplicateKeys(text, 2)).toHaveLength(2);
  });

  it('finds no duplicate in anything JSON.stringify writes, and finds one wherever a key is repeated', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        expect(findDuplicateKeys(JSON.stringify(value))).toEqual([]);
      }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 }), { minKeys: 1 }),
        fc.nat(),
        (object, pick) => {
          const keys = Object.keys(object);
          const key = keys[pick % keys.length];
          // Splice a second copy of the key into the object's text, after the others.
          const text = `${JSON.stringify(object).slice(0, -1)},${JSON.stringify(key)}:0}`;
          expect(findDuplicateKeys(text)).toEqual([{ path: [], key }]);
        },
      ),
    );
  });
});
