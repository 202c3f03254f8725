import { DerivedEventKind, derivedEventId } from './derived-event-id';

describe(derivedEventId.name, () => {
  it('is the same for the same kind, customer and causing event', () => {
    expect(derivedEventId('stage-changed', 'cust-1', 'evt-9')).toBe('stage-changed:6:cust-1:evt-9');
    expect(derivedEventId('stage-changed', 'cust-1', 'evt-9')).toBe(
      derivedEventId('stage-changed', 'cust-1', 'evt-9'),
    );
  });

  it('tells apart ids that would concatenate to the same text', () => {
    expect(derivedEventId('clv', 'a:b', 'c')).not.toBe(derivedEventId('clv', 'a', 'b:c'));
    expect(derivedEventId('clv', 'a', 'b')).not.toBe(derivedEventId('churn-risk', 'a', 'b'));
  });

  it('refuses a kind that could blur the separator', () => {
    expect(() => derivedEventId('stage:changed' as DerivedEventKind, 'a', 'b')).toThrow(RangeError);
  });
});
