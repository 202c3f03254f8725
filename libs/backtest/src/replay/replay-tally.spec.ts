import { admitOrderRecord } from './order-admission';
import { ReplayTally } from './replay-tally';

const NOW = Date.UTC(2026, 2, 1, 12);

function orderRecord(i: number, currency: string) {
  const envelope = {
    eventId: `e-${i}`,
    customerId: 'c-1',
    type: 'order_placed',
    occurredAt: new Date(NOW - 60_000).toISOString(),
    properties: { orderId: `o-${i}`, amount: '10.00', currency },
    schemaVersion: 1,
  };
  return {
    partition: 0,
    offset: String(i),
    key: Buffer.from('c-1'),
    value: Buffer.from(JSON.stringify(envelope)),
    timestamp: String(NOW),
  };
}

describe(ReplayTally.name, () => {
  it('counts what it left out per currency', () => {
    const tally = new ReplayTally();
    ['EUR', 'USD', 'USD', 'GBP', 'EUR'].forEach((currency, i) => {
      const record = orderRecord(i, currency);
      tally.count(record, admitOrderRecord(record, { currency: 'EUR' }));
    });
    expect(tally.counts()).toMatchObject({
      orderEvents: { order_placed: 2 },
      otherCurrency: 3,
      otherCurrencies: { USD: 2, GBP: 1 },
    });
  });
});
