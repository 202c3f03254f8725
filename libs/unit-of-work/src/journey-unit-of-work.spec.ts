import type { OutboundMessage } from '@pipeline/kafka';
import type {
  CommitOutcome,
  JourneyIndexUpdate,
  JourneyWrite,
  OutboxAck,
  OutboxEntry,
  StoredJourney,
} from '@pipeline/redis-store';
import { TransientFailure } from './failure-kind';
import {
  CommitPlan,
  JourneyUnitOfWork,
  UnitOfWorkPorts,
  deadLettersOnly,
  journeyPorts,
} from './journey-unit-of-work';

/** An in-memory store with the compare-and-set semantics of the Redis script, and a fake broker. */
class FakeStore implements UnitOfWorkPorts {
  readonly journeys = new Map<string, { version: number; data: string; outbox: Map<string, OutboxEntry> }>();
  readonly erased = new Set<string>();
  readonly published: OutboundMessage[] = [];
  readonly indexed: JourneyIndexUpdate[] = [];
  /** Called before each commit round: lets a test write "concurrently". */
  beforeCommit: () => void = () => undefined;
  publishFails: (messages: readonly OutboundMessage[]) => Error | undefined = () => undefined;

  stored(id: string): StoredJourney {
    const journey = this.journeys.get(id);
    if (this.erased.has(id)) return { version: 0, data: null, emitted: null, outbox: [], erasedAt: 1 };
    return journey
      ? { version: journey.version, data: journey.data, emitted: null, outbox: [...journey.outbox.values()] }
      : { version: 0, data: null, emitted: null, outbox: [] };
  }

  commitMany(writes: readonly JourneyWrite[]): Promise<CommitOutcome[]> {
    this.beforeCommit();
    return Promise.resolve(
      writes.map((write): CommitOutcome => {
        const { customerId } = write;
        if (this.erased.has(customerId)) return { customerId, status: 'erased', version: 0 };
        const current = this.journeys.get(customerId);
        const version = current?.version ?? 0;
        if (version !== write.expectedVersion) return { customerId, status: 'conflict', version };
        const outbox = new Map(current?.outbox ?? []);
        for (const entry of write.outbox) outbox.set(entry.id, entry);
        this.journeys.set(customerId, { version: version + 1, data: write.data, outbox });
        return { customerId, status: 'committed', version: version + 1 };
      }),
    );
  }

  ackOutbox(acks: readonly OutboxAck[]): Promise<void> {
    for (const { customerId, ids } of acks)
      for (const id of ids) this.journeys.get(customerId)?.outbox.delete(id);
    return Promise.resolve();
  }

  applyIndexes(updates: readonly JourneyIndexUpdate[]): Promise<void> {
    this.indexed.push(...updates);
    return Promise.resolve();
  }

  publish(messages: readonly OutboundMessage[]): Promise<void> {
    const error = this.publishFails(messages);
    if (error !== undefined) return Promise.reject(error);
    this.published.push(...messages);
    return Promise.resolve();
  }
}

/** A writer that appends its numbers to a customer's data and derives one record per number. */
function appendPlan(
  store: FakeStore,
  whenExhausted: 'retry-unit' | 'leave' = 'retry-unit',
): CommitPlan<number[], string> {
  return {
    load: (pending) =>
      Promise.resolve({
        targets: new Map([...pending].map(([id, payload]) => [id, { stored: store.stored(id), payload }])),
        journeys: new Map([...pending.keys()].map((id) => [id, store.stored(id)])),
      }),
    decide: (id, { stored, payload }) => {
      if (payload.length === 0) return { result: stored.data ?? '' };
      const data = [stored.data ?? '', ...payload].filter(Boolean).join(',');
      const outbox = payload.map((n) => ({ id: `${id}-${n}`, topic: 'derived', key: id, value: String(n) }));
      return { result: data, write: { data, outbox } };
    },
    maxAttempts: 3,
    whenExhausted,
    reloadLinked: false,
  };
}

const settleAll = (unit: JourneyUnitOfWork, outbox: Parameters<JourneyUnitOfWork['settle']>[0]['outbox']) =>
  unit.settle({
    deadLetters: [],
    outbox,
    indexUpdates: [],
    replacementFor: ({ message }) => ({ topic: 'dlq', key: null, value: `refused ${String(message.value)}` }),
  });

describe(JourneyUnitOfWork.name, () => {
  it('commits each decision with compare-and-set and reports the versions', async () => {
    const store = new FakeStore();
    const unit = new JourneyUnitOfWork(store);
    const report = await unit.commit(
      appendPlan(store),
      new Map([
        ['a', [1, 2]],
        ['b', [3]],
      ]),
    );
    expect(report.written).toBe(2);
    expect(report.committed.get('a')).toEqual({ result: '1,2', version: 1 });
    expect(store.journeys.get('b')?.data).toBe('3');
    expect(report.outbox.entries().map((e) => e.id)).toEqual(['a-1', 'a-2', 'b-3']);
  });

  it('reloads and decides again for a customer another writer beat, never overwriting its write', async () => {
    const store = new FakeStore();
    const unit = new JourneyUnitOfWork(store);
    let raced = false;
    store.beforeCommit = () => {
      if (raced) return;
      raced = true;
      store.journeys.set('a', { version: 1, data: 'other', outbox: new Map() });
    };
    const report = await unit.commit(appendPlan(store), new Map([['a', [1]]]));
    expect(store.journeys.get('a')).toMatchObject({ version: 2, data: 'other,1' });
    expect(report.committed.get('a')?.version).toBe(2);
  });

  it('drops the work of an erased customer and its pending records', async () => {
    const store = new FakeStore();
    store.erased.add('gone');
    const report = await new JourneyUnitOfWork(store).commit(appendPlan(store), new Map([['gone', [1]]]));
    expect(report.gone.get('gone')).toEqual({ payload: [1], status: 'erased' });
    expect(report.outbox.entries()).toEqual([]);
  });

  it('fails the unit as transient when conflicts outlast the attempts, or leaves them when asked', async () => {
    const store = new FakeStore();
    let version = 0;
    store.beforeCommit = () =>
      store.journeys.set('a', { version: (version += 1), data: 'x', outbox: new Map() });
    const unit = new JourneyUnitOfWork(store);
    await expect(unit.commit(appendPlan(store), new Map([['a', [1]]]))).rejects.toBeInstanceOf(
      TransientFailure,
    );
    const left = await unit.commit(appendPlan(store, 'leave'), new Map([['a', [1]]]));
    expect(left.abandoned.get('a')).toEqual([1]);
  });

  it('publishes what an earlier writer left in the outbox, and acknowledges only what the broker took', async () => {
    const store = new FakeStore();
    const unit = new JourneyUnitOfWork(store);
    await unit.commit(appendPlan(store), new Map([['a', [1]]]));
    // That writer crashed before publishing: the next unit touching the customer sends its entry too.
    store.publishFails = () => new TransientFailure('broker away');
    const second = await unit.commit(appendPlan(store), new Map([['a', [2]]]));
    await expect(settleAll(unit, second.outbox)).rejects.toThrow('broker away');
    expect(store.journeys.get('a')?.outbox.size).toBe(2);
    store.publishFails = () => undefined;
    const third = await unit.commit(appendPlan(store), new Map([['a', []]]));
    await settleAll(unit, third.outbox);
    expect(store.published.map((m) => m.value)).toEqual(['1', '2']);
    expect(store.journeys.get('a')?.outbox.size).toBe(0);
  });

  it('replaces a record the broker refuses for good and acknowledges it, so it never blocks the customer', async () => {
    const store = new FakeStore();
    const unit = new JourneyUnitOfWork(store);
    const refusal = Object.assign(new Error('too large'), {
      name: 'KafkaJSProtocolError',
      type: 'MESSAGE_TOO_LARGE',
    });
    store.publishFails = (messages) => (messages.some((m) => m.value === '2') ? refusal : undefined);
    const report = await unit.commit(appendPlan(store), new Map([['a', [1, 2, 3]]]));
    const refused = await settleAll(unit, report.outbox);
    expect(refused.map((r) => r.message.value)).toEqual(['2']);
    expect(store.published.map((m) => m.value)).toEqual(['1', '3', 'refused 2']);
    expect(store.journeys.get('a')?.outbox.size).toBe(0);
  });

  it('keeps the audiences from what was published, through journeyPorts, after the broker took it', async () => {
    const store = new FakeStore();
    const seen: string[] = [];
    const ports = journeyPorts({
      repository: store,
      indexes: { apply: (updates) => store.applyIndexes(updates) },
      publisher: store,
      audiences: {
        applyProfiles: (records) => {
          seen.push(...records.map((r) => `${r.id}:${store.published.some((m) => m.value === r.value)}`));
          return Promise.resolve();
        },
      },
    });
    const unit = new JourneyUnitOfWork(ports);
    const report = await unit.commit(appendPlan(store), new Map([['a', [1]]]));
    await settleAll(unit, report.outbox);
    expect(seen).toEqual(['a-1:true']);
  });

  it('publishes dead letters alone through the same path', async () => {
    const store = new FakeStore();
    const letter: OutboundMessage = { topic: 'dlq', key: null, value: 'bad record' };
    await new JourneyUnitOfWork(store).settle(deadLettersOnly([letter], () => letter));
    expect(store.published).toEqual([letter]);
  });
});
