import { FailureKind } from './failure-kind';

/** How `isolateFailures` runs a unit, classifies its failures and sets a record aside. */
export interface IsolationPlan<T> {
  /** Runs the unit (or a part of it) to completion; idempotent, so a part may run again. */
  run(items: readonly T[]): Promise<void>;
  /** Sets aside one record that fails on its own (dead-letters it); may throw a transient failure. */
  quarantine(item: T, error: unknown): Promise<void>;
  classify(error: unknown): FailureKind;
  /** How often a failure of unknown kind is tried on the whole unit before the unit is split. */
  readonly unknownAttempts: number;
  /** Waits before the next try of attempt `attempt` (2 for the first retry), keeping the unit alive. */
  pause(attempt: number): Promise<void>;
  /** Told when a unit is split because of `error`; for logs and metrics. */
  onSplit?(size: number, kind: FailureKind, error: unknown): void;
}

/**
 * Runs a unit of records so that no record can hold it hostage:
 * - success: done;
 * - a transient failure: rethrown, for the caller to retry the whole unit with backoff (nothing is
 *   skipped for an outage);
 * - a deterministic failure: the unit is split in two halves, run one after the other in order, and
 *   so on down to the single record that fails on its own, which is quarantined;
 * - an unknown failure: the whole unit is tried again, `unknownAttempts` times in all, then treated
 *   as deterministic: only a record that still fails on its own is quarantined, so an outage that
 *   looks odd is never mistaken for poison.
 * Order is kept: a record never runs before one that came before it in `items`.
 */
export async function isolateFailures<T>(items: readonly T[], plan: IsolationPlan<T>): Promise<void> {
  if (items.length === 0) return;
  let failure: unknown;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await plan.run(items);
      return;
    } catch (error) {
      const kind = plan.classify(error);
      if (kind === 'transient') throw error;
      failure = error;
      if (kind === 'deterministic' || attempt >= plan.unknownAttempts) {
        plan.onSplit?.(items.length, kind, error);
        break;
      }
    }
    await plan.pause(attempt + 1);
  }
  await split(items, failure, plan);
}

async function split<T>(items: readonly T[], failure: unknown, plan: IsolationPlan<T>): Promise<void> {
  const [only] = items;
  if (items.length === 1 && only !== undefined) {
    await plan.quarantine(only, failure);
    return;
  }
  const middle = Math.ceil(items.length / 2);
  for (const half of [items.slice(0, middle), items.slice(middle)]) {
    try {
      await plan.run(half);
    } catch (error) {
      // Below the top level, a failure that is not transient is the half's own: keep splitting.
      if (plan.classify(error) === 'transient') throw error;
      await split(half, error, plan);
    }
  }
}
