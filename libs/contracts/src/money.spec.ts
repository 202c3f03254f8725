import { MAX_AMOUNT_MINOR } from './amount-bounds';
import { formatMinorUnits, isCurrencyCode, minorDigitsOf, toMinorUnits } from './money';

describe('toMinorUnits', () => {
  it.each([
    [19.99, 'EUR', 1999],
    ['19.99', 'EUR', 1999],
    [0.1, 'USD', 10],
    ['0', 'USD', 0],
    [1000, 'JPY', 1000],
    ['1.234', 'KWD', 1234],
    ['12.50', 'EUR', 1250],
    ['12.500', 'EUR', 1250],
    [1.005, 'BHD', 1005],
  ])('converts %p %s to %p minor units exactly', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toEqual({ ok: true, minor });
  });

  it('adds up to the cent where float sums drift', () => {
    const amounts = Array.from({ length: 1000 }, () => 0.1);
    const floatSum = amounts.reduce((a, b) => a + b, 0);
    const minorSum = amounts.reduce((a, b) => {
      const r = toMinorUnits(b, 'USD');
      if (!r.ok) throw new Error(r.message);
      return a + r.minor;
    }, 0);
    expect(floatSum).not.toBe(100);
    expect(minorSum).toBe(10000);
  });

  it.each([
    [-1, 'EUR', 'must not be negative'],
    ['-0.01', 'EUR', 'must not be negative'],
    [19.999, 'EUR', 'has 3 decimal places but EUR allows at most 2'],
    [1.5, 'JPY', 'has 1 decimal places but JPY allows at most 0'],
    [Number.NaN, 'EUR', 'must be a finite number'],
    [Number.POSITIVE_INFINITY, 'EUR', 'must be a finite number'],
    [1e21, 'EUR', 'must be a plain decimal number'],
    ['1e3', 'EUR', 'must be a plain decimal number'],
    ['12,50', 'EUR', 'must be a plain decimal number'],
    ['99999999999999999', 'EUR', 'exceeds the maximum amount per event'],
    [true, 'EUR', 'must be a decimal number in major units'],
  ])('rejects %p %s: %s', (amount, currency, message) => {
    const result = toMinorUnits(amount, currency);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.message).toContain(message);
  });
});

describe('toMinorUnits at the maximum amount', () => {
  it.each([
    ['10000000000.00', 'EUR'],
    ['10000000000', 'EUR'],
    [1e10, 'EUR'],
    ['1000000000000', 'JPY'],
    ['1000000000.000', 'KWD'],
    ['100000000.0000', 'CLF'],
  ])('accepts %p %s, exactly 10^12 minor units', (amount, currency) => {
    expect(toMinorUnits(amount, currency)).toEqual({ ok: true, minor: MAX_AMOUNT_MINOR });
  });

  it.each([
    ['10000000000.01', 'EUR', '10000000000.00 EUR'],
    [10000000000.01, 'EUR', '10000000000.00 EUR'],
    ['1000000000001', 'JPY', '1000000000000 JPY'],
    ['1000000000.001', 'KWD', '1000000000.000 KWD'],
    // The order from issue 15: 2^53 - 1 minor units, which the rule allowed before the bound.
    ['90071992547409.91', 'EUR', '10000000000.00 EUR'],
    ['9'.repeat(40), 'EUR', '10000000000.00 EUR'],
  ])('rejects %p %s one past or far past it, naming the bound', (amount, currency, bound) => {
    expect(toMinorUnits(amount, currency)).toEqual({
      ok: false,
      message: `exceeds the maximum amount per event, ${bound} (1000000000000 minor units)`,
    });
  });
});

describe('minorDigitsOf', () => {
  it('knows the ISO 4217 exponents that are not two', () => {
    expect([minorDigitsOf('EUR'), minorDigitsOf('JPY'), minorDigitsOf('KWD'), minorDigitsOf('CLF')]).toEqual([
      2, 0, 3, 4,
    ]);
  });
});

describe('isCurrencyCode', () => {
  it('accepts known upper-case codes only', () => {
    expect(isCurrencyCode('EUR')).toBe(true);
    expect(isCurrencyCode('eur')).toBe(false);
    expect(isCurrencyCode('XYZ')).toBe(false);
    expect(isCurrencyCode(978)).toBe(false);
  });
});

describe('formatMinorUnits', () => {
  it.each([
    [1999, 'EUR', '19.99'],
    [5, 'EUR', '0.05'],
    [-250, 'USD', '-2.50'],
    [1000, 'JPY', '1000'],
    [1234, 'KWD', '1.234'],
    [0, 'EUR', '0.00'],
  ])('formats %p %s as %p', (minor, currency, text) => {
    expect(formatMinorUnits(minor, currency)).toBe(text);
  });

  it('round-trips with toMinorUnits', () => {
    for (const minor of [0, 1, 99, 100, 123456789]) {
      expect(toMinorUnits(formatMinorUnits(minor, 'EUR'), 'EUR')).toEqual({ ok: true, minor });
    }
  });
});
