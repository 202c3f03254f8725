import {
  ALL_INBOUND_TOPICS,
  CHURN_BANDS,
  ChurnBand,
  ChurnRiskEventV1,
  DEAD_LETTER_TOPIC,
  JOURNEY_STAGES,
  JourneyEvent,
  OUTBOUND_TOPICS,
  parseJourneyEvent,
  topicMessage,
} from '@pipeline/contracts';
import {
  JourneyFacts,
  assessStages,
  customerActivityFromState,
  reduceEvents,
} from '@pipeline/journey-domain';
import { JourneySimulator } from '@pipeline/journey-simulator';
import { envelope } from '@pipeline/testing';
import { KpiReportDto } from '../src/kpi/kpi-report';
import { ProcessorFixture } from './processor-fixture';

const DAY = 86_400_000;
const WINDOW_MS = 365 * DAY;
const NOW = Date.now();

/**
 * The KPIs recomputed in one batch pass over the published events, without the processor's indexes:
 * NPS from the nps_response events, activity from the folded states' orders, the funnel from the
 * states' stage entries. Written out longhand rather than with the domain's KPI functions.
 */
interface ReferenceKpis {
  readonly nps: KpiReportDto['nps'];
  readonly retention: Omit<KpiReportDto['retention'], 'activityWindowDays' | 'retentionClamped'>;
  readonly funnel: KpiReportDto['funnel'];
}

function referenceNps(events: readonly JourneyEvent[], from: number, to: number): ReferenceKpis['nps'] {
  const latest = new Map<string, { at: number; eventId: string; score: number }>();
  for (const event of events) {
    if (event.type !== 'nps_response' || event.occurredAt < from || event.occurredAt >= to) continue;
    const kept = latest.get(event.customerId);
    const answer = { at: event.occurredAt, eventId: event.eventId, score: event.properties.score };
    if (!kept || answer.at > kept.at || (answer.at === kept.at && answer.eventId > kept.eventId)) {
      latest.set(event.customerId, answer);
    }
  }
  const scores = [...latest.values()].map((a) => a.score);
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  const respondents = scores.length;
  const nps = respondents === 0 ? null : (100 * (promoters - detractors)) / respondents;
  return {
    respondents,
    promoters,
    passives: respondents - promoters - detractors,
    detractors,
    nps,
    npsRounded: nps === null ? null : Math.sign(nps) * Math.round(Math.abs(nps)) || 0,
  };
}

function referenceRetention(
  states: ReadonlyMap<string, JourneyFacts>,
  from: number,
  to: number,
): ReferenceKpis['retention'] {
  const counts = { startCount: 0, endCount: 0, acquired: 0, lost: 0, retained: 0, reactivated: 0 };
  for (const [customerId, state] of states) {
    const { firstOrderAt, purchaseTimes } = customerActivityFromState(customerId, state);
    const activeAt = (t: number): boolean => purchaseTimes.some((p) => p >= t - WINDOW_MS && p < t);
    const atStart = activeAt(from);
    const atEnd = activeAt(to);
    const isNew = firstOrderAt !== null && firstOrderAt >= from && firstOrderAt < to;
    counts.startCount += Number(atStart);
    counts.endCount += Number(atEnd);
    counts.acquired += Number(isNew);
    counts.lost += Number((atStart || isNew) && !atEnd);
    counts.retained += Number(atStart && atEnd);
    counts.reactivated += Number(atEnd && !atStart && !isNew);
  }
  const { startCount: s, endCount: e, acquired: n, lost } = counts;
  const averageCustomers = (s + e) / 2;
  return {
    ...counts,
    averageCustomers,
    retentionRate: s === 0 ? null : Math.min(100, Math.max(0, (100 * (e - n)) / s)),
    churnRate: averageCustomers === 0 ? null : (100 * lost) / averageCustomers,
  };
}

function referenceFunnel(
  states: ReadonlyMap<string, JourneyFacts>,
  from: number,
  to: number,
): ReferenceKpis['funnel'] {
  const reached = JOURNEY_STAGES.map(() => 0);
  let cohort = 0;
  for (const state of states.values()) {
    if (state.seen[0] < from || state.seen[0] >= to) continue;
    cohort += 1;
    const { entered } = assessStages(state);
    let furthest = 0;
    JOURNEY_STAGES.forEach((stage, rank) => {
      const at = entered[stage]?.firstEnteredAt;
      if (at !== undefined && at < to) furthest = rank;
    });
    for (let rank = 0; rank <= furthest; rank += 1) reached[rank] = (reached[rank] ?? 0) + 1;
  }
  return {
    cohort,
    steps: JOURNEY_STAGES.map((stage, rank) => {
      const previous = rank === 0 ? 0 : (reached[rank - 1] ?? 0);
      const count = reached[rank] ?? 0;
      return { stage, reached: count, conversionRate: previous === 0 ? null : (100 * count) / previous };
    }),
  };
}

function expectRate(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(Math.abs((actual ?? Number.NaN) - expected)).toBeLessThan(1e-9);
}

/** An instant written with a +02:00 offset, as a storefront in Berlin's summer time would. */
function withOffset(ms: number): string {
  return new Date(ms + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
}

describe('GET /kpis', () => {
  const fixture = new ProcessorFixture('kpis');
  const simulated = new JourneySimulator({
    customers: 1_500,
    seed: 2026,
    startMs: NOW - 400 * DAY,
    spanDays: 300,
    customerPrefix: 'kpi-',
  }).generate();
  // Long journeys that started late would run past now; the contract refuses events from the future,
  // so the stream is what the storefronts have sent so far: each journey up to now.
  const published = simulated.filter((e) => Date.parse(e.envelope.occurredAt) < NOW);
  const events: JourneyEvent[] = published.map((e) => {
    const parsed = parseJourneyEvent(JSON.stringify(e.envelope), { topic: e.topic });
    if (!parsed.ok) throw new Error(parsed.reason.message);
    return parsed.event;
  });
  const states = reduceEvents(events);

  const windows = [
    {
      label: 'a past half year given as dates',
      query: {
        from: new Date(NOW - 300 * DAY).toISOString().slice(0, 10),
        to: new Date(NOW - 120 * DAY).toISOString().slice(0, 10),
      },
    },
    {
      label: 'the last year up to now, given as date-times with an offset',
      query: { from: withOffset(NOW - 365 * DAY), to: withOffset(NOW) },
    },
  ];

  async function kpis(query: Record<string, string>): Promise<{ status: number; body: unknown }> {
    const response = await fetch(fixture.url(`/kpis?${new URLSearchParams(query).toString()}`));
    return { status: response.status, body: await response.json() };
  }

  beforeAll(async () => {
    await fixture.start();
    await fixture.kafka.publishRaw(published.map((e) => topicMessage(e.topic, e.key, e.envelope)));
    await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS, 180_000);
  });

  afterAll(() => fixture.dispose());

  it('was fed a sizeable stream that the processor took in whole', async () => {
    expect(states.size).toBe(1_500);
    expect(events.length).toBeGreaterThan(5_000);
    expect(await fixture.kafka.readAll(DEAD_LETTER_TOPIC)).toEqual([]);
  });

  describe.each(windows)('over $label', ({ query }) => {
    let report: KpiReportDto;
    let from: number;
    let to: number;

    beforeAll(async () => {
      const { status, body } = await kpis(query);
      expect(status).toBe(200);
      report = body as KpiReportDto;
      from = Date.parse(report.period.from);
      to = Date.parse(report.period.to);
    });

    it('reports the period it was asked for, in UTC', () => {
      const asInstant = (text: string): number => Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
      expect([from, to]).toEqual([asInstant(query.from), asInstant(query.to)]);
    });

    it("counts each customer's latest answer in the period once, as the raw answers do", () => {
      const expected = referenceNps(events, from, to);
      expect(expected.respondents).toBeGreaterThan(20);
      expect(report.nps).toEqual(expected);
    });

    it('counts active, acquired and lost customers as the folded orders do', () => {
      const expected = referenceRetention(states, from, to);
      expect(expected.startCount).toBeGreaterThan(20);
      expect(expected.acquired).toBeGreaterThan(20);
      const { retentionRate, churnRate, ...counts } = expected;
      expect(report.retention).toMatchObject({ activityWindowDays: 365, ...counts });
      expectRate(report.retention.retentionRate, retentionRate);
      expectRate(report.retention.churnRate, churnRate);
    });

    it("counts the cohort's furthest stage by the end of the period, as the folded stages do", () => {
      const expected = referenceFunnel(states, from, to);
      expect(expected.cohort).toBeGreaterThan(100);
      expect(report.funnel.cohort).toBe(expected.cohort);
      expect(report.funnel.steps.map((s) => [s.stage, s.reached])).toEqual(
        expected.steps.map((s) => [s.stage, s.reached]),
      );
      report.funnel.steps.forEach((step, i) =>
        expectRate(step.conversionRate, expected.steps[i].conversionRate),
      );
    });

    it('documents its definitions', () => {
      expect(Object.keys(report.definitions)).toEqual(
        expect.arrayContaining(['nps', 'activeCustomer', 'retentionRate', 'churnRate', 'funnel', 'clv']),
      );
      expect(report.definitions.activeCustomer).toContain('365 days');
    });
  });

  describe('the figures about now', () => {
    let report: KpiReportDto;

    beforeAll(async () => {
      report = (await kpis(windows[1].query)).body as KpiReportDto;
    });

    it('values every customer with a purchase in the pipeline currency, money as exact decimal text', () => {
      const buyers = [...states.values()].filter((state) =>
        Object.entries(state.ord ?? {}).some(
          ([orderId, [, , currency]]) => currency === 'EUR' && !Object.hasOwn(state.cxl ?? {}, orderId),
        ),
      );
      const { clv } = report;
      expect(clv.count).toBe(buyers.length);
      expect(clv.currency).toBe('EUR');
      expect(clv.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(buyers.length);
      // No refit has run: every valued customer is unranked, and the segments say so.
      expect(clv.segments).toEqual({
        modelVersion: null,
        thresholds: null,
        counts: { top: 0, high: 0, medium: 0, low: 0, unranked: buyers.length },
      });
      const amounts = [clv.min, clv.quantiles?.p10, clv.quantiles?.p50, clv.quantiles?.p90, clv.max];
      for (const amount of [...amounts, clv.mean]) expect(amount).toMatch(/^-?\d+\.\d{2}$/);
      const numbers = amounts.map(Number);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    });

    it("counts churn bands as each buyer's latest churn-risk event says", async () => {
      // Risk is about buyers: a customer whose every order was cancelled since leaves the bands.
      const buyers = new Set(
        [...states.entries()]
          .filter(([, state]) =>
            Object.entries(state.ord ?? {}).some(
              ([orderId, [, , currency]]) => currency === 'EUR' && !Object.hasOwn(state.cxl ?? {}, orderId),
            ),
          )
          .map(([customerId]) => customerId),
      );
      const latest = new Map<string, ChurnBand>();
      for (const record of await fixture.kafka.readAll(OUTBOUND_TOPICS.churnRisk)) {
        // Keyed by customer, so one partition holds a customer's events in the order they were emitted.
        const event = JSON.parse(record.value!.toString()) as ChurnRiskEventV1;
        if (buyers.has(event.customerId)) latest.set(event.customerId, event.band);
      }
      const expected = Object.fromEntries(
        CHURN_BANDS.map((band) => [band, [...latest.values()].filter((b) => b === band).length]),
      );
      expect(latest.size).toBeGreaterThan(100);
      expect(report.churnBands).toEqual({ ...expected, total: latest.size });
    });
  });

  it.each([
    ['', 'from is required'],
    ['from=2026-01-01', 'to is required'],
    ['from=yesterday&to=2026-01-01', 'from must be ISO-8601'],
    ['from=2026-02-30&to=2026-03-01', 'from is not a calendar date'],
    ['from=2026-01-01&to=2026-02-01T12:00:00', 'to must be ISO-8601 with an offset'],
    ['from=2026-01-01&from=2026-01-02&to=2026-02-01', 'from must be given once'],
    ['from=2026-02-01&to=2026-02-01', 'from must be before to'],
    ['from=2026-03-01T00:00:00Z&to=2026-02-01', 'from must be before to'],
  ])('answers 400 to ?%s', async (query, message) => {
    const response = await fetch(fixture.url(`/kpis?${query}`));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(message);
  });

  // Last: it adds a customer to the population the comparisons above are about.
  it('stops valuing a customer once their only order is cancelled', async () => {
    const customerId = 'kpi-cancelled';
    const at = (daysAgo: number): string => new Date(NOW - daysAgo * DAY).toISOString();
    const order = { orderId: 'only', amount: '80.00', currency: 'EUR' };
    const clvCount = async (): Promise<number> =>
      ((await kpis(windows[1].query)).body as KpiReportDto).clv.count;
    const before = await clvCount();
    // Applied in separate batches, so the cancellation meets a customer who already has a CLV.
    for (const event of [
      envelope('ad_click', { customerId, occurredAt: at(10) }),
      envelope('order_placed', { customerId, occurredAt: at(9), properties: order }),
      envelope('order_cancelled', { customerId, occurredAt: at(8), properties: { orderId: 'only' } }),
    ]) {
      await fixture.kafka.publishEnvelopes([event]);
      await fixture.kafka.waitForCatchUp(fixture.config.KAFKA_GROUP_ID, ALL_INBOUND_TOPICS);
      if (event.type === 'order_placed') expect(await clvCount()).toBe(before + 1);
    }
    expect(await clvCount()).toBe(before);
  });
});
