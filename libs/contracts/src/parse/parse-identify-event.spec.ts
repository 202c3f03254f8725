import { envelope } from '@pipeline/testing/event-builders';
import { IdentifyEnvelope } from '../topic-payload-map';
import { ParseIdentifyResult, parseIdentifyEvent } from './parse-identify-event';
import { parseJourneyEvent } from './parse-journey-event';
import { Rejection } from './rejection';

function identify(overrides: Partial<IdentifyEnvelope> = {}): IdentifyEnvelope {
  return {
    eventId: 'evt-id-1',
    customerId: 'cust-1',
    type: 'identify',
    occurredAt: '2026-03-01T12:00:00+01:00',
    properties: { anonymousId: 'anon-1' },
    schemaVersion: 1,
    ...overrides,
  };
}

function rejectionOf(result: ParseIdentifyResult): Rejection {
  if (result.ok) throw new Error(`expected a rejection, got ${JSON.stringify(result.event)}`);
  return result.reason;
}

describe(parseIdentifyEvent.name, () => {
  it('rejects an anonymous id given twice, as the stage parser does', () => {
    const text = JSON.stringify(identify()).replace('"anon-1"', '"anon-1","anonymousId":"anon-2"');
    expect(rejectionOf(parseIdentifyEvent(text))).toMatchObject({
      code: 'UNSAFE_STRUCTURE',
      field: 'properties.anonymousId',
    });
  });

  it('accepts an identify and keeps event time in epoch ms', () => {
    const result = parseIdentifyEvent(JSON.stringify(identify({ channel: 'web', anonymousId: 'anon-1' })));
    expect(result).toEqual({
      ok: true,
      event: {
        eventId: 'evt-id-1',
        customerId: 'cust-1',
        type: 'identify',
        occurredAt: Date.UTC(2026, 2, 1, 11),
        channel: 'web',
        properties: { anonymousId: 'anon-1' },
        schemaVersion: 1,
      },
    });
  });

  it('rejects a stage event on the identity topic as WRONG_TOPIC', () => {
    expect(rejectionOf(parseIdentifyEvent(JSON.stringify(envelope('ad_click'))))).toMatchObject({
      code: 'WRONG_TOPIC',
      field: 'type',
    });
  });

  it('rejects an unknown type', () => {
    const result = parseIdentifyEvent(JSON.stringify({ ...identify(), type: 'alias' }));
    expect(rejectionOf(result).code).toBe('UNKNOWN_EVENT_TYPE');
  });

  it.each([
    ['a missing anonymous id', identify({ properties: {} as never }), 'properties.anonymousId'],
    ['a malformed anonymous id', identify({ properties: { anonymousId: 'a b' } }), 'properties.anonymousId'],
    [
      'a link of a journey to itself',
      identify({ properties: { anonymousId: 'cust-1' } }),
      'properties.anonymousId',
    ],
    ['an envelope anonymousId naming another id', identify({ anonymousId: 'anon-2' }), 'anonymousId'],
    [
      'an unknown property',
      identify({ properties: { anonymousId: 'anon-1', extra: 1 } as never }),
      'properties.extra',
    ],
  ])('rejects %s with INVALID_FIELD naming the field', (_case, value, field) => {
    expect(rejectionOf(parseIdentifyEvent(JSON.stringify(value)))).toMatchObject({
      code: 'INVALID_FIELD',
      field,
    });
  });

  it('rejects what every topic rejects before looking at the type', () => {
    expect(rejectionOf(parseIdentifyEvent('{')).code).toBe('NOT_JSON');
    expect(rejectionOf(parseIdentifyEvent('[]')).code).toBe('NOT_AN_OBJECT');
    expect(rejectionOf(parseIdentifyEvent(JSON.stringify({ ...identify(), channel: null })))).toMatchObject({
      code: 'INVALID_FIELD',
      field: 'channel',
    });
  });
});

describe(`${parseJourneyEvent.name} and identify`, () => {
  it('sends an identify on a stage topic back to the identity topic as WRONG_TOPIC', () => {
    const result = parseJourneyEvent(JSON.stringify(identify()), { topic: 'journey.awareness.v1' });
    expect(!result.ok && result.reason).toMatchObject({ code: 'WRONG_TOPIC', field: 'type' });
  });
});
