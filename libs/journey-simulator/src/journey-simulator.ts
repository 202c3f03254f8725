import {
  EnvelopeOf,
  EventType,
  INBOUND_TOPICS,
  InboundTopic,
  JourneyStage,
  StageEnvelope,
  stageOfEventType,
} from '@pipeline/contracts';
import { DEFAULT_PURCHASE_POPULATION, PurchasePopulation, drawPurchases } from './purchase-process';
import { SeededRandom } from './seeded-random';

export interface SimulatedEvent {
  readonly topic: InboundTopic;
  readonly key: string;
  /** One envelope of the stage's event types (publish with `topicMessage(topic, key, envelope)`). */
  readonly envelope: StageEnvelope<JourneyStage>;
}

export interface SimulationOptions {
  readonly customers: number;
  readonly seed?: number;
  /** Journeys start within this window, epoch ms. */
  readonly startMs?: number;
  readonly spanDays?: number;
  readonly currency?: string;
  /** Prefix for customer ids, so runs can keep their customers apart. */
  readonly customerPrefix?: string;
  /**
   * Up to this many later browsing sessions per customer (uniformly 0..n: a touchpoint, then one to
   * four product views, days apart), after the journey above. Default 0: the journeys alone, about
   * five events per customer; 3 brings the mean to about ten.
   */
  readonly laterSessions?: number;
  /**
   * No event after this instant, epoch ms: the end of observation, so a stream can end "now" and
   * nothing in it lies in the future. Default: a year after the last journey start.
   */
  readonly endMs?: number;
  /** The buy-till-you-die population buyers' repeat purchases are drawn from. */
  readonly purchasing?: PurchasePopulation;
}

const DAY = 86_400_000;

/**
 * Appends one event to the customer being generated, `gapMs` after the previous one; `random` picks
 * its channel (default: the journey's stream).
 */
type AddEvent = <T extends EventType>(
  type: T,
  properties: EnvelopeOf<T>['properties'],
  gapMs: number,
  random?: SeededRandom,
) => void;
const SOURCES = ['google', 'bing', 'instagram', 'tiktok', 'newsletter', 'partner-blog'];
const CHANNELS = ['web', 'mobile_app', 'email', 'social', 'ads'] as const;
const INCIDENT_KINDS = ['late_delivery', 'damaged', 'support_complaint', 'wrong_item'] as const;

/**
 * Generates plausible storefront journeys: most customers only browse, some buy, fewer come back,
 * a few recommend; orders come with occasional refunds, cancellations, incidents and NPS answers.
 * A buyer's repeat purchases follow a heterogeneous buy-till-you-die process (see
 * `PurchasePopulation`), so the CLV models fitted on the stream find the population they assume.
 * Deterministic for a seed and options, with event ids derived from customer and sequence.
 */
export class JourneySimulator {
  private readonly random: SeededRandom;
  /** A stream of its own for later sessions, so the journeys do not depend on `laterSessions`. */
  private readonly sessionRandom: SeededRandom;
  /** A stream of its own for purchase rates, drop-out and spend, so they do not shift the journeys. */
  private readonly purchaseRandom: SeededRandom;
  private readonly end: number;
  private readonly purchasing: PurchasePopulation;
  private readonly start: number;
  private readonly span: number;
  private readonly currency: string;
  private readonly prefix: string;

  constructor(private readonly options: SimulationOptions) {
    this.random = new SeededRandom(options.seed ?? 42);
    this.sessionRandom = new SeededRandom((options.seed ?? 42) + 1_000_003);
    this.purchaseRandom = new SeededRandom((options.seed ?? 42) + 2_000_029);
    this.start = options.startMs ?? Date.UTC(2024, 0, 1);
    this.span = (options.spanDays ?? 365) * DAY;
    this.end = options.endMs ?? this.start + this.span + 365 * DAY;
    this.purchasing = options.purchasing ?? DEFAULT_PURCHASE_POPULATION;
    this.currency = options.currency ?? 'EUR';
    this.prefix = options.customerPrefix ?? 'cust-';
  }

  /** Every customer's events, each customer in event-time order, customers interleaved by time. */
  generate(): SimulatedEvent[] {
    const all: SimulatedEvent[] = [];
    for (let i = 0; i < this.options.customers; i += 1) all.push(...this.customer(`${this.prefix}${i}`));
    return all.sort((a, b) => a.envelope.occurredAt.localeCompare(b.envelope.occurredAt));
  }

  /** One customer's journey in event-time order. */
  customer(customerId: string): SimulatedEvent[] {
    const events = this.journey(customerId);
    // Follow-ups (refunds, incidents) are stamped after their order without holding up the next order.
    return events
      .map((e, i) => ({ e, i }))
      .sort((x, y) => x.e.envelope.occurredAt.localeCompare(y.e.envelope.occurredAt) || x.i - y.i)
      .map(({ e }) => e);
  }

  private journey(customerId: string): SimulatedEvent[] {
    const r = this.random;
    const events: SimulatedEvent[] = [];
    let t = this.start + Math.floor(r.next() * this.span);
    let seq = 0;
    let lastAt = t;
    /** Appends an event at `at` without moving the journey's clock; nothing after the end is kept. */
    const addAt = <T extends EventType>(
      type: T,
      properties: EnvelopeOf<T>['properties'],
      at: number,
      random: SeededRandom = r,
    ): void => {
      seq += 1;
      const channel = random.pick(CHANNELS);
      if (at > this.end) return;
      lastAt = Math.max(lastAt, at);
      const envelope = {
        eventId: `${customerId}-e${seq}`,
        customerId,
        type,
        occurredAt: new Date(at).toISOString(),
        channel,
        properties,
        schemaVersion: 1,
      } as StageEnvelope<JourneyStage>;
      events.push({ topic: INBOUND_TOPICS[stageOfEventType(type)], key: customerId, envelope });
    };
    const add: AddEvent = (type, properties, gapMs, random = r) => {
      t += gapMs;
      addAt(type, properties, t, random);
    };
    const minutes = (lo: number, hi: number): number => r.int(lo, hi) * 60_000;
    const money = (lo: number, hi: number): string => (r.int(lo * 100, hi * 100) / 100).toFixed(2);

    add(
      r.pick(['ad_click', 'search_visit', 'social_visit', 'referral_visit', 'ad_impression'] as const),
      {
        source: r.pick(SOURCES),
        campaign: `c${r.int(1, 5)}`,
        ...(r.chance(0.3) ? { cost: money(1, 40), currency: this.currency } : {}),
      },
      0,
    );
    if (!r.chance(0.75)) return this.withLaterSessions(events, add);
    for (let i = r.int(1, 4); i > 0; i -= 1) {
      add(
        'product_viewed',
        { productId: `sku-${r.int(1, 200)}`, category: r.pick(['shoes', 'bags', 'hats']) },
        minutes(1, 600),
      );
    }
    if (r.chance(0.3))
      add('added_to_cart', { productId: `sku-${r.int(1, 200)}`, quantity: r.int(1, 3) }, minutes(1, 30));
    if (!r.chance(0.45)) return this.withLaterSessions(events, add);
    add(
      'checkout_started',
      { cartId: `${customerId}-cart`, value: money(10, 300), currency: this.currency },
      minutes(1, 20),
    );

    const purchases = drawPurchases(this.purchaseRandom, this.purchasing, t + minutes(1, 20), this.end);
    purchases.times.forEach((placedAt, i) => {
      const o = i + 1;
      const orderId = `${customerId}-o${o}`;
      const amountMinor = purchases.amountsMinor[i];
      const amount = (amountMinor / 100).toFixed(2);
      if (o > 1 && r.chance(0.3))
        addAt('repeat_visit', { source: 'newsletter' }, placedAt - minutes(10, 3000));
      t = placedAt;
      addAt('order_placed', { orderId, amount, currency: this.currency, itemCount: r.int(1, 4) }, t);
      if (r.chance(0.03)) addAt('order_cancelled', { orderId }, t + minutes(5, 600));
      else if (r.chance(0.08))
        addAt(
          'order_refunded',
          { orderId, amount: (Math.floor(amountMinor / 2) / 100).toFixed(2), currency: this.currency },
          t + r.int(1, 20) * DAY,
        );
      if (r.chance(0.12)) {
        const incidentId = `${orderId}-i`;
        const reportedAt = t + r.int(1, 5) * DAY;
        addAt('incident_reported', { incidentId, kind: r.pick(INCIDENT_KINDS) }, reportedAt);
        if (r.chance(0.6)) addAt('incident_resolved', { incidentId }, reportedAt + r.int(1, 7) * DAY);
      }
    });
    if (r.chance(0.15)) add('loyalty_joined', { programId: 'club', tier: 'silver' }, r.int(1, 30) * DAY);
    if (r.chance(0.35)) add('nps_response', { score: r.int(0, 10) }, r.int(1, 30) * DAY);
    if (r.chance(0.2))
      add('review_posted', { rating: r.int(1, 5), productId: `sku-${r.int(1, 200)}` }, r.int(1, 30) * DAY);
    if (r.chance(0.1)) add('referral_sent', { referralId: `${customerId}-ref` }, r.int(1, 30) * DAY);
    // Later sessions follow the whole journey, a refund or incident stamped after the last order included.
    t = Math.max(t, lastAt);
    return this.withLaterSessions(events, add);
  }

  /**
   * Appends the customer's later browsing sessions. Drawn after the journey, so the journeys
   * themselves are the same with or without them.
   */
  private withLaterSessions(events: SimulatedEvent[], add: AddEvent): SimulatedEvent[] {
    const r = this.sessionRandom;
    const most = this.options.laterSessions ?? 0;
    if (most <= 0) return events;
    for (let session = r.int(0, most); session > 0; session -= 1) {
      add(
        r.pick(['search_visit', 'social_visit', 'ad_impression'] as const),
        { source: r.pick(SOURCES) },
        r.int(1, 40) * DAY,
        r,
      );
      for (let i = r.int(1, 4); i > 0; i -= 1) {
        add(
          'product_viewed',
          { productId: `sku-${r.int(1, 200)}`, category: r.pick(['shoes', 'bags', 'hats']) },
          r.int(1, 30) * 60_000,
          r,
        );
      }
    }
    return events;
  }
}
