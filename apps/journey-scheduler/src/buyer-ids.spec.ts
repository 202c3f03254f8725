import { buyerIdsFromOrderIndex } from './buyer-ids';

describe(buyerIdsFromOrderIndex.name, () => {
  it('lists each customer once however many orders they placed', () => {
    const entries = [
      { member: 'c-1 o-1', score: 1 },
      { member: 'c-2 o-9', score: 2 },
      { member: 'c-1 o-2', score: 3 },
    ];
    expect(buyerIdsFromOrderIndex(entries)).toEqual(['c-1', 'c-2']);
  });

  it('keeps colons and other id characters in the customer id', () => {
    expect(buyerIdsFromOrderIndex([{ member: 'shop:eu|42 ord:7', score: 0 }])).toEqual(['shop:eu|42']);
  });

  it('ignores a member without an order id', () => {
    expect(buyerIdsFromOrderIndex([{ member: 'orphan', score: 0 }])).toEqual([]);
  });
});
