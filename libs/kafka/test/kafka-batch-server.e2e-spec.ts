import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { AssignerProtocol, Partitioners, type Admin, type Kafka, type Producer } from 'kafkajs';
import { defer, EMPTY, from, mergeMap, throwError, type Observable } from 'rxjs';
import {
  CO_PARTITIONED_ASSIGNER,
  createKafkaClient,
  ensureTopics,
  KafkaBatchServer,
  topicName,
  type InboundBatch,
  type KafkaBatchServerOptions,
} from '@pipeline/kafka';
import { BatchRecorder, startBatchApp, TOPICS, type RunningBatchApp } from './batch-recorder.fixture';
import { committedOffsets, testConnection, uniqueSuffix, waitFor } from './kafka-e2e.fixture';

describe(KafkaBatchServer.name, () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  let running: RunningBatchApp[] = [];

  beforeAll(async () => {
    kafka = createKafkaClient(testConnection('kafka-batch-server-e2e'));
    admin = kafka.admin();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await Promise.all([admin.connect(), producer.connect()]);
  });

  afterEach(async () => {
    await Promise.all(running.map(({ app }) => app.close()));
    running = [];
    jest.restoreAllMocks();
  });

  afterAll(async () => {
    await Promise.all([admin?.disconnect(), producer?.disconnect()]);
  });

  /** Fresh physical topics (a unique prefix) for the given logical ones. */
  async function freshTopics(logical: string[], partitions: number): Promise<string> {
    const prefix = `t-${uniqueSuffix()}-`;
    await ensureTopics(kafka, prefix, logical, { partitions, replicationFactor: 1 });
    return prefix;
  }

  function options(
    prefix: string,
    topics: string[],
    overrides: Partial<KafkaBatchServerOptions> = {},
  ): KafkaBatchServerOptions {
    return {
      connection: testConnection('kafka-batch-server-e2e'),
      groupId: `g-${uniqueSuffix()}`,
      topics,
      topicPrefix: prefix,
      fromBeginning: true,
      maxWaitTimeInMs: 200,
      retryBackoff: { initialMs: 50, maxMs: 400 },
      ...overrides,
    };
  }

  async function start(recorder: BatchRecorder, server: KafkaBatchServer): Promise<RunningBatchApp> {
    const app = await startBatchApp(recorder, server);
    running.push(app);
    return app;
  }

  async function stop({ app }: RunningBatchApp): Promise<void> {
    await app.close();
    running = running.filter((entry) => entry.app !== app);
  }

  async function produce(topic: string, partition: number, values: string[]): Promise<void> {
    await producer.send({ topic, messages: values.map((value) => ({ value, partition })) });
  }

  const labels = (tag: string, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `${tag}-${from + i}`);

  it('delivers each partition in batches, in order, and commits last offset + 1', async () => {
    const prefix = await freshTopics([TOPICS.orders], 2);
    const topic = topicName(prefix, TOPICS.orders);
    await produce(topic, 0, labels('p0', 0, 10));
    await produce(topic, 1, labels('p1', 0, 10));
    const recorder = new BatchRecorder();
    const server = new KafkaBatchServer(options(prefix, [TOPICS.orders]));
    await start(recorder, server);

    await waitFor('the first 20 records', () =>
      recorder.valuesOf(TOPICS.orders).length >= 20 ? true : undefined,
    );
    await produce(topic, 0, labels('p0', 10, 5));
    await produce(topic, 1, labels('p1', 10, 5));
    await waitFor('all 30 records', () => (recorder.valuesOf(TOPICS.orders).length >= 30 ? true : undefined));

    expect(recorder.valuesOf(TOPICS.orders, 0)).toEqual(labels('p0', 0, 15));
    expect(recorder.valuesOf(TOPICS.orders, 1)).toEqual(labels('p1', 0, 15));
    expect(recorder.attempts).toEqual(recorder.completed);
    expect(recorder.completed.some((batch) => batch.offsets.length > 1)).toBe(true);
    for (const batch of recorder.completed) {
      expect(batch.topic).toBe(TOPICS.orders);
      expect(batch.offsets[0]).toBe(batch.firstOffset);
      expect(batch.offsets.at(-1)).toBe(batch.lastOffset);
      expect(batch.offsets.map(Number)).toEqual(batch.offsets.map((_, i) => Number(batch.firstOffset) + i));
    }
    const lastOf = (partition: number) =>
      recorder.completed.filter((batch) => batch.partition === partition).at(-1)!.lastOffset;
    expect([lastOf(0), lastOf(1)]).toEqual(['14', '14']);
    await waitFor('offsets 15/15 committed', async () => {
      const offsets = await committedOffsets(admin, server.consumerGroupId, topic);
      return offsets[0] === '15' && offsets[1] === '15' ? offsets : undefined;
    });
  });

  it.each<[string, (fail: boolean) => Promise<void> | Observable<void>]>([
    [
      'an async handler that throws',
      (fail) => (fail ? Promise.reject(new Error('redis down')) : Promise.resolve()),
    ],
    [
      'a handler whose observable errors',
      (fail) => (fail ? throwError(() => new Error('redis down')) : EMPTY),
    ],
  ])('retries %s twice, skipping nothing and committing only after success', async (_, outcome) => {
    const prefix = await freshTopics([TOPICS.orders], 1);
    const topic = topicName(prefix, TOPICS.orders);
    await produce(topic, 0, labels('m', 0, 5));
    const server = new KafkaBatchServer(options(prefix, [TOPICS.orders]));
    const committedWhileHandling: Array<Record<number, string>> = [];
    const recorder = new BatchRecorder();
    recorder.behaviour = (_batch, attempt) =>
      from(committedOffsets(admin, server.consumerGroupId, topic)).pipe(
        mergeMap((offsets) => {
          committedWhileHandling.push(offsets);
          return defer(() => outcome(attempt <= 2));
        }),
      );
    await start(recorder, server);

    await waitFor('a successful delivery', () => recorder.completed[0]);

    expect(recorder.attempts).toHaveLength(3);
    for (const attempt of recorder.attempts) expect(attempt.offsets).toEqual(['0', '1', '2', '3', '4']);
    expect(recorder.completed).toEqual([recorder.attempts[2]]);
    expect(committedWhileHandling).toEqual([{ 0: '-1' }, { 0: '-1' }, { 0: '-1' }]);
    await waitFor('offset 5 committed', async () =>
      (await committedOffsets(admin, server.consumerGroupId, topic))[0] === '5' ? true : undefined,
    );
  });

  it('close() during a slow handler waits for it and commits; a restart redelivers nothing', async () => {
    const prefix = await freshTopics([TOPICS.orders], 1);
    const topic = topicName(prefix, TOPICS.orders);
    await produce(topic, 0, labels('m', 0, 5));
    const groupOptions = options(prefix, [TOPICS.orders]);
    const recorder = new BatchRecorder();
    let handlerFinishedAt = 0;
    recorder.behaviour = async (batch: InboundBatch) => {
      for (let i = 0; i < 6; i += 1) {
        await sleep(500);
        await batch.heartbeat();
      }
      handlerFinishedAt = Date.now();
    };
    const first = await start(recorder, new KafkaBatchServer(groupOptions));
    await waitFor('the slow handler to start', () => recorder.attempts[0]);

    const closeStartedAt = Date.now();
    await stop(first);
    const closedAt = Date.now();

    expect(handlerFinishedAt).toBeGreaterThan(0);
    expect(handlerFinishedAt).toBeLessThanOrEqual(closedAt);
    expect(closedAt - closeStartedAt).toBeGreaterThanOrEqual(1_500);
    expect(recorder.completed.map((batch) => batch.offsets)).toEqual([['0', '1', '2', '3', '4']]);
    expect(await committedOffsets(admin, groupOptions.groupId, topic)).toEqual({ 0: '5' });
    const [group] = (await admin.describeGroups([groupOptions.groupId])).groups;
    expect(group?.members).toHaveLength(0);

    const afterRestart = new BatchRecorder();
    await start(afterRestart, new KafkaBatchServer(groupOptions));
    await produce(topic, 0, ['after-restart']);
    await waitFor('the record produced after the restart', () => afterRestart.completed[0]);
    expect(afterRestart.attempts.flatMap((batch) => batch.values)).toEqual(['after-restart']);
    expect(afterRestart.attempts.flatMap((batch) => batch.offsets)).toEqual(['5']);
  });

  it('gives a handler registered with an array of patterns the batches of all its topics', async () => {
    const prefix = await freshTopics([TOPICS.first, TOPICS.second], 1);
    await produce(topicName(prefix, TOPICS.first), 0, ['f-0', 'f-1']);
    await produce(topicName(prefix, TOPICS.second), 0, ['s-0']);
    const recorder = new BatchRecorder();
    const server = new KafkaBatchServer(options(prefix, [TOPICS.first, TOPICS.second]));
    await start(recorder, server);

    await waitFor('both topics', () =>
      recorder.valuesOf(TOPICS.first).length === 2 && recorder.valuesOf(TOPICS.second).length === 1
        ? true
        : undefined,
    );
    expect(recorder.valuesOf(TOPICS.first)).toEqual(['f-0', 'f-1']);
    expect(recorder.valuesOf(TOPICS.second)).toEqual(['s-0']);
    await waitFor('both topics committed', async () => {
      const first = await committedOffsets(admin, server.consumerGroupId, topicName(prefix, TOPICS.first));
      const second = await committedOffsets(admin, server.consumerGroupId, topicName(prefix, TOPICS.second));
      return first[0] === '2' && second[0] === '1' ? true : undefined;
    });
  });

  it('with gatherBatches, hands the batches of one fetch to their handler together and commits them together', async () => {
    const prefix = await freshTopics([TOPICS.first, TOPICS.second, TOPICS.orders], 3);
    for (const partition of [0, 1, 2]) {
      await produce(topicName(prefix, TOPICS.first), partition, labels(`f${partition}`, 0, 5));
      await produce(topicName(prefix, TOPICS.second), partition, labels(`s${partition}`, 0, 5));
      await produce(topicName(prefix, TOPICS.orders), partition, labels(`o${partition}`, 0, 5));
    }
    const recorder = new BatchRecorder();
    // The first/second handler's first call fails: all of its batches must come back together.
    let failures = 0;
    recorder.behaviour = (batch) =>
      batch.topic !== TOPICS.orders && failures++ === 0
        ? Promise.reject(new Error('redis down'))
        : Promise.resolve();
    const server = new KafkaBatchServer(
      options(prefix, [TOPICS.first, TOPICS.second, TOPICS.orders], {
        gatherBatches: true,
        partitionsConsumedConcurrently: 16,
      }),
    );
    await start(recorder, server);

    await waitFor('all 45 records', () =>
      recorder.completed.flatMap((b) => b.values).length >= 45 ? true : undefined,
    );

    const [failed, ...later] = recorder.calls.filter((call) => call[0]?.topic !== TOPICS.orders);
    expect(failed.length).toBeGreaterThan(1);
    // Every batch of the failed call came back, offsets and all.
    for (const batch of failed) expect(later.flat()).toContainEqual(batch);
    // Handlers are gathered separately: a call never mixes the orders handler with first/second.
    for (const call of recorder.calls) {
      const topics = new Set(call.map((batch) => batch.topic));
      expect(topics.has(TOPICS.orders) && topics.size > 1).toBe(false);
    }
    for (const [tag, topic] of [
      ['f', TOPICS.first],
      ['s', TOPICS.second],
      ['o', TOPICS.orders],
    ] as const) {
      for (const partition of [0, 1, 2])
        expect(recorder.valuesOf(topic, partition)).toEqual(labels(`${tag}${partition}`, 0, 5));
    }
    await waitFor('every partition committed at 5', async () => {
      const all = await Promise.all(
        [TOPICS.first, TOPICS.second, TOPICS.orders].map((t) =>
          committedOffsets(admin, server.consumerGroupId, topicName(prefix, t)),
        ),
      );
      return all.every((offsets) => [0, 1, 2].every((p) => offsets[p] === '5')) ? all : undefined;
    });
  });

  it('retries a batch of a topic without a handler, logging it once and committing nothing', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const prefix = await freshTopics([TOPICS.orphan], 1);
    const topic = topicName(prefix, TOPICS.orphan);
    await produce(topic, 0, ['lost-0', 'lost-1']);
    const server = new KafkaBatchServer(
      options(prefix, [TOPICS.orphan], { retryBackoff: { initialMs: 20, maxMs: 40 } }),
    );
    await start(new BatchRecorder(), server);

    const noHandlerLines = () =>
      errors.mock.calls.filter(([message]) => String(message).includes('no @EventPattern handler'));
    await waitFor('the missing handler to be reported', () =>
      noHandlerLines().length > 0 ? true : undefined,
    );
    await sleep(1_500);

    expect(noHandlerLines()).toHaveLength(1);
    expect(await committedOffsets(admin, server.consumerGroupId, topic)).toEqual({ 0: '-1' });
  });

  it('fetches nothing while paused and catches up after resume()', async () => {
    const prefix = await freshTopics([TOPICS.orders], 2);
    const topic = topicName(prefix, TOPICS.orders);
    const recorder = new BatchRecorder();
    const server = new KafkaBatchServer(options(prefix, [TOPICS.orders]));
    await start(recorder, server);

    server.pause();
    await produce(topic, 0, ['a']);
    await produce(topic, 1, ['b']);
    await sleep(1_500);
    expect(recorder.attempts).toEqual([]);

    server.resume();
    await waitFor('both records after resume', () => (recorder.completed.length >= 2 ? true : undefined));
    expect(recorder.completed.flatMap((batch) => batch.values).sort()).toEqual(['a', 'b']);
  });

  it('keeps its partition through retries and work that outlast the session timeout', async () => {
    const prefix = await freshTopics([TOPICS.orders], 1);
    const topic = topicName(prefix, TOPICS.orders);
    await produce(topic, 0, labels('m', 0, 3));
    const server = new KafkaBatchServer(
      options(prefix, [TOPICS.orders], {
        sessionTimeout: 6_000,
        heartbeatInterval: 500,
        retryBackoff: { initialMs: 500, maxMs: 8_000 },
      }),
    );
    let groupJoins = 0;
    server.on('consumer.group_join', () => {
      groupJoins += 1;
    });
    const recorder = new BatchRecorder();
    let firstAttemptAt = 0;
    recorder.behaviour = async (batch, attempt) => {
      firstAttemptAt ||= Date.now();
      // Failing attempts for 7 s: the server heartbeats while it backs off (the last wait is ~4 s).
      if (Date.now() - firstAttemptAt < 7_000) throw new Error(`still failing (attempt ${attempt})`);
      // Then 7 s of work that heartbeats on its own.
      for (let i = 0; i < 14; i += 1) {
        await sleep(500);
        await batch.heartbeat();
      }
    };
    await start(recorder, server);

    await waitFor('the batch to succeed', () => recorder.completed[0], 40_000);

    expect(groupJoins).toBe(1);
    expect(new Set(recorder.attempts.map((batch) => batch.offsets.join()))).toEqual(new Set(['0,1,2']));
    await waitFor('offset 3 committed', async () =>
      (await committedOffsets(admin, server.consumerGroupId, topic))[0] === '3' ? true : undefined,
    );
  });

  it('gives partition N of every topic to one member, with four members over six partitions', async () => {
    const prefix = await freshTopics([TOPICS.first, TOPICS.second], 6);
    const shared = options(prefix, [TOPICS.first, TOPICS.second]);
    for (let i = 0; i < 4; i += 1) await start(new BatchRecorder(), new KafkaBatchServer(shared));

    const group = await waitFor('a stable group of four', async () => {
      const { groups } = await admin.describeGroups([shared.groupId]);
      const described = groups[0];
      return described?.state === 'Stable' && described.members.length === 4 ? described : undefined;
    });
    expect(group.protocol).toBe(CO_PARTITIONED_ASSIGNER);
    const held = group.members.map((member) => {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      const first = decoded?.assignment[topicName(prefix, TOPICS.first)] ?? [];
      const second = decoded?.assignment[topicName(prefix, TOPICS.second)] ?? [];
      return { first: [...first].sort(), second: [...second].sort() };
    });
    // Round-robin would hand member 1 partitions 1 and 5 of the first topic, 3 of the second.
    for (const { first, second } of held) expect(second).toEqual(first);
    expect(held.flatMap(({ first }) => first).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
