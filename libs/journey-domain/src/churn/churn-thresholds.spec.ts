import { DEFAULT_CHURN_THRESHOLDS, churnThresholdProblems } from './churn-thresholds';

describe(churnThresholdProblems.name, () => {
  it('accepts the defaults', () => {
    expect(churnThresholdProblems(DEFAULT_CHURN_THRESHOLDS)).toEqual([]);
  });

  it('names every problem of a broken configuration', () => {
    const problems = churnThresholdProblems({
      ...DEFAULT_CHURN_THRESHOLDS,
      bands: { medium: 0.8, high: 0.7 },
      npsDetractorWeight: 1.5,
      overdue: { ...DEFAULT_CHURN_THRESHOLDS.overdue, highRatio: 1, highWeight: 0.1 },
      openIncidents: { oneWeight: 0.5, twoOrMoreWeight: 0.4 },
      inactive: { windowMs: 0, weight: Number.NaN },
    });
    expect(problems).toEqual([
      'npsDetractorWeight must be in [0, 1], got 1.5',
      'inactive.weight must be in [0, 1], got NaN',
      'bands.medium must be below bands.high',
      'overdue ratios must be finite with 0 < mediumRatio < highRatio',
      'overdue.highWeight must be at least overdue.mediumWeight',
      'openIncidents.twoOrMoreWeight must be at least openIncidents.oneWeight',
      'inactive.windowMs must be a positive number of ms, got 0',
    ]);
  });
});
