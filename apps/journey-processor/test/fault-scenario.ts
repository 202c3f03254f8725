import { deleteKeysWithPrefix } from '../../../libs/redis-store/test/support/delete-keys-with-prefix';
import { freePort } from '@pipeline/testing';
import {
  ALL_INBOUND_TOPICS,
  DEAD_LETTER_TOPIC,
  DeadLetterEventV1,
  OUTBOUND_TOPICS,
  StageChangedEventV1,
  topicMessage,
} from '@pipeline/contracts';
import { JourneyFacts } from '@pipeline/journey-domain';
import { JourneySimulator } from '@pipeline/journey-simulator';
import {
  PublishedEvent,
  ServiceProcess,
  referenceJourneys,
  testInfra,
  testNamespace,
} from '@pipeline/testing';
import Redis from 'ioredis';
import { KafkaTestClient, RawRecord, sleep } from './kafka-test-client';
import { PROCESSOR_MAIN } from './processor-process';

/** The built processor; PIPELINE_PROCESSOR_MAIN points at another build (e.g. one not being rebuilt). */
export const PROCESSOR = process.env.PIPELINE_PROCESSOR_MAIN ?? PROCESSOR_MAIN;
export const MiB = 1024 * 1024;
/** Resident memory may grow this much between warm-up and the end of a scenario. */
export const RSS_GROWTH_BOUND = 150 * MiB;

/** One isolated world per scenario: topics, group and Redis keys of its own, the processor as a child. */
export class FaultScenario {
  readonly ns: ReturnType<typeof testNamespace>;
  readonly kafka: KafkaTestClient;
  readonly redis: Redis;
  processor!: ServiceProcess;
  private port = 0;

  constructor(
    label: string,
    private readonly redisUrl = testInfra().redisUrl,
  ) {
    this.ns = testNamespace(label);
    this.kafka = new KafkaTestClient(testInfra().kafkaBrokers, this.ns.topicPrefix);
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  }

  async startProcessor(env: Record<string, string> = {}): Promise<void> {
    const port = await freePort();
    this.port = port;
    this.processor = new ServiceProcess(
      PROCESSOR,
      {
        KAFKA_BROKERS: testInfra().kafkaBrokers.join(','),
        REDIS_URL: this.redisUrl,
        KAFKA_TOPIC_PREFIX: this.ns.topicPrefix,
        KAFKA_GROUP_ID: this.ns.groupId,
        KAFKA_CLIENT_ID: `jp-${this.ns.id}`,
        REDIS_KEY_PREFIX: this.ns.redisPrefix,
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
        // A killed member holds its partitions until the session expires: keep that short here.
        KAFKA_SESSION_TIMEOUT_MS: '6000',
        ...env,
      },
      `http://127.0.0.1:${port}/customers/probe/journey`,
    );
    await this.processor.start();
  }

  /** The running processor's HTTP API. */
  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Publishes with retries: a send that fails while the broker restarts is sent again. */
  async publish(records: readonly RawRecord[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.kafka.publishRaw(records);
      } catch (error) {
        if (attempt >= 60) throw error;
        await sleep(1_000);
      }
    }
  }

  catchUp(timeoutMs = 90_000): Promise<void> {
    return this.kafka.waitForCatchUp(this.ns.groupId, ALL_INBOUND_TOPICS, timeoutMs);
  }

  async stageChanges(): Promise<StageChangedEventV1[]> {
    return (await this.kafka.readAll(OUTBOUND_TOPICS.stageChanged)).map(
      (r) => JSON.parse(r.value!.toString()) as StageChangedEventV1,
    );
  }

  async deadLetters(): Promise<DeadLetterEventV1[]> {
    return (await this.kafka.readAll(DEAD_LETTER_TOPIC)).map(
      (r) => JSON.parse(r.value!.toString()) as DeadLetterEventV1,
    );
  }

  async dispose(): Promise<void> {
    await this.processor?.stop();
    await this.kafka.close();
    await deleteKeysWithPrefix(this.redis, this.ns.redisPrefix);
    await this.redis.quit();
  }
}

export function simulatedStream(customers: number, seed: number, prefix: string): RawRecord[] {
  return new JourneySimulator({ customers, seed, customerPrefix: prefix })
    .generate()
    .map((e) => topicMessage(e.topic, e.key, e.envelope));
}

export function reference(records: readonly RawRecord[]): Map<string, JourneyFacts> {
  return referenceJourneys(records.map((r): PublishedEvent => ({ topic: r.topic, value: String(r.value) })));
}
