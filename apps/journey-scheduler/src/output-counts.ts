/** What a job did to the customers it looked at, summed over its chunks. */
export interface OutputCounts {
  /** Customers looked at. */
  readonly customers: number;
  /** Customers whose bookkeeping (and outbox) was written. */
  readonly written: number;
  /** Customers with nothing new to write. */
  readonly unchanged: number;
  /** Customers with no readable stored journey. */
  readonly missing: number;
  /** Customers still conflicting with concurrent writes after every attempt: left for the next run. */
  readonly abandoned: number;
  readonly clvEvents: number;
  readonly churnRiskEvents: number;
  /** `customer.profile.v1` records: a recomputation that changed something in the profile. */
  readonly profiles: number;
  /** Outbox entries an earlier writer left behind (a crash before its publish), published now. */
  readonly republished: number;
}

export const NO_OUTPUTS: OutputCounts = {
  customers: 0,
  written: 0,
  unchanged: 0,
  missing: 0,
  abandoned: 0,
  clvEvents: 0,
  churnRiskEvents: 0,
  profiles: 0,
  republished: 0,
};

export function addOutputCounts(a: OutputCounts, b: OutputCounts): OutputCounts {
  return {
    customers: a.customers + b.customers,
    written: a.written + b.written,
    unchanged: a.unchanged + b.unchanged,
    missing: a.missing + b.missing,
    abandoned: a.abandoned + b.abandoned,
    clvEvents: a.clvEvents + b.clvEvents,
    churnRiskEvents: a.churnRiskEvents + b.churnRiskEvents,
    profiles: a.profiles + b.profiles,
    republished: a.republished + b.republished,
  };
}
