import { roundMinor } from './round-minor';

describe(roundMinor.name, () => {
  it('rounds halves away from zero on both sides', () => {
    expect(roundMinor(2.5)).toBe(3);
    expect(roundMinor(-2.5)).toBe(-3);
    expect(roundMinor(0.5)).toBe(1);
    expect(roundMinor(-0.5)).toBe(-1);
  });

  it('rounds the largest double below one half down rather than drifting up', () => {
    expect(roundMinor(0.49999999999999994)).toBe(0);
  });

  it('never returns negative zero', () => {
    expect(Object.is(roundMinor(-0.2), 0)).toBe(true);
  });

  it('refuses values that are not finite or exceed safe integers', () => {
    expect(() => roundMinor(Number.NaN)).toThrow(RangeError);
    expect(() => roundMinor(Infinity)).toThrow(RangeError);
    expect(() => roundMinor(2 ** 60)).toThrow(RangeError);
  });
});
