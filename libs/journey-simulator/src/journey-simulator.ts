import { EnvelopeOf, EventType, INBOUND_TOPICS, InboundTopic, stageOfEventType } from '@pipeline/contracts';
import { SeededRandom } from './seeded-random';

export interface SimulatedEvent {
  readonly topic: InboundTopic;
  readonly key: string;
  readonly envelope: EnvelopeOf<EventType>;
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
 * Deterministic for a seed, with event ids derived from customer and sequence.
 */
export class JourneySimulator {
  private readonly random: SeededRandom;
  /** A stream of its own for later sessions, so the journeys do not depend on `laterSessions`. */
  private readonly sessionRandom: SeededRandom;
  private readonly start: number;
  private readonly span: number;
  private readonly currency: string;
  private readonly prefix: string;

  constructor(private readonly options: SimulationOptions) {
    this.random = new SeededRandom(options.seed ?? 42);
    this.sessionRandom = new SeededRandom((options.seed ?? 42) + 1_000_003);
    this.start = options.startMs ?? Date.UTC(2024, 0, 1);
    this.span = (options.spanDays ?? 365) * DAY;
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
    const r = this.random;
    const events: SimulatedEvent[] = [];
    let t = this.start + Math.floor(r.next() * this.span);
    let seq = 0;
    const add: AddEvent = (type, properties, gapMs, random = r) => {
      t += gapMs;
      seq += 1;
      const envelope = {
        eventId: `${customerId}-e${seq}`,
        customerId,
        type,
        occurredAt: new Date(t).toISOString(),
        channel: random.pick(CHANNELS),
        properties,
        schemaVersion: 1,
      } as EnvelopeOf<EventType>;
      events.push({ topic: INBOUND_TOPICS[stageOfEventType(type)], key: customerId, envelope });
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

    const orders = r.chance(0.5) ? r.int(2, 6) : 1;
    for (let o = 1; o <= orders; o += 1) {
      const orderId = `${customerId}-o${o}`;
      const amount = money(5, 400);
      add(
        'order_placed',
        { orderId, amount, currency: this.currency, itemCount: r.int(1, 4) },
        o === 1 ? minutes(1, 20) : r.int(5, 90) * DAY,
      );
      if (r.chance(0.03)) add('order_cancelled', { orderId }, minutes(5, 600));
      else if (r.chance(0.08))
        add(
          'order_refunded',
          { orderId, amount: (Number(amount) / 2).toFixed(2), currency: this.currency },
          r.int(1, 20) * DAY,
        );
      if (r.chance(0.12)) {
        const incidentId = `${orderId}-i`;
        add('incident_reported', { incidentId, kind: r.pick(INCIDENT_KINDS) }, r.int(1, 5) * DAY);
        if (r.chance(0.6)) add('incident_resolved', { incidentId }, r.int(1, 7) * DAY);
      }
      if (o > 1 && r.chance(0.3)) add('repeat_visit', { source: 'newsletter' }, minutes(10, 3000));
    }
    if (r.chance(0.15)) add('loyalty_joined', { programId: 'club', tier: 'silver' }, r.int(1, 30) * DAY);
    if (r.chance(0.35)) add('nps_response', { score: r.int(0, 10) }, r.int(1, 30) * DAY);
    if (r.chance(0.2))
      add('review_posted', { rating: r.int(1, 5), productId: `sku-${r.int(1, 200)}` }, r.int(1, 30) * DAY);
    if (r.chance(0.1)) add('referral_sent', { referralId: `${customerId}-ref` }, r.int(1, 30) * DAY);
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
