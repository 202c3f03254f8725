import { envelope } from '@pipeline/testing/event-builders';
import { MAX_AMOUNT_MINOR } from '../amount-bounds';
import { ALL_EVENT_TYPES, stageOfEventType } from '../event-types';
import { INBOUND_TOPICS } from '../topics';
import { ParseResult, parseJourneyEvent } from './parse-journey-event';
import { Rejection } from './rejection';

function bytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

function rejectionOf(result: ParseResult): Rejection {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event)}`);
  return result.reason;
}

describe(parseJourneyEvent.name, () => {
  it.each(ALL_EVENT_TYPES)('accepts a valid %s on its own stage topic', (type) => {
    const topic = INBOUND_TOPICS[stageOfEventType(type)];
    const result = parseJourneyEvent(bytes(envelope(type)), { topic });
    expect(result.ok ? result.event.type : rejectionOf(result)).toBe(type);
  });

  it('normalises an order amount to integer minor units and keeps event time in epoch ms', () => {
    const result = parseJourneyEvent(
      bytes(envelope('order_placed', { properties: { orderId: 'o-9', amount: 19.99, currency: 'EUR' } })),
    );
    if (!result.ok) throw new Error(result.reason.message);
    expect(result.event).toMatchObject({
      type: 'order_placed',
      stage: 'conversion',
      occurredAt: Date.UTC(2026, 2, 1, 11),
      properties: { orderId: 'o-9', amount: { minor: 1999, currency: 'EUR' } },
    });
  });

  it('accepts an amount of exactly the maximum per event', () => {
    const result = parseJourneyEvent(
      bytes(
        envelope('order_refunded', {
          properties: { orderId: 'o', amount: '10000000000.00', currency: 'EUR' },
        }),
      ),
    );
    expect(result.ok && result.event.properties).toMatchObject({
      amount: { minor: MAX_AMOUNT_MINOR, currency: 'EUR' },
    });
  });

  it('gives a refund without refundId its event id, so partial refunds stay distinct', () => {
    const result = parseJourneyEvent(bytes(envelope('order_refunded', { eventId: 'r-1' })));
    expect(result.ok && result.event.type === 'order_refunded' && result.event.properties.refundId).toBe(
      'r-1',
    );
  });

  it('drops nothing it accepts: optional envelope fields travel on', () => {
    const result = parseJourneyEvent(
      bytes(envelope('ad_click', { anonymousId: 'anon-1', channel: 'ads', sentAt: '2026-03-01T12:00:01Z' })),
    );
    expect(result.ok && result.event).toMatchObject({
      anonymousId: 'anon-1',
      channel: 'ads',
      sentAt: Date.UTC(2026, 2, 1, 12, 0, 1),
      properties: { source: 'google', cost: { minor: 250, currency: 'EUR' } },
    });
  });

  describe('rejects with a reason naming the field', () => {
    it('a missing customerId', () => {
      const { customerId: _omitted, ...rest } = envelope('ad_click');
      expect(rejectionOf(parseJourneyEvent(bytes(rest)))).toMatchObject({
        code: 'INVALID_FIELD',
        field: 'customerId',
      });
    });

    it('a bad timestamp', () => {
      const reason = rejectionOf(
        parseJourneyEvent(bytes(envelope('ad_click', { occurredAt: '2026-02-30T10:00:00Z' }))),
      );
      expect(reason).toMatchObject({ code: 'INVALID_FIELD', field: 'occurredAt' });
      expect(reason.message).toContain('calendar date');
    });

    it('a timestamp without an offset', () => {
      const reason = rejectionOf(
        parseJourneyEvent(bytes(envelope('ad_click', { occurredAt: '2026-03-01T10:00:00' }))),
      );
      expect(reason).toMatchObject({ code: 'INVALID_FIELD', field: 'occurredAt' });
    });

    it('a negative amount', () => {
      const event = envelope('order_placed', { properties: { orderId: 'o', amount: -5, currency: 'EUR' } });
      const reason = rejectionOf(parseJourneyEvent(bytes(event)));
      expect(reason).toMatchObject({ code: 'INVALID_FIELD', field: 'properties.amount' });
      expect(reason.message).toContain('negative');
    });

    it('an amount over the maximum per event, naming the bound', () => {
      const event = envelope('order_placed', {
        properties: { orderId: 'o', amount: '90071992547409.91', currency: 'EUR' },
      });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toEqual({
        code: 'INVALID_FIELD',
        field: 'properties.amount',
        message: 'exceeds the maximum amount per event, 10000000000.00 EUR (1000000000000 minor units)',
      });
    });

    it('an acquisition cost over the maximum in yen', () => {
      const event = envelope('ad_click', {
        properties: { source: 'g', cost: '1000000000001', currency: 'JPY' },
      });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({
        code: 'INVALID_FIELD',
        field: 'properties.cost',
        message: expect.stringContaining('1000000000000 JPY') as string,
      });
    });

    it('an unknown type', () => {
      const event = { ...envelope('ad_click'), type: 'teleported' };
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({
        code: 'UNKNOWN_EVENT_TYPE',
        field: 'type',
      });
    });

    it('an NPS score of 11', () => {
      const event = envelope('nps_response', { properties: { score: 11 } });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({
        code: 'INVALID_FIELD',
        field: 'properties.score',
      });
    });

    it('an amount with more decimals than the currency has', () => {
      const event = envelope('order_placed', {
        properties: { orderId: 'o', amount: 10.123, currency: 'EUR' },
      });
      const reason = rejectionOf(parseJourneyEvent(bytes(event)));
      expect(reason).toMatchObject({ code: 'INVALID_FIELD', field: 'properties.amount' });
      expect(reason.message).toContain('at most 2');
    });

    it('yen with decimals', () => {
      const event = envelope('order_placed', {
        properties: { orderId: 'o', amount: '100.5', currency: 'JPY' },
      });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ field: 'properties.amount' });
    });

    it('an unknown currency', () => {
      const event = envelope('order_placed', { properties: { orderId: 'o', amount: 1, currency: 'EURO' } });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ field: 'properties.currency' });
    });

    it('a cost without a currency', () => {
      const event = envelope('ad_click', { properties: { source: 'g', cost: 1 } });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ field: 'properties.currency' });
    });

    it('non-JSON bytes', () => {
      expect(rejectionOf(parseJourneyEvent(Buffer.from('not json {')))).toMatchObject({ code: 'NOT_JSON' });
    });

    it('invalid UTF-8', () => {
      const reason = rejectionOf(parseJourneyEvent(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
      expect(reason).toMatchObject({ code: 'NOT_JSON', message: 'value is not valid UTF-8' });
    });

    it('an empty or null value', () => {
      expect(rejectionOf(parseJourneyEvent(null)).code).toBe('NOT_JSON');
      expect(rejectionOf(parseJourneyEvent(Buffer.alloc(0))).code).toBe('NOT_JSON');
    });

    it('JSON that is not an object', () => {
      expect(rejectionOf(parseJourneyEvent('[1,2]')).code).toBe('NOT_AN_OBJECT');
      expect(rejectionOf(parseJourneyEvent('42')).code).toBe('NOT_AN_OBJECT');
    });

    it('a __proto__ key, without polluting any prototype', () => {
      const text = JSON.stringify(envelope('ad_click')).replace('{', '{"__proto__":{"polluted":true},');
      expect(rejectionOf(parseJourneyEvent(text))).toMatchObject({
        code: 'UNSAFE_STRUCTURE',
        field: '__proto__',
      });
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('a constructor key deep in properties', () => {
      const event = envelope('ad_click', { properties: { source: 'g', campaign: 'c' } });
      const text = JSON.stringify(event).replace('"source"', '"constructor":{"prototype":1},"source"');
      expect(rejectionOf(parseJourneyEvent(text))).toMatchObject({
        code: 'UNSAFE_STRUCTURE',
        field: 'properties.constructor',
      });
    });

    it('a key twice in the envelope, whichever value would win', () => {
      const text = JSON.stringify(envelope('order_placed')).replace(/}$/, ',"type":"ad_click"}');
      expect(rejectionOf(parseJourneyEvent(text))).toEqual({
        code: 'UNSAFE_STRUCTURE',
        field: 'type',
        message: 'key "type" appears more than once in one object',
      });
    });

    it('a key twice in properties, one of them escaped', () => {
      const event = envelope('order_placed', {
        properties: { orderId: 'o', amount: '1.00', currency: 'EUR' },
      });
      const text = JSON.stringify(event).replace(
        '"currency":"EUR"',
        '"currency":"EUR","\\u0061mount":"9.00"',
      );
      expect(rejectionOf(parseJourneyEvent(Buffer.from(text)))).toMatchObject({
        code: 'UNSAFE_STRUCTURE',
        field: 'properties.amount',
      });
    });

    it('deep nesting', () => {
      const deep = '{"a":'.repeat(50) + '1' + '}'.repeat(50);
      expect(rejectionOf(parseJourneyEvent(deep)).code).toBe('UNSAFE_STRUCTURE');
    });

    it('a value over the size limit', () => {
      const event = envelope('nps_response', { properties: { score: 3, comment: 'x'.repeat(70_000) } });
      expect(rejectionOf(parseJourneyEvent(bytes(event))).code).toBe('UNSAFE_STRUCTURE');
    });

    it('a string value over the size limit, counted in UTF-8 bytes', () => {
      const fits = JSON.stringify(
        envelope('nps_response', { properties: { score: 3, comment: 'é'.repeat(30_000) } }),
      );
      expect(rejectionOf(parseJourneyEvent(fits)).field).toBe('properties.comment');
      const event = envelope('nps_response', { properties: { score: 3, comment: '€'.repeat(22_000) } });
      expect(rejectionOf(parseJourneyEvent(JSON.stringify(event)))).toMatchObject({
        code: 'UNSAFE_STRUCTURE',
        message: 'larger than 65536 bytes',
      });
    });

    it('a field the contract does not define', () => {
      const event = { ...envelope('ad_click'), favouriteColour: 'blue' };
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({
        code: 'INVALID_FIELD',
        field: 'favouriteColour',
      });
    });

    it('an unknown property of a type', () => {
      const event = envelope('nps_response', { properties: { score: 5, mood: 'meh' } as never });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ field: 'properties.mood' });
    });

    it('a string where a number belongs', () => {
      const event = envelope('nps_response', { properties: { score: '9' } as never });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ field: 'properties.score' });
    });

    it('an id with spaces or braces', () => {
      expect(
        rejectionOf(parseJourneyEvent(bytes(envelope('ad_click', { customerId: 'a b' })))),
      ).toMatchObject({ field: 'customerId' });
      expect(
        rejectionOf(parseJourneyEvent(bytes(envelope('ad_click', { customerId: 'a{b}' })))),
      ).toMatchObject({ field: 'customerId' });
    });

    it.each(['sentAt', 'receivedAt', 'anonymousId', 'channel', 'customerId'])('a null %s', (field) => {
      const event = { ...envelope('ad_click'), [field]: null };
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ code: 'INVALID_FIELD', field });
    });

    it('a null optional property', () => {
      const event = envelope('ad_click', { properties: { source: 'g', cost: null } as never });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ field: 'properties.cost' });
    });

    it('an amount string with spaces', () => {
      const event = envelope('order_placed', {
        properties: { orderId: 'o', amount: ' 1.50 ', currency: 'EUR' },
      });
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ field: 'properties.amount' });
    });

    it('an unknown schema version', () => {
      const event = { ...envelope('ad_click'), schemaVersion: 2 };
      expect(rejectionOf(parseJourneyEvent(bytes(event)))).toMatchObject({ field: 'schemaVersion' });
    });

    it('an event type on another stage topic', () => {
      const reason = rejectionOf(
        parseJourneyEvent(bytes(envelope('order_placed')), { topic: INBOUND_TOPICS.awareness }),
      );
      expect(reason).toMatchObject({ code: 'WRONG_TOPIC', field: 'type' });
    });

    it('NaN smuggled in as text', () => {
      const text = JSON.stringify(envelope('nps_response')).replace('"score":9', '"score":NaN');
      expect(rejectionOf(parseJourneyEvent(text)).code).toBe('NOT_JSON');
    });
  });
});
