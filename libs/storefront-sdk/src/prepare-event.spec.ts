import type { EventType } from '@pipeline/contracts';
import { prepareEvent } from './prepare-event';
import type { TrackInput } from './track-input';
import { TrackValidationError } from './track-validation.error';

const NOW = new Date('2026-03-01T11:00:00.000Z');
const newId = (): string => 'evt-generated';

function rejectionOf(input: unknown): TrackValidationError {
  try {
    prepareEvent(input as TrackInput<EventType>, NOW, newId);
  } catch (error) {
    if (error instanceof TrackValidationError) return error;
    throw error;
  }
  throw new Error('expected a TrackValidationError');
}

describe(prepareEvent.name, () => {
  const order = {
    customerId: 'cust-1',
    type: 'order_placed',
    properties: { orderId: 'o-1', amount: '59.90', currency: 'EUR' },
  } as const;

  it('keys a valid event by customer onto the topic of its stage, with the bytes it will send', () => {
    const prepared = prepareEvent(order, NOW, newId);
    expect(prepared).toMatchObject({
      eventId: 'evt-generated',
      topic: 'journey.conversion.v1',
      key: 'cust-1',
    });
    expect(JSON.parse(prepared.value)).toEqual({
      ...order,
      eventId: 'evt-generated',
      occurredAt: '2026-03-01T11:00:00.000Z',
      schemaVersion: 1,
    });
    expect(prepared.bytes).toBe(Buffer.byteLength(prepared.value));
  });

  it('names the bad property field in the error and its message', () => {
    const error = rejectionOf({ ...order, properties: { ...order.properties, amount: '59.901' } });
    expect(error).toMatchObject({ code: 'INVALID_FIELD', field: 'properties.amount' });
    expect(error.message).toContain('properties.amount');
    expect(error.message).toContain('at most 2');
  });

  it('names a bad envelope field', () => {
    expect(rejectionOf({ ...order, customerId: 'no spaces' })).toMatchObject({ field: 'customerId' });
    expect(rejectionOf({ ...order, occurredAt: '2026-03-01T12:00:00' })).toMatchObject({
      field: 'occurredAt',
    });
  });

  it('rejects an unknown event type, an unknown field and a null', () => {
    expect(rejectionOf({ ...order, type: 'order_teleported' })).toMatchObject({
      code: 'UNKNOWN_EVENT_TYPE',
      field: 'type',
    });
    expect(rejectionOf({ ...order, coupon: 'x' })).toMatchObject({ code: 'INVALID_FIELD', field: 'coupon' });
    expect(rejectionOf({ ...order, channel: null })).toMatchObject({ field: 'channel' });
  });

  it('rejects what is not an object or not JSON', () => {
    expect(rejectionOf('order')).toMatchObject({ code: 'NOT_AN_OBJECT' });
    expect(rejectionOf({ ...order, properties: { ...order.properties, amount: 10n } })).toMatchObject({
      code: 'NOT_JSON',
    });
  });
});
