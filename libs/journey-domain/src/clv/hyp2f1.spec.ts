import { hyp2f1, scaledHyp2f1 } from './hyp2f1';

function expectRelativelyClose(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected) / Math.abs(expected)).toBeLessThan(tolerance);
}

describe(hyp2f1.name, () => {
  it('is -ln(1 - z) / z for (1, 1; 2), including close to z = 1', () => {
    for (const z of [0.1, 0.5, 0.9, 0.999])
      expectRelativelyClose(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z, 1e-13);
  });

  it('is arcsin(√z) / √z for (1/2, 1/2; 3/2)', () => {
    for (const z of [0.25, 0.64, 0.95]) {
      expectRelativelyClose(hyp2f1(0.5, 0.5, 1.5, z), Math.asin(Math.sqrt(z)) / Math.sqrt(z), 1e-13);
    }
  });

  it('is arctan(√-z) / √-z for (1/2, 1; 3/2) at negative z, through the Pfaff transformation', () => {
    for (const z of [-0.5, -9, -1e4]) {
      expectRelativelyClose(hyp2f1(0.5, 1, 1.5, z), Math.atan(Math.sqrt(-z)) / Math.sqrt(-z), 1e-13);
    }
  });

  it('is (1 + z) / (1 - z)^3 for (2, 2; 1), whose direct series diverges at z = 1', () => {
    for (const z of [0.3, 0.9, 0.9999])
      expectRelativelyClose(hyp2f1(2, 2, 1, z), (1 + z) / (1 - z) ** 3, 1e-12);
  });

  it('is (1 - z)^-a when b = c', () => {
    for (const z of [-3, 0.2, 0.97]) expectRelativelyClose(hyp2f1(3.7, 1.2, 1.2, z), (1 - z) ** -3.7, 1e-12);
  });

  it('is a polynomial when a is a negative integer', () => {
    const [b, c, z] = [1.3, 2.6, 0.7];
    const expected = 1 - (2 * b * z) / c + (b * (b + 1) * z * z) / (c * (c + 1));
    expectRelativelyClose(hyp2f1(-2, b, c, z), expected, 1e-14);
  });

  it('agrees on both sides of the switch to the Euler transformation', () => {
    const [a, b, c] = [26.243, 28.426, 28.219];
    expectRelativelyClose(hyp2f1(a, b, c, 0.5 + 1e-12), hyp2f1(a, b, c, 0.5 - 1e-12), 1e-9);
  });

  it('refuses a pole in c and arguments at or beyond 1', () => {
    expect(() => hyp2f1(1, 1, -2, 0.5)).toThrow(RangeError);
    expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe(scaledHyp2f1.name, () => {
  it('multiplies by (1 - z)^s', () => {
    expectRelativelyClose(scaledHyp2f1(1, 1, 2, 0.5, 2.5), 0.5 ** 2.5 * hyp2f1(1, 1, 2, 0.5), 1e-14);
  });

  it('stays finite where the function overflows and the power underflows', () => {
    // (1 - z)^-a (1 - z)^a = 1 with a = 2000: each factor alone is 10^±2000.
    expect(scaledHyp2f1(2000, 1.2, 1.2, 0.9, 2000)).toBeCloseTo(1, 10);
  });
});
