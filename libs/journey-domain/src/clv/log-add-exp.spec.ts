import { logAddExp } from './log-add-exp';

describe(logAddExp.name, () => {
  it('is ln(e^u + e^v) for ordinary values', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
  });

  it('stays finite where both exponentials underflow', () => {
    expect(logAddExp(-2000, -2000)).toBeCloseTo(-2000 + Math.log(2), 10);
  });

  it('treats ln 0 as adding nothing', () => {
    expect(logAddExp(-Infinity, -7)).toBe(-7);
    expect(logAddExp(-Infinity, -Infinity)).toBe(-Infinity);
  });
});
