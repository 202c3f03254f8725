import { MAX_CUSTOMER_TOTAL_MINOR } from '@pipeline/contracts';
import { JourneyState } from './journey-state';

/** The money totals a customer's journey is bounded in, each per currency. */
export type CustomerTotalKind = 'orders' | 'refunds' | 'acquisition';

/**
 * An event (or a merge) that would take one of a customer's money totals past
 * `MAX_CUSTOMER_TOTAL_MINOR` in one currency. Thrown before anything is folded, so the customer's
 * journey stays as it was: the event is not applied at all (no counter, no stage evidence, no dedupe
 * bookkeeping), and applying it again fails the same way. The customer's other events, and later
 * ones that fit (another currency, or totals that stay within the bound), still apply. Within the
 * bound, every revenue and CLV figure is exact: see libs/contracts/src/amount-bounds.ts.
 */
export class CustomerTotalBoundError extends Error {
  readonly code = 'CUSTOMER_TOTAL_BOUND';
  /** Trying again cannot help: the unit of work sets the event aside rather than retry it. */
  readonly kind = 'deterministic';
  readonly limitMinor = MAX_CUSTOMER_TOTAL_MINOR;

  constructor(
    readonly total: CustomerTotalKind,
    readonly currency: string,
    /** The total the event would have made, minor units. */
    readonly wouldBeMinor: number,
  ) {
    super(
      `the customer's ${total} in ${currency} would total ${wouldBeMinor} minor units, over the bound of ` +
        `${MAX_CUSTOMER_TOTAL_MINOR} per customer (MAX_CUSTOMER_TOTAL_MINOR)`,
    );
    this.name = CustomerTotalBoundError.name;
  }
}

type Amount = readonly [minor: number, currency: string];

/** The amounts of one kind of money fact. */
function amountsOf(state: JourneyState, total: CustomerTotalKind): Amount[] {
  switch (total) {
    case 'orders':
      return Object.values(state.ord ?? {}).map(([, minor, currency]): Amount => [minor, currency]);
    case 'refunds':
      return Object.values(state.ref ?? {}).map(([, , minor, currency]): Amount => [minor, currency]);
    case 'acquisition':
      return Object.values(state.acq ?? {});
  }
}

/** The sum of one kind of money fact in one currency: every order placed counts, cancelled or not. */
export function customerTotalMinor(state: JourneyState, total: CustomerTotalKind, currency: string): number {
  let sum = 0;
  for (const [minor, factCurrency] of amountsOf(state, total)) if (factCurrency === currency) sum += minor;
  return sum;
}

/**
 * Throws {@link CustomerTotalBoundError} when `next` holds more than the bound of `total` in
 * `currency`. Orders count whether or not they are cancelled, and refunds whatever order they name,
 * because which of them count towards revenue depends on the instant CLV is valued at: bounding all
 * of them keeps every such subset within the bound.
 */
export function assertCustomerTotal(next: JourneyState, total: CustomerTotalKind, currency: string): void {
  const sum = customerTotalMinor(next, total, currency);
  if (sum > MAX_CUSTOMER_TOTAL_MINOR) throw new CustomerTotalBoundError(total, currency, sum);
}
