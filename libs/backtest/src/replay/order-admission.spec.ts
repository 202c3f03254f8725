import { admitOrderRecord } from './order-admission';

const NOW = Date.UTC(2026, 2, 1, 12);

function record(envelope: Record<string, unknown>, key: string | null = 'c-1', timestamp = NOW) {
  return {
    partition: 0,
    offset: '7',
    key: key === null ? null : Buffer.from(key),
    value: Buffer.from(JSON.stringify(envelope)),
    timestamp: String(timestamp),
  };
}

const placed = (properties: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  eventId: 'e-1',
  customerId: 'c-1',
  type: 'order_placed',
  occurredAt: new Date(NOW - 60_000).toISOString(),
  properties: { orderId: 'o-1', amount: '10.00', currency: 'EUR', ...properties },
  schemaVersion: 1,
  ...extra,
});

const OPTIONS = { stageTopic: 'journey.conversion.v1', currency: 'EUR' };

describe(admitOrderRecord.name, () => {
  it('admits an order in the pipeline currency, normalised by the contract', () => {
    const admission = admitOrderRecord(record(placed()), OPTIONS);
    expect(admission).toMatchObject({
      kind: 'order',
      event: { type: 'order_placed', properties: { amount: { minor: 1000, currency: 'EUR' } } },
    });
  });

  it('sets aside orders and refunds in another currency, but never a cancellation', () => {
    expect(admitOrderRecord(record(placed({ currency: 'USD' })), OPTIONS)).toEqual({
      kind: 'other-currency',
      currency: 'USD',
    });
    const cancellation = { ...placed(), type: 'order_cancelled', properties: { orderId: 'o-1' } };
    expect(admitOrderRecord(record(cancellation), OPTIONS).kind).toBe('order');
  });

  it('rejects what the processor would dead-letter, with its codes', () => {
    const reject = (r: ReturnType<typeof record>, options = OPTIONS) => {
      const admission = admitOrderRecord(r, options);
      return admission.kind === 'rejected' ? admission.reason.code : admission.kind;
    };
    expect(reject({ ...record(placed()), value: Buffer.from('not json') })).toBe('NOT_JSON');
    expect(reject(record(placed({ amount: '1.001' })))).toBe('INVALID_FIELD');
    expect(reject(record(placed(), 'someone-else'))).toBe('KEY_MISMATCH');
    expect(reject(record(placed(), null))).toBe('KEY_MISMATCH');
    expect(reject(record(placed({}, { occurredAt: new Date(NOW + 3_600_000).toISOString() })))).toBe(
      'OCCURRED_IN_FUTURE',
    );
    const click = { ...placed(), type: 'ad_click', properties: { source: 'g' } };
    expect(reject(record(click))).toBe('WRONG_TOPIC');
  });

  it('counts valid events of other types apart on a topic that is not a stage topic', () => {
    const click = { ...placed(), type: 'ad_click', properties: { source: 'g' } };
    expect(admitOrderRecord(record(click), { currency: 'EUR' })).toEqual({
      kind: 'other-type',
      type: 'ad_click',
    });
  });
});
