import { MAX_CUSTOMER_TOTAL_MINOR } from '@pipeline/contracts';
import { clvSummary } from './clv-summary';

describe(clvSummary.name, () => {
  it('reports amounts as exact decimal strings and rounds the mean half away from zero', () => {
    const summary = clvSummary([1_000, 2_001, 500], 'EUR');
    expect(summary).toMatchObject({
      currency: 'EUR',
      count: 3,
      mean: '11.67',
      min: '5.00',
      max: '20.01',
      quantiles: { p10: '5.00', p50: '10.00', p90: '20.01' },
    });
    expect(clvSummary([1, 2], 'EUR').mean).toBe('0.02');
    expect(clvSummary([-1, -2], 'EUR').mean).toBe('-0.02');
  });

  it('puts every customer in one histogram bin', () => {
    const values = [-2_500, 0, 1, 499, 500, 99_999, 340_000];
    const { histogram } = clvSummary(values, 'EUR');
    expect(histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
    expect(histogram[0]).toEqual({ from: null, to: '-50.00', count: 0 });
    expect(histogram.at(-1)).toEqual({ from: '5000.00', to: null, count: 0 });
  });

  it('summarises CLV values at the extremes the contract bounds allow, exactly', () => {
    // Simple CLV lies within +-5001 x the customer bound (libs/contracts/src/amount-bounds.ts).
    const top = 5_001 * MAX_CUSTOMER_TOTAL_MINOR;
    const values = [top, top, top - 1, -top, 0];
    const summary = clvSummary(values, 'EUR');
    expect(summary).toMatchObject({
      count: 5,
      // (2 top - 1) / 5 = 2000399999999999.8, rounded exactly to the minor unit.
      mean: '20004000000000.00',
      min: '-50010000000000.00',
      max: '50010000000000.00',
    });
    expect(summary.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
  });

  it('keeps the minor digits of the currency', () => {
    expect(clvSummary([1_500], 'JPY')).toMatchObject({ mean: '1500', min: '1500' });
  });

  it('has nulls and one empty bin pair without customers', () => {
    expect(clvSummary([], 'EUR')).toEqual({
      currency: 'EUR',
      count: 0,
      mean: null,
      min: null,
      max: null,
      quantiles: null,
      histogram: [
        { from: null, to: '0.00', count: 0 },
        { from: '0.00', to: null, count: 0 },
      ],
    });
  });
});
