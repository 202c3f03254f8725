import { CustomerProfileV1, formatMinorUnits, OUTBOUND_TOPICS } from '@pipeline/contracts';
import { createHash } from 'node:crypto';
import { consentView } from '../consent-view';
import { derivedEventId } from '../derived-event-id';
import { assessStages } from '../journey-stages';
import { JourneyState } from '../journey-state';
import { ClvModelSnapshot } from './clv-model-snapshot';
import { clvSegment } from './customer-clv';
import { DerivedOutputs } from './derive-outputs';
import { DerivedRecord } from './derived-record';
import { EmittedOutputs } from './emitted-outputs';
import { OutputSettings } from './output-settings';

/** A profile whose content changed, and the digest to remember it by. */
export interface ProfileChange {
  readonly digest: string;
  readonly record: DerivedRecord;
}

type ProfileContent = Omit<CustomerProfileV1, 'eventId' | 'reflects' | 'schemaVersion'>;

/**
 * The `customer.profile.v1` record after `causingEventId` (an event id, or the time or refit key of
 * a recomputation) was applied, or undefined when nothing in
 * the profile changed (the digest of its content equals `previousDigest`). What it reflects (events
 * applied, causing event) is left out of the comparison: an event that changes nothing in the profile
 * emits nothing, so the latest profile names the last event that changed it, whatever the batching.
 */
export function profileChange(
  customerId: string,
  state: JourneyState,
  outputs: Pick<DerivedOutputs, 'emitted' | 'clv' | 'churn'>,
  settings: Pick<OutputSettings, 'currency'>,
  model: ClvModelSnapshot | undefined,
  previousDigest: string | undefined,
  causingEventId: string,
): ProfileChange | undefined {
  const content = profileContent(customerId, state, outputs, settings.currency, model);
  const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 32);
  if (digest === previousDigest) return undefined;
  const eventId = derivedEventId('profile', customerId, causingEventId);
  const profile: CustomerProfileV1 = {
    eventId,
    ...content,
    reflects: { eventsApplied: eventsApplied(state), causingEventId },
    schemaVersion: 1,
  };
  return {
    digest,
    record: { id: eventId, topic: OUTBOUND_TOPICS.profile, key: customerId, value: JSON.stringify(profile) },
  };
}

function profileContent(
  customerId: string,
  state: JourneyState,
  { emitted, clv, churn }: Pick<DerivedOutputs, 'emitted' | 'clv' | 'churn'>,
  currency: string,
  model: ClvModelSnapshot | undefined,
): ProfileContent {
  // The CLV last emitted on customer.clv.v1 (and indexed), not one revalued at every event.
  const value = emitted.clv;
  const stages = assessStages(state);
  const money = (minor: number): string => formatMinorUnits(minor, currency);
  return {
    customerId,
    stages: {
      current: stages.current,
      furthest: stages.furthest,
      currentSince: new Date(stages.currentSince).toISOString(),
    },
    clv: value
      ? {
          currency,
          simple: money(value.simpleMinor),
          predictive: value.predictiveMinor === null ? null : money(value.predictiveMinor),
          segment: clvSegment(value.predictiveMinor ?? value.simpleMinor, model?.segmentThresholds),
        }
      : null,
    churn:
      emitted.churn && churn
        ? {
            score: churn.score,
            band: churn.band,
            reasons: churn.reasons.map(({ code, text }) => ({ code, text })),
          }
        : null,
    orders: {
      count: Object.keys(state.ord ?? {}).length,
      netRevenue: clv ? money(clv.summary.netRevenueMinor) : null,
    },
    firstSeenAt: new Date(state.seen[0]).toISOString(),
    lastSeenAt: new Date(state.seen[1]).toISOString(),
    consent: consentView(state),
  };
}

/** Applied events of every type: independent of delivery, so of how events were grouped into units. */
function eventsApplied(state: JourneyState): number {
  let total = 0;
  for (const count of Object.values(state.n)) total += count ?? 0;
  return total;
}

/** `emitted` remembering `digest` as the last profile emitted (the same object when it already does). */
export function withProfileDigest(emitted: EmittedOutputs, digest: string | undefined): EmittedOutputs {
  if (emitted.profile === digest) return emitted;
  if (digest === undefined) {
    const { profile: _dropped, ...rest } = emitted;
    return rest;
  }
  return { ...emitted, profile: digest };
}

/**
 * The `customer.profile.v1` tombstone of an id that is no customer of its own any more (erased, or an
 * anonymous id merged into a customer): a null value, so compaction removes the key's earlier
 * profiles. `cause` names it like any derived record (the erasure time, the identify event).
 */
export function profileTombstone(customerId: string, cause: string): DerivedRecord {
  return {
    id: derivedEventId('profile', customerId, cause),
    topic: OUTBOUND_TOPICS.profile,
    key: customerId,
    value: null,
  };
}
