import type { EventType } from '@pipeline/contracts';
import { envelope } from '@pipeline/testing/event-builders';
import type { ApiKeyGrant } from '../api-keys/api-key-grant';
import { admitEvent, type Admission } from './event-admission';

const RECEIVED_AT = Date.parse('2026-03-01T12:00:05.000Z');

function grant(
  eventTypes: ApiKeyGrant['eventTypes'] = '*',
  identify = false,
  named: readonly EventType[] = [],
): ApiKeyGrant {
  return {
    id: 'shop',
    sha256: Buffer.alloc(32),
    eventTypes,
    named: new Set(named),
    identify,
    corsOrigins: new Set(),
    ratePerMinute: 60,
  };
}

function admittedEnvelope(admission: Admission): object {
  if (!admission.ok) throw new Error(`rejected: ${JSON.stringify(admission.reason)}`);
  return admission.envelope;
}

describe(admitEvent.name, () => {
  const order = envelope('order_placed', { occurredAt: '2026-03-01T12:00:00Z' });

  it('stamps receivedAt, replacing a value the client sent', () => {
    const admitted = admittedEnvelope(
      admitEvent({ ...order, receivedAt: '2030-01-01T00:00:00Z' }, grant(), RECEIVED_AT),
    );
    expect(admitted).toMatchObject({
      receivedAt: '2026-03-01T12:00:05.000Z',
      occurredAt: '2026-03-01T12:00:00Z',
    });
  });

  it('corrects occurredAt by the client clock offset when sentAt is present, keeping sentAt', () => {
    // The client clock runs 10 minutes fast: it sent at 12:10:05 what the collector received at 12:00:05.
    const admitted = admittedEnvelope(
      admitEvent(
        { ...order, occurredAt: '2026-03-01T13:10:00+01:00', sentAt: '2026-03-01T13:10:05+01:00' },
        grant(),
        RECEIVED_AT,
      ),
    );
    expect(admitted).toMatchObject({
      occurredAt: '2026-03-01T13:00:00.000+01:00',
      sentAt: '2026-03-01T13:10:05+01:00',
      receivedAt: '2026-03-01T12:00:05.000Z',
    });
  });

  it('rejects an event type outside the key grant, naming type', () => {
    const admission = admitEvent(order, grant(new Set<EventType>(['product_viewed'])), RECEIVED_AT);
    expect(admission).toEqual({
      ok: false,
      reason: {
        code: 'FORBIDDEN_EVENT_TYPE',
        field: 'type',
        message: 'this API key may not send order_placed events',
      },
    });
  });

  it('admits consent_updated only from a key that names it', () => {
    const consent = envelope('consent_updated', {
      occurredAt: '2026-03-01T12:00:00.000Z',
      properties: { channel: 'sms', status: 'withdrawn', source: 'preference_centre' },
    });
    expect(admitEvent(consent, grant('*'), RECEIVED_AT)).toMatchObject({
      ok: false,
      reason: {
        code: 'FORBIDDEN_EVENT_TYPE',
        message:
          'this API key may not send consent_updated events (grant "consent_updated" by name: "*" does not include it)',
      },
    });
    expect(admitEvent(consent, grant('*', false, ['consent_updated']), RECEIVED_AT)).toMatchObject({
      ok: true,
    });
  });

  it('passes on the contract rejection with its field', () => {
    const admission = admitEvent(
      { ...order, properties: { ...order.properties, currency: 'euro' } },
      grant(),
      RECEIVED_AT,
    );
    expect(admission).toMatchObject({
      ok: false,
      reason: { code: 'INVALID_FIELD', field: 'properties.currency' },
    });
  });

  it('rejects a correction that leaves the contract range, naming occurredAt', () => {
    const admission = admitEvent(
      { ...order, occurredAt: '2000-01-01T00:00:10Z', sentAt: '2099-01-01T00:00:00Z' },
      grant(),
      RECEIVED_AT,
    );
    expect(admission).toMatchObject({ ok: false, reason: { code: 'INVALID_FIELD', field: 'occurredAt' } });
  });

  it('rejects what is not an object, and unsafe keys', () => {
    expect(admitEvent([order], grant(), RECEIVED_AT)).toMatchObject({
      ok: false,
      reason: { code: 'NOT_AN_OBJECT' },
    });
    const polluted: unknown = JSON.parse(`{"__proto__": {"admin": true}, "type": "order_placed"}`);
    expect(admitEvent(polluted, grant(), RECEIVED_AT)).toMatchObject({
      ok: false,
      reason: { code: 'UNSAFE_STRUCTURE' },
    });
  });

  describe('identify', () => {
    const identify = {
      eventId: 'id-1',
      customerId: 'cust-1',
      type: 'identify',
      occurredAt: '2026-03-01T13:10:00+01:00',
      sentAt: '2026-03-01T13:10:05+01:00',
      channel: 'web',
      properties: { anonymousId: 'anon-1' },
      schemaVersion: 1,
    };

    it('admits it with a key granted identify, stamped and corrected like any event', () => {
      expect(admittedEnvelope(admitEvent(identify, grant('*', true), RECEIVED_AT))).toEqual({
        type: 'identify',
        eventId: 'id-1',
        customerId: 'cust-1',
        anonymousId: 'anon-1',
        occurredAt: '2026-03-01T13:00:00.000+01:00',
        sentAt: '2026-03-01T13:10:05+01:00',
        receivedAt: '2026-03-01T12:00:05.000Z',
        channel: 'web',
      });
    });

    it('refuses it with a key whose grant does not name it, "*" included', () => {
      for (const without of [grant('*'), grant(new Set<EventType>(['product_viewed']))]) {
        expect(admitEvent(identify, without, RECEIVED_AT)).toMatchObject({
          ok: false,
          reason: { code: 'FORBIDDEN_EVENT_TYPE', field: 'type' },
        });
      }
    });

    it('passes on the identity contract rejection with its field', () => {
      const self = { ...identify, properties: { anonymousId: 'cust-1' } };
      expect(admitEvent(self, grant('*', true), RECEIVED_AT)).toMatchObject({
        ok: false,
        reason: { code: 'INVALID_FIELD', field: 'properties.anonymousId' },
      });
    });
  });
});
