import { ChurnRiskEventV1, ClvEventV1, formatMinorUnits } from '@pipeline/contracts';
import { ChurnAssessment, scoreChurnRisk } from '../churn/churn-score';
import { churnInputFromState } from '../churn/churn-input';
import { consentView } from '../consent-view';
import { derivedEventId } from '../derived-event-id';
import { JourneyState } from '../journey-state';
import { ClvModelSnapshot } from './clv-model-snapshot';
import { CustomerClv, customerClv } from './customer-clv';
import { profileChange, withProfileDigest } from './customer-profile';
import { DerivedRecord } from './derived-record';
import { EmittedOutputs } from './emitted-outputs';
import { OutputSettings } from './output-settings';

/** What caused a recomputation: an event, the passing of time, or a model refit. */
export type OutputTrigger =
  | { readonly kind: 'event'; readonly eventId: string }
  | { readonly kind: 'time'; readonly dueAt: number }
  | { readonly kind: 'refit'; readonly modelVersion: string };

export interface DeriveOutputsInput {
  readonly customerId: string;
  readonly state: JourneyState;
  readonly previous: EmittedOutputs;
  /** Wall-clock time: churn risk is about now. */
  readonly now: number;
  /**
   * The instant CLV is valued at (default `now`). The stream passes the customer's latest event time,
   * so the same events always give the same CLV, on replay and in backtests alike.
   */
  readonly clvAsOf?: number;
  readonly trigger: OutputTrigger;
  readonly settings: OutputSettings;
  readonly model?: ClvModelSnapshot;
  /** Recompute CLV (its inputs changed, or a refit); churn risk is always recomputed. */
  readonly recomputeClv: boolean;
  /** With `recomputeClv`: emit only when a value moved by more than this many minor units. */
  readonly clvMinChangeMinor?: number;
}

export interface DerivedOutputs {
  readonly emitted: EmittedOutputs;
  readonly clv?: CustomerClv;
  readonly churn?: ChurnAssessment;
  readonly clvEvent?: ClvEventV1;
  readonly churnEvent?: ChurnRiskEventV1;
  /**
   * The `customer.profile.v1` record when something in the profile changed, named after the trigger.
   * Not among `outputRecords`: the stream keeps only the last of a unit (see `foldJourneyEvents`).
   */
  readonly profile?: DerivedRecord;
}

function triggerKey(trigger: OutputTrigger): string {
  if (trigger.kind === 'event') return trigger.eventId;
  return trigger.kind === 'time' ? `time-${trigger.dueAt}` : `refit-${trigger.modelVersion}`;
}

function moved(a: number | null | undefined, b: number | null | undefined, min: number): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return a !== b;
  return Math.abs(a - b) > min;
}

/**
 * Recomputes a customer's CLV and churn risk and decides what to emit. Both are about customers who
 * bought: a visitor without a counted purchase gets neither. `customer.clv.v1` is emitted when a
 * value changed (by more than `clvMinChangeMinor` after a refit); `customer.churn-risk.v1` on the
 * first score and on every band change. Event ids derive from customer, kind and trigger, so a retry
 * or replay produces the same ids.
 */
export function deriveOutputs(input: DeriveOutputsInput): DerivedOutputs {
  const { customerId, state, previous, now, trigger, settings, model } = input;
  const clvAsOf = input.clvAsOf ?? now;
  const clv = customerClv(state, clvAsOf, settings, model);
  // No longer a buyer (every order cancelled): forget what was emitted, so the customer leaves the
  // CLV and churn indexes; nothing is emitted for it.
  if (!clv) {
    return withProfile(input, { emitted: previous.clv || previous.churn ? {} : previous });
  }

  let emitted: EmittedOutputs = previous;
  let clvEvent: ClvEventV1 | undefined;
  if (input.recomputeClv || previous.clv === undefined) {
    const next = {
      simpleMinor: clv.simple.valueMinor,
      predictiveMinor: clv.predictive?.valueMinor ?? null,
      modelVersion: clv.predictive?.modelVersion ?? null,
    };
    const min = input.clvMinChangeMinor ?? 0;
    const changed =
      previous.clv === undefined ||
      moved(previous.clv.simpleMinor, next.simpleMinor, min) ||
      moved(previous.clv.predictiveMinor, next.predictiveMinor, min);
    if (changed) {
      clvEvent = { ...clvEventOf(customerId, clv, trigger, settings, clvAsOf), consent: consentView(state) };
      emitted = { ...emitted, clv: next };
    }
  }

  const pAlive = clv.predictive?.probabilityAlive;
  const pAliveModel = model?.purchaseModel ?? 'bg-nbd';
  const churn = scoreChurnRisk(
    churnInputFromState(state, now, pAlive, pAliveModel),
    now,
    settings.churnThresholds,
  );
  let churnEvent: ChurnRiskEventV1 | undefined;
  const previousBand = previous.churn?.band ?? null;
  if (previousBand !== churn.band) {
    churnEvent = {
      eventId: derivedEventId('churn-risk', customerId, triggerKey(trigger)),
      customerId,
      score: churn.score,
      band: churn.band,
      previousBand,
      reasons: churn.reasons.map(({ code, text }) => ({ code, text })),
      trigger: trigger.kind === 'event' ? { kind: 'event', eventId: trigger.eventId } : { kind: 'time' },
      at: new Date(now).toISOString(),
      consent: consentView(state),
      schemaVersion: 1,
    };
  }
  emitted = { ...emitted, churn: { band: churn.band, score: churn.score, nextReviewAt: churn.nextReviewAt } };
  return withProfile(input, {
    emitted,
    clv,
    churn,
    ...(clvEvent && { clvEvent }),
    ...(churnEvent && { churnEvent }),
  });
}

/** The outputs with the profile they make, when it changed, and its digest remembered. */
function withProfile(input: DeriveOutputsInput, outputs: DerivedOutputs): DerivedOutputs {
  const { customerId, state, previous, settings, model, trigger } = input;
  const change = profileChange(
    customerId,
    state,
    outputs,
    settings,
    model,
    previous.profile,
    triggerKey(trigger),
  );
  const emitted = withProfileDigest(outputs.emitted, change?.digest ?? previous.profile);
  return { ...outputs, emitted, ...(change && { profile: change.record }) };
}

function clvEventOf(
  customerId: string,
  clv: CustomerClv,
  trigger: OutputTrigger,
  settings: OutputSettings,
  now: number,
): ClvEventV1 {
  const currency = settings.currency;
  const money = (minor: number): string => formatMinorUnits(minor, currency);
  const { simple, predictive, summary } = clv;
  return {
    eventId: derivedEventId('clv', customerId, triggerKey(trigger)),
    customerId,
    currency,
    simple: {
      value: money(simple.valueMinor),
      annualRevenue: money(simple.annualRevenueMinor),
      relationshipYears: simple.relationshipYears,
      relationshipSource: clv.relationshipSource,
      acquisitionCost: money(simple.acquisitionCostMinor),
      acquisitionCostSource: clv.acquisitionSource,
      netRevenue: money(summary.netRevenueMinor),
      tenureYears: Math.round(simple.tenureYears * 1e4) / 1e4,
    },
    predictive: predictive
      ? {
          value: money(predictive.valueMinor),
          probabilityAlive: Math.round(predictive.probabilityAlive * 1e6) / 1e6,
          expectedPurchases: Math.round(predictive.expectedPurchases * 1e4) / 1e4,
          expectedAverageOrderValue: money(predictive.expectedSpendMinor),
          horizonMonths: predictive.horizonMonths,
          annualDiscountRate: predictive.annualDiscountRate,
          modelVersion: predictive.modelVersion,
          inputs: {
            unit: summary.unit,
            frequency: summary.frequency,
            recency: summary.recency,
            age: summary.age,
            monetary: money(Math.round(summary.monetaryMinor)),
          },
        }
      : null,
    segment: clv.segment,
    trigger:
      trigger.kind === 'refit'
        ? { kind: 'refit', modelVersion: trigger.modelVersion }
        : trigger.kind === 'event'
          ? { kind: 'event', eventId: trigger.eventId }
          : { kind: 'time' },
    computedAt: new Date(now).toISOString(),
    schemaVersion: 1,
  };
}
