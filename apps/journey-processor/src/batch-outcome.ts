/** What one batch did, for logs and metrics. */
export interface BatchOutcome {
  readonly applied: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  readonly derived: number;
  /** Valid events of erased customers: dropped on purpose, neither applied nor dead-lettered. */
  readonly dropped: number;
}

/** Why a valid event was dropped, on the dropped-events metric. */
export const DROPPED_ERASED = 'CUSTOMER_ERASED';
