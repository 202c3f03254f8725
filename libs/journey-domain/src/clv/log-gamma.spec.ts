import { logBeta, logGamma } from './log-gamma';

function logFactorial(n: number): number {
  let sum = 0;
  for (let k = 2; k <= n; k += 1) sum += Math.log(k);
  return sum;
}

describe(logGamma.name, () => {
  it('is the log factorial at the integers', () => {
    for (const n of [1, 2, 3, 5, 10, 20, 50, 170]) {
      expect(logGamma(n)).toBeCloseTo(logFactorial(n - 1), 10);
    }
  });

  it('is ln √π at one half and ln(√π / 2) at three halves', () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1.5)).toBeCloseTo(0.5 * Math.log(Math.PI) - Math.log(2), 14);
  });

  it('keeps the recurrence ln Γ(x + 1) = ln Γ(x) + ln x for small, fractional and large x', () => {
    for (const x of [1e-8, 0.01, 0.243, 0.793, 2.426, 4.414, 37.5, 1234.5, 1e6]) {
      expect(logGamma(x + 1) - logGamma(x) - Math.log(x)).toBeCloseTo(0, 9);
    }
  });

  it('stays finite where Γ itself overflows', () => {
    expect(logGamma(1000)).toBeCloseTo(logFactorial(999), 7);
  });

  it('reflects below one half, giving ln|Γ| for negative non-integers', () => {
    // Γ(-0.5) = -2√π
    expect(logGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 13);
  });

  it('is infinite at the poles', () => {
    expect(logGamma(0)).toBe(Infinity);
    expect(logGamma(-3)).toBe(Infinity);
  });
});

describe(logBeta.name, () => {
  it('matches B(a, b) = (a - 1)! (b - 1)! / (a + b - 1)! at the integers', () => {
    expect(logBeta(3, 4)).toBeCloseTo(Math.log((2 * 6) / 720), 13);
  });

  it('matches B(a, 1) = 1 / a', () => {
    expect(logBeta(0.793, 1)).toBeCloseTo(-Math.log(0.793), 13);
  });
});
