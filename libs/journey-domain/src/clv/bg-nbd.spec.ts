import {
  BgNbdParams,
  bgNbdLogLikelihood,
  conditionalExpectedPurchases,
  expectedPurchases,
  probabilityAlive,
} from './bg-nbd';
import { logBeta, logGamma } from './log-gamma';

/** The CDNOW fit of Fader, Hardie & Lee (2005), in weeks, to the precision the brief gives it. */
const CDNOW: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

function relativeDifference(a: number, b: number): number {
  return Math.abs(a - b) / Math.abs(b);
}

describe(probabilityAlive.name, () => {
  it('reproduces the published P(alive) of a heavy recent CDNOW buyer', () => {
    expect(Math.abs(probabilityAlive(CDNOW, 26, 30.85714, 31) - 0.9688523)).toBeLessThan(1e-6);
  });

  it('is exactly 1 without repeat purchases, since the BG/NBD only drops customers after a purchase', () => {
    expect(probabilityAlive(CDNOW, 0, 0, 38.86)).toBe(1);
  });

  it('falls as the silence since the last purchase grows, and faster for heavier buyers', () => {
    const light = [probabilityAlive(CDNOW, 2, 10, 20), probabilityAlive(CDNOW, 2, 10, 40)];
    const heavy = [probabilityAlive(CDNOW, 20, 10, 20), probabilityAlive(CDNOW, 20, 10, 40)];
    expect(light[1]).toBeLessThan(light[0]);
    expect(heavy[1] / heavy[0]).toBeLessThan(light[1] / light[0]);
  });

  it('stays a probability for a long-silent customer with hundreds of purchases', () => {
    const p = probabilityAlive(CDNOW, 600, 1, 400);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-100);
  });

  it('refuses a recency beyond the age and a fractional frequency', () => {
    expect(() => probabilityAlive(CDNOW, 2, 40, 30)).toThrow(RangeError);
    expect(() => probabilityAlive(CDNOW, 1.5, 10, 30)).toThrow(RangeError);
  });
});

describe(conditionalExpectedPurchases.name, () => {
  it('reproduces the published 52-week forecast of a heavy recent CDNOW buyer', () => {
    expect(Math.abs(conditionalExpectedPurchases(CDNOW, 52, 26, 30.85714, 31) - 25.75659)).toBeLessThan(1e-4);
  });

  it('reproduces the published 39-week forecast of a light CDNOW buyer', () => {
    expect(Math.abs(conditionalExpectedPurchases(CDNOW, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(1e-3);
  });

  it('is zero over an empty horizon and grows with the horizon', () => {
    expect(conditionalExpectedPurchases(CDNOW, 0, 5, 20, 30)).toBe(0);
    const forecasts = [1, 10, 52, 520].map((t) => conditionalExpectedPurchases(CDNOW, t, 5, 20, 30));
    forecasts.slice(1).forEach((value, i) => expect(value).toBeGreaterThan(forecasts[i]));
  });

  it('treats a customer without repeat purchases as alive and updates on the silence alone', () => {
    const justArrived = conditionalExpectedPurchases(CDNOW, 52, 0, 0, 0);
    const silentForAYear = conditionalExpectedPurchases(CDNOW, 52, 0, 0, 52);
    expect(justArrived).toBeCloseTo(expectedPurchases(CDNOW, 52), 12);
    expect(silentForAYear).toBeGreaterThan(0);
    expect(silentForAYear).toBeLessThan(justArrived);
  });

  it('stays finite for hundreds of purchases over a long horizon, where 2F1 alone overflows', () => {
    const value = conditionalExpectedPurchases(CDNOW, 520, 700, 99, 100);
    expect(Number.isFinite(value)).toBe(true);
    // About seven purchases a week while alive: never more than the rate x the horizon.
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan((700 / 100) * 520 * 1.2);
  });

  it('is continuous through a = 1, where the closed form divides zero by zero', () => {
    const at = (a: number) => conditionalExpectedPurchases({ ...CDNOW, a }, 39, 2, 30.43, 38.86);
    expect(Number.isFinite(at(1))).toBe(true);
    expect(relativeDifference(at(1), (at(1 - 1e-6) + at(1 + 1e-6)) / 2)).toBeLessThan(1e-8);
  });

  it('agrees with the numerical integral at the edge of the a = 1 guard', () => {
    // Just inside the guard the mixture is integrated over p; just outside, the 2F1 closed form is used.
    for (const edge of [1 - 1e-3, 1 + 1e-3]) {
      const inside = conditionalExpectedPurchases(
        { ...CDNOW, a: edge + (edge < 1 ? 1e-9 : -1e-9) },
        39,
        2,
        30.43,
        38.86,
      );
      const outside = conditionalExpectedPurchases(
        { ...CDNOW, a: edge + (edge < 1 ? -1e-9 : 1e-9) },
        39,
        2,
        30.43,
        38.86,
      );
      expect(relativeDifference(inside, outside)).toBeLessThan(1e-8);
    }
  });
});

describe(expectedPurchases.name, () => {
  it('starts at the mean purchase rate r / alpha of a live customer', () => {
    const t = 1e-4;
    expect(relativeDifference(expectedPurchases(CDNOW, t) / t, CDNOW.r / CDNOW.alpha)).toBeLessThan(1e-3);
  });

  it('agrees with the numerical integral at the edge of the c = a + b - 1 = 0 guard', () => {
    const a = 0.3;
    const at = (b: number) => expectedPurchases({ ...CDNOW, a, b }, 52);
    expect(relativeDifference(at(0.71 - 1e-9), at(0.71 + 1e-9))).toBeLessThan(1e-8);
  });

  it('stays finite and positive when a + b < 1, where 2F1 would have c <= 0', () => {
    const value = expectedPurchases({ r: 0.5, alpha: 3, a: 0.3, b: 0.4 }, 52);
    expect(value).toBeGreaterThan(0);
    expect(value).toBeLessThan((0.5 / 3) * 52);
  });

  it('refuses a negative horizon', () => {
    expect(() => expectedPurchases(CDNOW, -1)).toThrow(RangeError);
  });
});

describe(bgNbdLogLikelihood.name, () => {
  it('is r ln(alpha / (alpha + T)) without repeat purchases: the chance of none while alive', () => {
    expect(bgNbdLogLikelihood(CDNOW, 0, 0, 38.86)).toBeCloseTo(
      CDNOW.r * Math.log(CDNOW.alpha / (CDNOW.alpha + 38.86)),
      12,
    );
  });

  it("matches the paper's product form, written with beta functions instead of a / (b + x - 1)", () => {
    const { r, alpha, a, b } = CDNOW;
    const [x, tx, T] = [4, 20, 35];
    const gammaPart = Math.exp(logGamma(r + x) - logGamma(r) + r * Math.log(alpha));
    const expected =
      Math.exp(logBeta(a, b + x) - logBeta(a, b)) * gammaPart * (alpha + T) ** -(r + x) +
      Math.exp(logBeta(a + 1, b + x - 1) - logBeta(a, b)) * gammaPart * (alpha + tx) ** -(r + x);
    expect(bgNbdLogLikelihood(CDNOW, x, tx, T)).toBeCloseTo(Math.log(expected), 11);
  });

  it('stays finite for a customer with a thousand purchases, where the likelihood itself underflows', () => {
    expect(Number.isFinite(bgNbdLogLikelihood(CDNOW, 1000, 300, 310))).toBe(true);
  });
});
