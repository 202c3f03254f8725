import { JourneyEvent } from '@pipeline/contracts';
import { applyEvent, ApplyResult, StageChange } from '../apply-event';
import { Delivery } from '../delivery-dedupe';
import { JourneyState } from '../journey-state';
import { ClvModelSnapshot } from './clv-model-snapshot';
import { deriveOutputs } from './derive-outputs';
import { DerivedRecord, outputRecords, stageChangedRecord } from './derived-record';
import { profileTombstone } from './customer-profile';
import { EmittedOutputs } from './emitted-outputs';
import { OutputSettings } from './output-settings';

/** One event to fold into a customer's journey, and where it was read from. */
export interface FoldItem {
  readonly event: JourneyEvent;
  readonly delivery: Delivery;
}

/** Everything the fold needs besides the journey and the events; no clock: time comes from events. */
export interface FoldContext {
  readonly customerId: string;
  /** See `ApplyOptions.recentEventIds`. */
  readonly recentEventIds: number;
  readonly settings: OutputSettings;
  readonly model?: ClvModelSnapshot;
}

/** Where in the fold an event failed: applying it to the state, or deriving the outputs after it. */
export type FoldStage = 'fold' | 'derive';

/** An event the fold set aside because applying it, or deriving from it, threw. */
export interface QuarantinedEvent {
  /** Position of the event in the items given to the fold. */
  readonly index: number;
  readonly stage: FoldStage;
  readonly error: unknown;
}

export interface FoldResult {
  /** The journey after the fold; undefined when there was none and nothing was applied. */
  readonly state: JourneyState | undefined;
  readonly emitted: EmittedOutputs;
  /**
   * Derived events, in the order of the events that caused them, then at most one
   * `customer.profile.v1`: the profile after the last event that changed it (see the fold).
   */
  readonly records: readonly DerivedRecord[];
  /** The events applied (not duplicates, not quarantined), in fold order. */
  readonly appliedEvents: readonly JourneyEvent[];
  readonly duplicates: number;
  readonly quarantined: readonly QuarantinedEvent[];
}

/**
 * Folds a customer's events into the journey, one at a time, and derives after each applied event
 * what it changed: a `customer.stage-changed.v1` when it moved the current stage, a `customer.clv.v1`
 * when it changed the CLV (orders, refunds, cancellations and attributed costs are its inputs), a
 * `customer.churn-risk.v1` when it moved the churn band. Every derived event is caused by, and named
 * after, the event that made the change, and both CLV and churn risk are valued as of the customer's
 * latest event time, never the wall clock: the same events in the same order give the same derived
 * events and ids however they were grouped into units, on every replay.
 *
 * The profile (`customer.profile.v1`) is coalesced: one record per fold, the profile after the last
 * applied event that changed it, named after that event. A compacted topic keeps only the latest
 * record per customer, and that one is the same however the events were grouped into units (the
 * same last changing event, the same content); only the intermediate profiles a smaller unit would
 * also have emitted are skipped, which compaction would drop anyway.
 *
 * An event whose application or derivation throws (a bug it triggers, a bound it breaks) is set aside
 * in `quarantined` and leaves the journey as it was before it; the events after it still apply. The
 * fold never throws for one bad event.
 */
export function foldJourneyEvents(
  state: JourneyState | undefined,
  emitted: EmittedOutputs,
  items: readonly FoldItem[],
  context: FoldContext,
): FoldResult {
  const { customerId, recentEventIds, settings, model } = context;
  const records: DerivedRecord[] = [];
  const appliedEvents: JourneyEvent[] = [];
  const quarantined: QuarantinedEvent[] = [];
  let duplicates = 0;
  let profile: DerivedRecord | undefined;
  items.forEach(({ event, delivery }, index) => {
    let result: ApplyResult;
    try {
      result = applyEvent(state, event, delivery, { recentEventIds });
    } catch (error) {
      quarantined.push({ index, stage: 'fold', error });
      return;
    }
    if (result.outcome === 'duplicate') {
      state = result.state;
      duplicates += 1;
      return;
    }
    const next = result.state;
    let produced: DerivedRecord[];
    let nextEmitted: EmittedOutputs;
    let nextProfile: DerivedRecord | undefined;
    try {
      produced = result.stageChange ? [stageChangedRecord(customerId, result.stageChange)] : [];
      const asOf = next.seen[1];
      const outputs = deriveOutputs({
        customerId,
        state: next,
        previous: emitted,
        now: asOf,
        clvAsOf: asOf,
        trigger: { kind: 'event', eventId: event.eventId },
        settings,
        model,
        recomputeClv: changesClvInputs(event),
      });
      produced.push(...outputRecords(customerId, outputs));
      nextProfile = outputs.profile;
      nextEmitted = outputs.emitted;
    } catch (error) {
      quarantined.push({ index, stage: 'derive', error });
      return;
    }
    state = next;
    emitted = nextEmitted;
    records.push(...produced);
    if (nextProfile) profile = nextProfile;
    appliedEvents.push(event);
  });
  if (profile) records.push(profile);
  return { state, emitted, records, appliedEvents, duplicates, quarantined };
}

/** Orders, refunds and cancellations (the conversion topic) and attributed acquisition costs. */
export function changesClvInputs(event: JourneyEvent): boolean {
  return event.stage === 'conversion' || (event.stage === 'awareness' && 'cost' in event.properties);
}

/** What a merge of an anonymous journey derives: a stage change, CLV and churn risk as of its time. */
export interface MergeDerivation {
  readonly emitted: EmittedOutputs;
  readonly records: readonly DerivedRecord[];
}

/**
 * The derived events of an identify that merged an anonymous journey into the customer's, caused by
 * and named after the identify, valued as of the customer's latest event time like the stream's; and
 * the tombstone of the anonymous id's profile, which is the customer's now. Only
 * attributed acquisition cost among the merged facts can change the CLV (an anonymous journey with an
 * order is never merged).
 */
export function deriveAfterMerge(
  merged: JourneyState,
  anonymous: JourneyState | undefined,
  stageChange: StageChange | undefined,
  previous: EmittedOutputs,
  identifyEventId: string,
  context: Omit<FoldContext, 'recentEventIds'> & { readonly anonymousId: string },
): MergeDerivation {
  const { customerId, settings, model } = context;
  const records = stageChange ? [stageChangedRecord(customerId, stageChange)] : [];
  const asOf = merged.seen[1];
  const outputs = deriveOutputs({
    customerId,
    state: merged,
    previous,
    now: asOf,
    clvAsOf: asOf,
    trigger: { kind: 'event', eventId: identifyEventId },
    settings,
    model,
    recomputeClv: Object.keys(anonymous?.acq ?? {}).length > 0,
  });
  const profile = outputs.profile ? [outputs.profile] : [];
  if (anonymous !== undefined) profile.push(profileTombstone(context.anonymousId, identifyEventId));
  return {
    emitted: outputs.emitted,
    records: [...records, ...outputRecords(customerId, outputs), ...profile],
  };
}
