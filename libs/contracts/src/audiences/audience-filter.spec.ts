import { signedMinor } from './audience-filter';

describe(signedMinor.name, () => {
  it.each([
    ['120.50', 'EUR', 12050],
    ['-4.5', 'EUR', -450],
    ['30000000000.00', 'EUR', 3_000_000_000_000],
    ['1200', 'JPY', 1200],
    ['1.234', 'KWD', 1234],
    ['-0.00', 'EUR', 0],
  ])('reads %s %s as %d minor units, past the per-event maximum too', (amount, currency, minor) => {
    expect(signedMinor(amount, currency)).toBe(minor);
  });

  it.each([
    ['1.234', 'EUR'],
    ['abc', 'EUR'],
    ['1e5', 'EUR'],
    ['01', 'EUR'],
  ])('refuses %s %s', (amount, currency) => {
    expect(() => signedMinor(amount, currency)).toThrow(RangeError);
  });
});
