import { spendCheck } from './spend-check';

describe(spendCheck.name, () => {
  it('compares predicted and actual spend in total, per customer and in absolute error', () => {
    expect(
      spendCheck([
        { predictedMinor: 100, actualMinor: 50 },
        { predictedMinor: 0, actualMinor: 150 },
      ]),
    ).toEqual({
      customers: 2,
      totalPredictedMinor: 100,
      totalActualMinor: 200,
      relativeError: -0.5,
      meanPredictedMinor: 50,
      meanActualMinor: 100,
      meanAbsoluteErrorMinor: 100,
    });
  });

  it('has no relative error without actual spend', () => {
    expect(spendCheck([]).relativeError).toBeNull();
  });
});
