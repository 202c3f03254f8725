/*
 * Why these bounds keep every money path exact. Let C = 10^12 minor units and S = 2^53 - 1 (about
 * 9.007 x 10^15), the largest integer a double holds exactly.
 *
 * 1. Integer sums. Per customer and per currency, the orders placed (every orderId, cancelled or not),
 *    the refunds, and the attributed acquisition cost are each at most C (MAX_CUSTOMER_TOTAL_MINOR).
 *    Every sum the domain forms is a sum of a subset of one of them: gross, refunded, per-order refunds,
 *    per-day and repeat spend, acquisition cost. Net revenue (orders minus refunds) lies in [-C, C]. All
 *    are exact integers far below S.
 * 2. Simple CLV = net / tenureYears x relationshipYears - acquisition. The tenure is floored at
 *    CLV_MIN_TENURE_YEARS >= 0.01 (simpleClv's own default is 30 days), so |annual| <= 100 C; the
 *    relationship length is at most 50 years (CLV_RELATIONSHIP_YEARS; the observed one at most 10).
 *    |value| <= 100 x 50 x C + C = 5.001 x 10^15 < S: roundMinor never refuses it, and the double it
 *    rounds has a spacing of at most 1, so the single rounding stays meaningful.
 * 3. Predictive CLV = discounted expected purchases x E[Z]. E[Z] is a convex combination of the
 *    customer's mean repeat spend (<= C) and the population mean of a fit on such customers (the
 *    fallback is their mean m_x, <= C). BG/NBD expected purchases over t are at most t (r + x) /
 *    (alpha + t_x), and x <= t_x in days (one purchase day a day), so over the longest horizon (120
 *    months, 3653 days) at most 3653 x max(1, r / alpha a day). The product stays below 3.7 x 10^15 < S
 *    while the fitted population rate r / alpha is under 2.4 purchase days a day, which a fit on data of
 *    at most one a day keeps.
 * 4. Gamma-Gamma fits read logarithms of m_x <= C; KPI means of CLV values are summed in BigInt;
 *    KPI histogram edges stop at 5 x 10^15, the last 1-2-5 step that is a safe integer (a CLV past it
 *    falls in the open end bin).
 *
 * Why 10^12: ten billion in two-digit currencies (EUR, USD), a trillion JPY, a billion KWD; even in the
 * currencies with the smallest minor unit (IDR, about 1.6 million minor units to the dollar: about
 * 600,000 dollars; VND: about 40 million) it is above any single order a journey pipeline sees. It is
 * the largest power of ten for which step 2 holds (5001 x C < S). One event may carry the whole
 * customer total, so every contract-valid event applies to a customer who has no money facts yet.
 */

/**
 * The largest amount one event may carry, in minor units of its currency (10^12: 10,000,000,000.00
 * EUR, 1,000,000,000,000 JPY). A larger amount is rejected as `INVALID_FIELD`.
 */
export const MAX_AMOUNT_MINOR = 1_000_000_000_000;

/**
 * The largest total, in minor units of one currency, of each of a customer's orders placed, refunds,
 * and attributed acquisition costs. The domain refuses an event that would take a total past it.
 */
export const MAX_CUSTOMER_TOTAL_MINOR = 1_000_000_000_000;
