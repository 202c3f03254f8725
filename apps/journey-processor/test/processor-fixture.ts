import { deleteKeysWithPrefix } from '../../../libs/redis-store/test/support/delete-keys-with-prefix';
import { testInfra, testNamespace } from '@pipeline/testing';
import { JourneyProcessorConfig, loadJourneyProcessorConfig } from '../src/journey-processor.config';
import { RunningProcessor, startJourneyProcessor } from '../src/journey-processor.app';
import { KafkaTestClient } from './kafka-test-client';
import Redis from 'ioredis';
import { Server } from 'node:http';

/** One isolated processor world per test file: its own topics, group and Redis key prefix. */
export class ProcessorFixture {
  readonly ns: ReturnType<typeof testNamespace>;
  readonly kafka: KafkaTestClient;
  readonly redis: Redis;
  readonly config: JourneyProcessorConfig;
  private running?: RunningProcessor;

  /**
   * @param env overrides of the processor's environment.
   * @param observerRedisUrl where the test itself reads Redis, when not where the processor does (a
   *   TLS port the test client is not set up for, say).
   */
  constructor(label: string, env: Record<string, string> = {}, observerRedisUrl?: string) {
    const infra = testInfra();
    this.ns = testNamespace(label);
    this.config = loadJourneyProcessorConfig({
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      REDIS_URL: infra.redisUrl,
      KAFKA_TOPIC_PREFIX: this.ns.topicPrefix,
      KAFKA_GROUP_ID: this.ns.groupId,
      KAFKA_CLIENT_ID: `jp-${this.ns.id}`,
      REDIS_KEY_PREFIX: this.ns.redisPrefix,
      HTTP_PORT: '0',
      LOG_LEVEL: 'warn',
      ...env,
    });
    this.kafka = new KafkaTestClient(infra.kafkaBrokers, this.ns.topicPrefix);
    this.redis = new Redis(observerRedisUrl ?? this.config.REDIS_URL ?? infra.redisUrl);
  }

  async start(): Promise<RunningProcessor> {
    this.running = await startJourneyProcessor(this.config);
    return this.running;
  }

  async stop(): Promise<void> {
    await this.running?.app.close();
    this.running = undefined;
  }

  /** Base URL of the running processor's HTTP API. */
  url(path: string): string {
    const server = this.running?.app.getHttpServer() as Server | undefined;
    const address = server?.address();
    if (!address || typeof address === 'string') throw new Error('processor is not listening');
    return `http://127.0.0.1:${address.port}${path}`;
  }

  async journey(customerId: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(this.url(`/customers/${encodeURIComponent(customerId)}/journey`));
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async dispose(): Promise<void> {
    await this.stop();
    await this.kafka.close();
    await deleteKeysWithPrefix(this.redis, this.ns.redisPrefix);
    await this.redis.quit();
  }
}
