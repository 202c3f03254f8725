import { roundMinor } from './round-minor';
import { DAY_MS, MEAN_YEAR_MS } from './time-unit';

/**
 * The shortest tenure revenue is annualised over: 30 days. Without a floor a customer who spent 50 on
 * their first day would be worth 50 x 365 a year; with it, a young customer's revenue is spread over a
 * month, and from day 30 on the tenure is the real one.
 */
export const DEFAULT_MIN_TENURE_MS = 30 * DAY_MS;

/** Inputs of the textbook formula, money in minor units. */
export interface SimpleClvTerms {
  /** Revenue per year, minor units; may be fractional (annualised), as it is rounded only at the end. */
  readonly annualRevenueMinor: number;
  /** Expected relationship length, years (a decimal). */
  readonly relationshipYears: number;
  /** Integer minor units. */
  readonly acquisitionCostMinor: number;
}

/**
 * Simple CLV as the business literature states it: annual revenue x relationship length in years -
 * acquisition cost, undiscounted. 500 a year for 10 years with an acquisition cost of 1000 gives 4000.
 *
 * The result is negative when acquisition cost more than the customer brings in over the relationship:
 * that is the information (an unprofitable acquisition), so it is not floored at zero.
 *
 * @returns integer minor units, rounded half away from zero once, after the arithmetic.
 * @throws RangeError on non-finite inputs, negative years, or a non-integer or negative acquisition cost.
 */
export function simpleClvMinor(terms: SimpleClvTerms): number {
  const { annualRevenueMinor, relationshipYears, acquisitionCostMinor } = terms;
  if (!Number.isFinite(annualRevenueMinor))
    throw new RangeError(`annual revenue must be finite, got ${annualRevenueMinor}`);
  if (!(relationshipYears >= 0 && Number.isFinite(relationshipYears))) {
    throw new RangeError(`relationship years must be finite and >= 0, got ${relationshipYears}`);
  }
  if (!(Number.isSafeInteger(acquisitionCostMinor) && acquisitionCostMinor >= 0)) {
    throw new RangeError(`acquisition cost must be whole minor units >= 0, got ${acquisitionCostMinor}`);
  }
  return roundMinor(annualRevenueMinor * relationshipYears - acquisitionCostMinor);
}

/**
 * Net revenue per year: `netRevenueMinor` over the tenure max(now - firstPurchaseAt, minTenureMs),
 * in mean Gregorian years. A real number of minor units, deliberately not rounded: it is an input to
 * {@link simpleClvMinor}, which rounds once.
 */
export function annualRevenueMinor(
  netRevenueMinor: number,
  firstPurchaseAt: number,
  now: number,
  minTenureMs: number = DEFAULT_MIN_TENURE_MS,
): number {
  return netRevenueMinor / tenureYears(firstPurchaseAt, now, minTenureMs);
}

function tenureYears(firstPurchaseAt: number, now: number, minTenureMs: number): number {
  if (!(minTenureMs > 0)) throw new RangeError(`minimum tenure must be positive, got ${minTenureMs}`);
  return Math.max(now - firstPurchaseAt, minTenureMs) / MEAN_YEAR_MS;
}

/** A customer's revenue so far and the assumptions the simple CLV applies to it. */
export interface SimpleClvInput {
  /** Orders minus refunds to date, integer minor units (`PurchaseSummary.netRevenueMinor`). */
  readonly netRevenueMinor: number;
  /** Epoch ms of the first order (`PurchaseSummary.firstPurchaseAt`). */
  readonly firstPurchaseAt: number;
  readonly now: number;
  readonly relationshipYears: number;
  readonly acquisitionCostMinor: number;
  /** Floor on the tenure revenue is annualised over; default {@link DEFAULT_MIN_TENURE_MS}. */
  readonly minTenureMs?: number;
}

/** The simple CLV with the figures it was built from, all money in integer minor units. */
export interface SimpleClv {
  readonly valueMinor: number;
  /**
   * For display. The value is computed from the unrounded figure, so this x years - cost can differ
   * from it by up to about years / 2 minor units.
   */
  readonly annualRevenueMinor: number;
  /** The tenure revenue was annualised over, after the floor. */
  readonly tenureYears: number;
  readonly relationshipYears: number;
  readonly acquisitionCostMinor: number;
}

/** The simple CLV of a customer from their revenue to date, annualised over their (floored) tenure. */
export function simpleClv(input: SimpleClvInput): SimpleClv {
  const { netRevenueMinor, firstPurchaseAt, now, relationshipYears, acquisitionCostMinor } = input;
  if (!Number.isSafeInteger(netRevenueMinor))
    throw new RangeError(`net revenue must be whole minor units, got ${netRevenueMinor}`);
  const minTenureMs = input.minTenureMs ?? DEFAULT_MIN_TENURE_MS;
  const annual = annualRevenueMinor(netRevenueMinor, firstPurchaseAt, now, minTenureMs);
  return {
    valueMinor: simpleClvMinor({ annualRevenueMinor: annual, relationshipYears, acquisitionCostMinor }),
    annualRevenueMinor: roundMinor(annual),
    tenureYears: tenureYears(firstPurchaseAt, now, minTenureMs),
    relationshipYears,
    acquisitionCostMinor,
  };
}
