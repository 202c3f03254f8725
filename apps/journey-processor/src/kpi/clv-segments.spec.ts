import { clvSegments } from './clv-segments';

describe(clvSegments.name, () => {
  it('ranks every customer unranked before the first refit', () => {
    expect(clvSegments([100, 2_000, 50_000], undefined, 'EUR')).toEqual({
      modelVersion: null,
      thresholds: null,
      counts: { top: 0, high: 0, medium: 0, low: 0, unranked: 3 },
    });
  });

  it('counts customers per tier of the current model, a tier bound belonging to the tier', () => {
    const model = { version: 'clv-v1', segmentThresholds: { p50: 1_000, p75: 5_000, p90: 20_000 } };
    expect(clvSegments([0, 999, 1_000, 4_999, 5_000, 19_999, 20_000, 90_000], model, 'EUR')).toEqual({
      modelVersion: 'clv-v1',
      thresholds: { top: '200.00', high: '50.00', medium: '10.00' },
      counts: { top: 2, high: 2, medium: 2, low: 2, unranked: 0 },
    });
  });
});
