import { OUTBOUND_TOPICS, topicMessage } from '@pipeline/contracts';
import { JourneySimulator } from '@pipeline/journey-simulator';
import { RawRecord } from './kafka-test-client';
import { ProcessorFixture } from './processor-fixture';

/** Derived events of one run: event id -> the record's value, per outbound topic. */
type Derived = Map<string, Map<string, string>>;

/**
 * The same log (same records, same keys, same broker timestamps, one record batch each) replayed from
 * offset 0 by processors whose fetches cut it into units of one record per partition, of about
 * 10 KB per partition, and of up to 2 MB: the derived events must be the same, ids and payloads.
 */
describe('journey processor: derived events do not depend on unit boundaries', () => {
  const simulated = new JourneySimulator({ customers: 120, seed: 20261207, laterSessions: 2 }).generate();
  // Broker timestamps follow the events' order, a millisecond apart, and are recent: the broker's
  // retention would delete records stamped with the simulated 2024 dates.
  const appendedFrom = Date.now() - simulated.length;
  const log: RawRecord[] = simulated
    .map((event, sequence) => ({ event, sequence, at: Date.parse(event.envelope.occurredAt) }))
    .sort((a, b) => a.at - b.at || a.sequence - b.sequence)
    .map(({ event }, index) => ({
      ...topicMessage(event.topic, event.key, event.envelope),
      timestamp: appendedFrom + index,
    }));
  const runs: Array<{ label: string; env: Record<string, string> }> = [
    { label: 'units-of-one', env: { UNIT_MAX_RECORDS: '1' } },
    { label: 'units-of-10k', env: { KAFKA_FETCH_MAX_BYTES_PER_PARTITION: '10240' } },
    {
      label: 'units-of-2m',
      env: { KAFKA_FETCH_MAX_BYTES: '2097152', KAFKA_FETCH_MAX_BYTES_PER_PARTITION: '2097152' },
    },
  ];
  const results: Derived[] = [];

  beforeAll(async () => {
    for (const { label, env } of runs) {
      const fixture = new ProcessorFixture(label, env);
      try {
        // A replay: the whole log is in place before the processor starts reading it. (Live, a record
        // may overtake an older one of another partition that the same fetch read a moment earlier.)
        await fixture.start();
        await fixture.stop();
        await fixture.kafka.publishRaw(log, { perRequest: 1 });
        await fixture.start();
        await fixture.kafka.waitForCatchUp(
          fixture.config.KAFKA_GROUP_ID,
          [...new Set(log.map((record) => record.topic))],
          240_000,
        );
        const derived: Derived = new Map();
        for (const topic of [OUTBOUND_TOPICS.stageChanged, OUTBOUND_TOPICS.clv, OUTBOUND_TOPICS.churnRisk]) {
          const byId = new Map<string, string>();
          for (const record of await fixture.kafka.readAll(topic)) {
            const value = String(record.value);
            byId.set((JSON.parse(value) as { eventId: string }).eventId, value);
          }
          derived.set(topic, byId);
        }
        results.push(derived);
      } finally {
        await fixture.dispose();
      }
    }
  }, 900_000);

  it('derives a real stream: stage changes, CLV and churn risk for many customers', () => {
    const [first] = results;
    expect(first?.get(OUTBOUND_TOPICS.stageChanged)?.size).toBeGreaterThan(200);
    expect(first?.get(OUTBOUND_TOPICS.clv)?.size).toBeGreaterThan(20);
    expect(first?.get(OUTBOUND_TOPICS.churnRisk)?.size).toBeGreaterThan(20);
  });

  it.each(runs.slice(1).map((run, index) => [run.label, index + 1] as const))(
    'gives %s the same derived events, ids and payloads, as units of one record',
    (_label, index) => {
      const [first] = results;
      const other = results[index];
      for (const topic of [OUTBOUND_TOPICS.stageChanged, OUTBOUND_TOPICS.clv, OUTBOUND_TOPICS.churnRisk]) {
        const expected = first?.get(topic) ?? new Map<string, string>();
        const actual = other?.get(topic) ?? new Map<string, string>();
        expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
        for (const [id, value] of expected) expect(actual.get(id)).toBe(value);
      }
    },
  );
});
