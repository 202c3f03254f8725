import { OUTBOUND_TOPICS } from '@pipeline/contracts';
import { customerErasedMessage } from './customer-erased.message';

describe(customerErasedMessage.name, () => {
  it('keys the event by the customer and derives its id from the customer and the erasure time', () => {
    const at = Date.UTC(2026, 3, 1, 10);
    expect(customerErasedMessage('cust-42', at)).toEqual({
      topic: OUTBOUND_TOPICS.customerErased,
      key: 'cust-42',
      value: JSON.stringify({
        eventId: `customer-erased:7:cust-42:${at}`,
        customerId: 'cust-42',
        erasedAt: '2026-04-01T10:00:00.000Z',
        schemaVersion: 1,
      }),
    });
  });

  it('gives a repeated erasure the same event', () => {
    expect(customerErasedMessage('c-1', 5)).toEqual(customerErasedMessage('c-1', 5));
  });
});
