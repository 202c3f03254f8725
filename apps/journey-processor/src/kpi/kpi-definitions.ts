/** The definitions behind every figure of `GET /kpis`, returned with it so a dashboard can show them. */
export type KpiDefinitions = Readonly<
  Record<
    | 'period'
    | 'nps'
    | 'activeCustomer'
    | 'acquired'
    | 'lost'
    | 'retentionRate'
    | 'churnRate'
    | 'funnel'
    | 'clv'
    | 'churnBands'
    | 'consistency',
    string
  >
>;

export function kpiDefinitions(activityWindowDays: number): KpiDefinitions {
  const days = `${activityWindowDays} day${activityWindowDays === 1 ? '' : 's'}`;
  return {
    period:
      '[from, to): from inclusive, to exclusive. A date without a time means 00:00 UTC; instants are epoch ' +
      'milliseconds of event time (occurredAt).',
    nps:
      "Each customer's latest answer (by answer time, then event id) given within the period; promoters " +
      'answered 9-10, passives 7-8, detractors 0-6. nps = 100 x (promoters - detractors) / respondents, ' +
      'unrounded; npsRounded rounds halves away from zero. Both null when nobody answered.',
    activeCustomer:
      `A customer is active at instant t with a purchase in [t - ${days}, t) (ACTIVITY_WINDOW_DAYS). A ` +
      'purchase is a placed order, in any currency, that was never cancelled; a refunded order still counts. ' +
      'S = startCount, active at from; E = endCount, active at to.',
    acquired: 'N: customers whose first purchase falls within the period.',
    lost: 'Customers active at from or acquired during the period, and not active at to.',
    retentionRate:
      '(E - N) / S x 100, clamped into [0, 100] (retentionClamped says why when it was); null when S = 0. ' +
      'retained counts customers active at both from and to; reactivated those active at to who were ' +
      'neither active at from nor acquired: the formula counts them as kept.',
    churnRate:
      'lost / averageCustomers x 100 with averageCustomers = (S + E) / 2; null when that is 0. Not ' +
      'clamped: it can exceed 100 when the base collapses.',
    funnel:
      'The cohort is the customers first seen within the period. reached counts those whose furthest ' +
      'stage entered before to is that stage or a later one (a customer counts for every stage up to its ' +
      'furthest). conversionRate = reached / reached of the previous stage x 100; null for awareness and ' +
      'after a stage nobody reached.',
    clv:
      'Now, not over the period: every customer with a CLV (predictive when the models are fitted, else ' +
      'simple) and at least one purchase, in major units of the pipeline currency as exact decimal ' +
      'strings. Quantiles are nearest-rank; the mean is rounded to the minor unit; histogram bins are ' +
      '[from, to) on a 1-2-5 scale around 0, a null bound being open.',
    churnBands:
      "Now, not over the period: customers per churn-risk band (the band of each customer's latest " +
      'churn-risk assessment).',
    consistency:
      'Each figure is read from the population indexes the processor updates after every batch; the ' +
      'indexes are read one after another, not as one snapshot, so figures can differ by the events ' +
      'processed in between.',
  };
}
