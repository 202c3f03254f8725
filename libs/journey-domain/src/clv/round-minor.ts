/**
 * Rounds a model output in minor units (an expected spend, a discounted value) to whole minor units,
 * half away from zero: 2.5 becomes 3 and -2.5 becomes -3, so a value and its negation round to
 * opposite amounts. This is the single rounding step at the boundary between real-valued models and
 * the integer money the rest of the pipeline adds up.
 *
 * @throws RangeError when the value is not finite or does not fit a safe integer.
 */
export function roundMinor(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value} to minor units`);
  // Math.round is exact on a non-negative double (it does not add 0.5 and truncate), and rounds ties up.
  const rounded = Math.round(Math.abs(value));
  if (!Number.isSafeInteger(rounded)) throw new RangeError(`${value} minor units exceed 2^53`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}
