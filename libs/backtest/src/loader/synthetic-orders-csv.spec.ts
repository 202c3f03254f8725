import { SyntheticCustomer } from '@pipeline/journey-domain';
import { parseOrdersCsv } from './orders-csv';
import { syntheticOrdersCsv } from './synthetic-orders-csv';

const customer = (purchaseTimes: number[], amountsMinor: number[]): SyntheticCustomer => ({
  purchaseTimes,
  amountsMinor,
  lambda: 1,
  dropProbability: 0.1,
  nu: 1,
  aliveAtEnd: true,
});

describe(syntheticOrdersCsv.name, () => {
  it('writes one row per purchase at origin + t weeks, in time order, with exact amounts', () => {
    const csv = syntheticOrdersCsv([customer([0.5, 2], [1999, 5]), customer([1], [100000])], {
      origin: Date.UTC(2025, 0, 6),
      timeUnit: 'week',
      currency: 'EUR',
      customerPrefix: 'c-',
    });
    expect(csv).toBe(
      'customer,date,amount,currency\n' +
        'c-1,2025-01-09T12:00:00Z,19.99,EUR\n' +
        'c-2,2025-01-13T00:00:00Z,1000.00,EUR\n' +
        'c-1,2025-01-20T00:00:00Z,0.05,EUR\n',
    );
    expect(parseOrdersCsv(csv).problems).toEqual([]);
  });

  it('leaves out purchases after `until`', () => {
    const csv = syntheticOrdersCsv([customer([0, 3], [1, 2])], {
      origin: 0,
      timeUnit: 'day',
      currency: 'JPY',
      customerPrefix: 'x',
      until: 2,
    });
    expect(csv).toBe('customer,date,amount,currency\nx1,1970-01-01T00:00:00Z,1,JPY\n');
  });
});
