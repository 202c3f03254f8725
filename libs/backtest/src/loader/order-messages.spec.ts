import { parseJourneyEvent } from '@pipeline/contracts';
import { orderEnvelope, orderMessages } from './order-messages';

const NOW = Date.UTC(2026, 5, 1);
const row = (line: number, extra: Record<string, string> = {}) => ({
  line,
  customer: 'c-1',
  date: '2026-01-02',
  amount: '12.50',
  ...extra,
});

describe(orderMessages.name, () => {
  it('builds order_placed events keyed by customer that the contract accepts, a bare date at noon UTC', () => {
    const { messages, problems } = orderMessages([row(2)], { defaultCurrency: 'EUR', now: NOW });
    expect(problems).toEqual([]);
    expect(messages).toHaveLength(1);
    const parsed = parseJourneyEvent(messages[0].value, { topic: 'journey.conversion.v1' });
    expect(parsed.ok && parsed.event).toMatchObject({
      customerId: 'c-1',
      type: 'order_placed',
      occurredAt: Date.UTC(2026, 0, 2, 12),
      properties: { amount: { minor: 1250, currency: 'EUR' } },
    });
    expect(messages[0].key).toBe('c-1');
  });

  it('gives the same ids on every load, from the order_id when there is one, else from the row', () => {
    const first = orderEnvelope(row(2), 'EUR');
    expect(orderEnvelope(row(2), 'EUR')).toEqual(first);
    expect(orderEnvelope(row(3), 'EUR').eventId).not.toBe(first.eventId);
    const withId = orderEnvelope(row(2, { orderId: 'o-9' }), 'EUR');
    expect(withId.properties.orderId).toBe('o-9');
    expect(orderEnvelope(row(7, { orderId: 'o-9', amount: '1.00' }), 'EUR').eventId).toBe(withId.eventId);
  });

  it('reports rows the contract rejects by line and column, and does not publish them', () => {
    const { messages, problems } = orderMessages(
      [
        row(2, { amount: '1.999' }),
        row(3, { customer: 'has space' }),
        row(4, { date: '2026-01-02T10:00:00' }),
        row(5, { currency: 'XXY' }),
        row(6, { date: '2026-07-01' }),
        row(7, { orderId: 'o-1' }),
        row(8, { orderId: 'o-1' }),
        row(9),
      ],
      { defaultCurrency: 'EUR', now: NOW },
    );
    expect(problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(problems[0].message).toBe('amount has 3 decimal places but EUR allows at most 2');
    expect(problems[1].message).toMatch(/^customer /);
    expect(problems[2].message).toMatch(/^date /);
    expect(problems[3].message).toMatch(/^currency /);
    expect(problems[4].message).toContain('future');
    expect(problems[5].message).toBe('repeats order_id o-1 of c-1 from line 7');
    expect(messages.map((m) => m.line)).toEqual([7, 9]);
  });
});
