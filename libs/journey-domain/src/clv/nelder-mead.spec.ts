import { minimizeNelderMead } from './nelder-mead';

describe(minimizeNelderMead.name, () => {
  it('finds the minimum of a shifted quadratic bowl', () => {
    const result = minimizeNelderMead(
      ([x, y, z]) => (x - 1) ** 2 + 2 * (y + 2) ** 2 + 3 * (z - 0.5) ** 2,
      [0, 0, 0],
    );
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 5);
    expect(result.point[1]).toBeCloseTo(-2, 5);
    expect(result.point[2]).toBeCloseTo(0.5, 5);
  });

  it('follows the curved valley of the Rosenbrock function to (1, 1)', () => {
    const rosenbrock = ([x, y]: readonly number[]) => 100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const result = minimizeNelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.point[0]).toBeCloseTo(1, 4);
    expect(result.point[1]).toBeCloseTo(1, 4);
  });

  it('treats a non-finite objective as worse than any finite value', () => {
    const result = minimizeNelderMead(([x]) => (x < 0 ? Number.NaN : (x - 2) ** 2), [0.1]);
    expect(result.point[0]).toBeCloseTo(2, 5);
  });

  it('stops at the evaluation budget and says it did not converge', () => {
    const result = minimizeNelderMead(([x, y]) => (x - 3) ** 2 + (y - 3) ** 2, [0, 0], {
      maxEvaluations: 10,
    });
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBeLessThanOrEqual(12);
  });
});
