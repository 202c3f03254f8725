import { ALL_INBOUND_TOPICS, IDENTITY_TOPIC } from '@pipeline/contracts';
import { ensureTopics } from '@pipeline/kafka';
import { testInfra, testNamespace } from '@pipeline/testing';
import type { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import { KafkaTestClient } from '../../journey-processor/test/kafka-test-client';
import { startCollector } from '../src/collector.app';
import { loadCollectorConfig } from '../src/collector.config';

/** An API key as the test presents it, and its entry in COLLECTOR_API_KEYS. */
export interface TestKey {
  readonly key: string;
  readonly entry: {
    readonly id: string;
    readonly eventTypes: readonly string[];
    readonly corsOrigins: readonly string[];
    readonly ratePerMinute: number;
  };
}

export interface CollectorReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** One collector on its own topic prefix, with the stage and identity topics created, and a reader for them. */
export class CollectorFixture {
  readonly ns = testNamespace('collector');
  readonly kafka: KafkaTestClient;
  private app?: INestApplication;

  constructor(
    private readonly keys: readonly TestKey[],
    private readonly env: Record<string, string> = {},
  ) {
    this.kafka = new KafkaTestClient(testInfra().kafkaBrokers, this.ns.topicPrefix);
  }

  async start(): Promise<void> {
    await ensureTopics(this.kafka.kafka, this.ns.topicPrefix, [...ALL_INBOUND_TOPICS, IDENTITY_TOPIC], {
      partitions: 3,
      replicationFactor: 1,
    });
    const apiKeys = this.keys.map(({ key, entry }) => ({
      ...entry,
      sha256: createHash('sha256').update(key).digest('hex'),
    }));
    this.app = await startCollector(
      loadCollectorConfig({
        KAFKA_BROKERS: testInfra().kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: this.ns.topicPrefix,
        KAFKA_CLIENT_ID: `collector-${this.ns.id}`,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        COLLECTOR_API_KEYS: JSON.stringify(apiKeys),
        ...this.env,
      }),
    );
  }

  url(path: string): string {
    const address = (this.app?.getHttpServer() as Server | undefined)?.address();
    if (!address || typeof address === 'string') throw new Error('collector is not listening');
    return `http://127.0.0.1:${address.port}${path}`;
  }

  async request(
    method: string,
    path: string,
    { headers = {}, body }: { headers?: Record<string, string>; body?: unknown } = {},
  ): Promise<CollectorReply> {
    const response = await fetch(this.url(path), {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body !== undefined && { body: encodeBody(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    };
  }

  /** A GET answered in text (`/metrics`, `/health/*`). */
  async get(path: string): Promise<{ status: number; contentType: string | null; text: string }> {
    const response = await fetch(this.url(path));
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      text: await response.text(),
    };
  }

  /** Every envelope on a logical topic, with the key it was written under. */
  async envelopesOn(
    topic: string,
  ): Promise<Array<{ key: string | null; envelope: Record<string, unknown> }>> {
    const records = await this.kafka.readAll(topic);
    return records.map((r) => ({
      key: r.key,
      envelope: JSON.parse(r.value!.toString()) as Record<string, unknown>,
    }));
  }

  async dispose(): Promise<void> {
    await this.app?.close();
    await this.kafka.close();
  }
}

/** Bytes as they are (a compressed body), a string as it is, anything else as JSON. */
function encodeBody(body: unknown): string | Uint8Array {
  if (body instanceof Uint8Array || typeof body === 'string') return body;
  return JSON.stringify(body);
}
