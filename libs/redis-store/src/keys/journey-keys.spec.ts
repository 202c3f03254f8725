import calculateSlot from 'cluster-key-slot';
import { journeyKey, journeySideKey, outboxField, outboxIdOf } from './journey-keys';

describe('journey keys', () => {
  it('tags the journey hash with the customer id', () => {
    expect(journeyKey('pipeline:', 'cust-1')).toBe('pipeline:j:{cust-1}');
  });

  it('puts side keys in the same cluster slot as the journey hash', () => {
    const hash = journeyKey('p:', 'cust-42');
    expect(calculateSlot(journeySideKey('p:', 'cust-42', 'seen'))).toBe(calculateSlot(hash));
  });

  it.each(['', 'a{b', 'a}b'])('refuses the customer id %j', (customerId) => {
    expect(() => journeyKey('p:', customerId)).toThrow(RangeError);
  });

  it('maps outbox ids to fields and back, and ignores other fields', () => {
    expect(outboxIdOf(outboxField('evt:1'))).toBe('evt:1');
    expect(outboxIdOf('v')).toBeUndefined();
    expect(() => outboxField('')).toThrow(RangeError);
  });
});
