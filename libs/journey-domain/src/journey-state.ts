import { ConsentChannel, ConsentStatus, EventType, IncidentKind } from '@pipeline/contracts';

/**
 * Version of the persisted state layout. A field that changes meaning or goes away bumps it; a new
 * optional field does not (states without it read the same, and older code refuses a state carrying
 * a field it does not know, loudly, rather than drop it).
 */
export const JOURNEY_STATE_VERSION = 1 as const;

/** Earliest and latest event time of some evidence, epoch ms. */
export type TimeSpan = readonly [first: number, last: number];

/** An order as first placed: `[placedAt, amountMinor, currency]`. */
export type OrderFact = readonly [placedAt: number, amountMinor: number, currency: string];

/** One refund: `[orderId, refundedAt, amountMinor, currency]`. */
export type RefundFact = readonly [
  orderId: string,
  refundedAt: number,
  amountMinor: number,
  currency: string,
];

/** An incident; either half may arrive first: `[kind, reportedAt, resolvedAt]`. */
export type IncidentFact = readonly [
  kind: IncidentKind | null,
  reportedAt: number | null,
  resolvedAt: number | null,
];

/** The latest NPS answer by event time: `[answeredAt, score, eventId]`. */
export type NpsAnswer = readonly [answeredAt: number, score: number, eventId: string];

/** The latest consent answer of one channel by event time: `[answeredAt, status, source, eventId]`. */
export type ConsentAnswer = readonly [
  answeredAt: number,
  status: ConsentStatus,
  source: string,
  eventId: string,
];

/** Reviews as a tally, their count being `n.review_posted`: `[ratingSum, lastReviewedAt]`. */
export type ReviewTally = readonly [ratingSum: number, lastReviewedAt: number];

/** A subscription: `[lastRenewedAt, lastCancelledAt]`; cancelled when cancelled after its last renewal. */
export type SubscriptionFact = readonly [lastRenewedAt: number | null, lastCancelledAt: number | null];

/** Attributed acquisition spend of one awareness event: `[minor, currency]`. */
export type CostFact = readonly [minor: number, currency: string];

/**
 * The journey of one customer, persisted as one JSON blob. Everything except `wm` and `ids` is an
 * order-independent fact (min/max registers, sets and maps keyed by natural ids), so the same set of
 * events yields the same facts, byte for byte, whatever order they arrive in: map keys are kept
 * sorted and empty fields are omitted. Derived values (stages, totals) are computed on read.
 *
 * Field names are short because every byte is stored once per customer; each is documented here.
 * Treat a state as immutable: `applyEvent` shares untouched parts between the old and new state.
 */
export interface JourneyState {
  readonly sv: typeof JOURNEY_STATE_VERSION;
  /** First and last seen: min and max occurredAt of every applied event. */
  readonly seen: TimeSpan;
  /** Awareness evidence: awareness events. */
  readonly aw?: TimeSpan;
  /** Consideration evidence: consideration events. */
  readonly co?: TimeSpan;
  /** Retention signals: repeat_visit, loyalty_joined, subscription_renewed. */
  readonly re?: TimeSpan;
  /** Advocacy signals: NPS >= 9, review rating >= 4, referral_sent, referral_converted, social_share. */
  readonly ad?: TimeSpan;
  /** Applied events per type; also the review and referral counts. */
  readonly n: Readonly<Partial<Record<EventType, number>>>;
  /** Touchpoint channels seen, sorted. */
  readonly ch?: readonly string[];
  /**
   * Orders by orderId. When one orderId is placed twice, the smaller (placedAt, amountMinor, currency)
   * wins: the tie-break reads the fact itself rather than the eventId, so no id has to be stored and
   * the winner is the same in any arrival order.
   */
  readonly ord?: Readonly<Record<string, OrderFact>>;
  /** Cancellations: orderId -> earliest cancelledAt; kept even before the order itself arrives. */
  readonly cxl?: Readonly<Record<string, number>>;
  /** Refunds by refundId (the contract defaults it to the eventId); the earliest version wins. */
  readonly ref?: Readonly<Record<string, RefundFact>>;
  /** Incidents by incidentId: the earliest report (and its kind) and the earliest resolution. */
  readonly inc?: Readonly<Record<string, IncidentFact>>;
  /** The answer with the largest (answeredAt, eventId): a late, older answer never replaces it. */
  readonly nps?: NpsAnswer;
  /**
   * Consent per channel: the answer with the largest (answeredAt, eventId), like `nps`, so a late,
   * older answer never replaces a newer one.
   */
  readonly cns?: Readonly<Partial<Record<ConsentChannel, ConsentAnswer>>>;
  readonly rev?: ReviewTally;
  /** Subscriptions by subscriptionId. */
  readonly sub?: Readonly<Record<string, SubscriptionFact>>;
  /** Acquisition spend keyed by the fingerprint of the awareness event that carried it. */
  readonly acq?: Readonly<Record<string, CostFact>>;
  /** Loyalty programme joined at (earliest). */
  readonly loy?: number;
  /**
   * Anonymous ids merged into this journey by `identify`, sorted. A merge of an id already listed is a
   * no-op, which makes a redelivered identify harmless; erasure follows it to the linked ids.
   */
  readonly mrg?: readonly string[];
  /** Dedupe bookkeeping: `topic:partition` -> highest applied offset (decimal string). */
  readonly wm?: Readonly<Record<string, string>>;
  /** Dedupe bookkeeping: fingerprints of the most recently applied event ids, oldest first. */
  readonly ids?: readonly string[];
}

/** A state without its dedupe bookkeeping: what the events say, independent of how they were delivered. */
export type JourneyFacts = Omit<JourneyState, 'wm' | 'ids'>;

/** Whether a map has an own key, without building the array of keys `Object.keys` would. */
function hasOwnKey(value: object): boolean {
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.length > 0 ? value : undefined;
  return hasOwnKey(value) ? value : undefined;
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Builds a state with its fields in one fixed order and empty maps and lists left out, so equal
 * states serialise to equal bytes. Runs at least once per applied event, so it fills one object field
 * by field rather than spreading a small object per optional field.
 */
export function canonicalState(draft: JourneyState): JourneyState {
  const state: Partial<Writable<JourneyState>> = { sv: JOURNEY_STATE_VERSION, seen: draft.seen };
  if (draft.aw) state.aw = draft.aw;
  if (draft.co) state.co = draft.co;
  if (draft.re) state.re = draft.re;
  if (draft.ad) state.ad = draft.ad;
  state.n = draft.n;
  const ch = nonEmpty(draft.ch);
  if (ch) state.ch = ch;
  const ord = nonEmpty(draft.ord);
  if (ord) state.ord = ord;
  const cxl = nonEmpty(draft.cxl);
  if (cxl) state.cxl = cxl;
  const ref = nonEmpty(draft.ref);
  if (ref) state.ref = ref;
  const inc = nonEmpty(draft.inc);
  if (inc) state.inc = inc;
  if (draft.nps) state.nps = draft.nps;
  const cns = nonEmpty(draft.cns);
  if (cns) state.cns = cns;
  if (draft.rev) state.rev = draft.rev;
  const sub = nonEmpty(draft.sub);
  if (sub) state.sub = sub;
  const acq = nonEmpty(draft.acq);
  if (acq) state.acq = acq;
  if (draft.loy !== undefined) state.loy = draft.loy;
  const mrg = nonEmpty(draft.mrg);
  if (mrg) state.mrg = mrg;
  const wm = nonEmpty(draft.wm);
  if (wm) state.wm = wm;
  const ids = nonEmpty(draft.ids);
  if (ids) state.ids = ids;
  // Every required field (sv, seen, n) was set above.
  return state as JourneyState;
}

/** The facts of a state without its dedupe bookkeeping, for comparing states delivered differently. */
export function factsOf(state: JourneyState): JourneyFacts {
  const { wm: _wm, ids: _ids, ...facts } = state;
  return facts;
}
