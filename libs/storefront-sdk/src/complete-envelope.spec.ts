import { completeEnvelope } from './complete-envelope';

const NOW = new Date('2026-03-01T11:00:00.000Z');
const newId = (): string => 'generated-id';

describe(completeEnvelope.name, () => {
  const minimal = {
    customerId: 'cust-1',
    type: 'order_placed',
    properties: { orderId: 'o-1', amount: '10.00', currency: 'EUR' },
  } as const;

  it('fills in a generated eventId, occurredAt as now with an offset, and schema version 1', () => {
    expect(completeEnvelope(minimal, NOW, newId)).toEqual({
      ...minimal,
      eventId: 'generated-id',
      occurredAt: '2026-03-01T11:00:00.000Z',
      schemaVersion: 1,
    });
  });

  it('keeps an eventId, occurredAt and schema version the caller gave', () => {
    const completed = completeEnvelope(
      { ...minimal, eventId: 'evt-7', occurredAt: '2026-02-01T08:00:00+01:00', schemaVersion: 1 },
      NOW,
      newId,
    );
    expect(completed).toMatchObject({ eventId: 'evt-7', occurredAt: '2026-02-01T08:00:00+01:00' });
  });

  it('writes a Date occurredAt as ISO-8601 in UTC', () => {
    const completed = completeEnvelope(
      { ...minimal, occurredAt: new Date(Date.UTC(2026, 0, 2, 3)) },
      NOW,
      newId,
    );
    expect(completed.occurredAt).toBe('2026-01-02T03:00:00.000Z');
  });

  it('passes an invalid Date on as text for the contract to reject', () => {
    const completed = completeEnvelope({ ...minimal, occurredAt: new Date(Number.NaN) }, NOW, newId);
    expect(completed.occurredAt).toBe('Invalid Date');
  });

  it('treats an explicit undefined like a missing field', () => {
    const completed = completeEnvelope({ ...minimal, eventId: undefined, occurredAt: undefined }, NOW, newId);
    expect(completed).toMatchObject({ eventId: 'generated-id', occurredAt: '2026-03-01T11:00:00.000Z' });
  });

  it('puts the eventId first, so the record reads well in a topic browser', () => {
    expect(Object.keys(completeEnvelope(minimal, NOW, newId))[0]).toBe('eventId');
  });
});
