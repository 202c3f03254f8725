import { holdoutErrors } from './holdout-errors';

describe(holdoutErrors.name, () => {
  it('sums predictions and actuals and averages the absolute and squared errors per customer', () => {
    const errors = holdoutErrors([
      { actual: 0, predicted: 0.2 },
      { actual: 1, predicted: 0.4 },
      { actual: 3, predicted: 2 },
      { actual: 5, predicted: 6 },
      { actual: 1, predicted: 2 },
    ]);
    expect(errors.customers).toBe(5);
    expect(errors.totalActual).toBe(10);
    expect(errors.totalPredicted).toBeCloseTo(10.6, 12);
    expect(errors.relativeError).toBeCloseTo(0.06, 12);
    // |0.2| + |0.6| + 1 + 1 + 1 = 3.8 over 5; squares 0.04 + 0.36 + 1 + 1 + 1 = 3.4 over 5
    expect(errors.meanAbsoluteError).toBeCloseTo(0.76, 12);
    expect(errors.rootMeanSquareError).toBeCloseTo(Math.sqrt(0.68), 12);
  });

  it('has no relative error when nothing was bought, and zero errors without customers', () => {
    expect(holdoutErrors([{ actual: 0, predicted: 0.5 }]).relativeError).toBeNull();
    expect(holdoutErrors([])).toEqual({
      customers: 0,
      totalActual: 0,
      totalPredicted: 0,
      relativeError: null,
      meanAbsoluteError: 0,
      rootMeanSquareError: 0,
    });
  });
});
