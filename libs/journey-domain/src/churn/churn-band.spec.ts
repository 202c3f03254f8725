import { churnBandChanged, churnBandOf } from './churn-band';
import { DEFAULT_CHURN_THRESHOLDS } from './churn-thresholds';

describe(churnBandOf.name, () => {
  const bands = DEFAULT_CHURN_THRESHOLDS.bands;

  it('puts each cut-off in the band above it', () => {
    expect(churnBandOf(0, bands)).toBe('low');
    expect(churnBandOf(0.3999, bands)).toBe('low');
    expect(churnBandOf(0.4, bands)).toBe('medium');
    expect(churnBandOf(0.6999, bands)).toBe('medium');
    expect(churnBandOf(0.7, bands)).toBe('high');
    expect(churnBandOf(1, bands)).toBe('high');
  });
});

describe(churnBandChanged.name, () => {
  it('reports the first score of a customer and every change of band, not moves within one', () => {
    expect(churnBandChanged(null, 'low')).toBe(true);
    expect(churnBandChanged('low', 'medium')).toBe(true);
    expect(churnBandChanged('high', 'medium')).toBe(true);
    expect(churnBandChanged('medium', 'medium')).toBe(false);
  });
});
