import { JourneyDecodeError } from './journey-decode.error';
import { decodeStoredJourney, encodeOutboxEntry } from './stored-journey.codec';

describe(decodeStoredJourney.name, () => {
  const key = 'p:j:{c1}';
  const entry = (id: string) => ({ id, topic: 'journey.stage-changed', key: 'c1', value: `{"id":"${id}"}` });

  it('reads an empty hash as version 0 with no data and no outbox', () => {
    expect(decodeStoredJourney(key, {})).toEqual({ version: 0, data: null, emitted: null, outbox: [] });
  });

  it('round-trips outbox entries and orders them by commit, then position in the commit', () => {
    const fields = {
      v: '3',
      d: '{"stage":"retention"}',
      e: '{"band":"low"}',
      'o:z': encodeOutboxEntry(entry('z'), 2, 0),
      'o:b': encodeOutboxEntry(entry('b'), 3, 1),
      'o:a': encodeOutboxEntry(entry('a'), 3, 0),
    };
    expect(decodeStoredJourney(key, fields)).toEqual({
      version: 3,
      data: '{"stage":"retention"}',
      emitted: '{"band":"low"}',
      outbox: [entry('z'), entry('a'), entry('b')],
    });
  });

  it('keeps a null Kafka key', () => {
    const unkeyed = { ...entry('n'), key: null };
    const decoded = decodeStoredJourney(key, { v: '1', d: '{}', 'o:n': encodeOutboxEntry(unkeyed, 1, 0) });
    expect(decoded.outbox).toEqual([unkeyed]);
  });

  it('reads a link and a tombstone', () => {
    expect(decodeStoredJourney(key, { a: 'cust-9' })).toEqual({
      version: 0,
      data: null,
      emitted: null,
      outbox: [],
      linkedTo: 'cust-9',
    });
    expect(decodeStoredJourney(key, { x: '1775037600000' })).toMatchObject({
      data: null,
      erasedAt: 1775037600000,
    });
  });

  it.each([
    ['a non-numeric version', { v: 'x' }],
    ['an erasure time that is not epoch ms', { x: 'yesterday' }],
    ['an empty link', { a: '' }],
    ['a negative version', { v: '-1' }],
    ['an outbox entry that is not JSON', { v: '1', 'o:a': 'nope' }],
    ['an outbox entry without its order', { v: '1', 'o:a': '{"topic":"t","key":null,"value":"v"}' }],
  ])('refuses %s with a coded error', (_case, fields) => {
    expect(() => decodeStoredJourney(key, fields)).toThrow(JourneyDecodeError);
  });
});
