import { assertKafkaOffset, compareKafkaOffsets } from './kafka-offset';

describe(compareKafkaOffsets.name, () => {
  it('orders offsets numerically, beyond what a double can hold', () => {
    expect(compareKafkaOffsets('9', '10')).toBeLessThan(0);
    expect(compareKafkaOffsets('9007199254740993', '9007199254740992')).toBeGreaterThan(0);
    expect(compareKafkaOffsets('42', '42')).toBe(0);
  });
});

describe(assertKafkaOffset.name, () => {
  it.each(['0', '1', '999999999999999999', '1000000000000000000', '9223372036854775807'])(
    'accepts %p',
    (offset) => {
      expect(() => assertKafkaOffset(offset)).not.toThrow();
    },
  );

  it.each(['', '-1', '01', '1.0', ' 1', '9223372036854775808', '10000000000000000000', 'abc'])(
    'rejects %p',
    (offset) => {
      expect(() => assertKafkaOffset(offset)).toThrow(RangeError);
    },
  );
});
