import { Controller, Inject, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';

export interface BaselineResult {
  readonly messages: number;
  readonly seconds: number;
  readonly rate: number;
}

/** Baseline (a): a bare kafkajs eachBatch consumer that only decodes each message (JSON.parse). */
export async function rawConsumeRate(
  brokers: readonly string[],
  topics: readonly string[],
  total: number,
  timeBoxMs: number,
): Promise<BaselineResult> {
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `bench-raw-${Date.now()}`, maxBytesPerPartition: 1_048_576 });
  await consumer.connect();
  await consumer.subscribe({ topics: [...topics], fromBeginning: true });
  let seen = 0;
  let first = 0;
  let last = 0;
  let fields = 0;
  await new Promise<void>((done) => {
    const timer = setTimeout(done, timeBoxMs);
    void consumer.run({
      partitionsConsumedConcurrently: 3,
      eachBatch: async (payload) => {
        const { batch } = payload;
        first ||= Date.now();
        for (const message of batch.messages) {
          const decoded = JSON.parse(message.value!.toString()) as Record<string, unknown>;
          fields += Object.keys(decoded).length;
          payload.resolveOffset(message.offset);
        }
        seen += batch.messages.length;
        last = Date.now();
        await payload.heartbeat();
        if (seen >= total) {
          clearTimeout(timer);
          done();
        }
      },
    });
  });
  await consumer.disconnect();
  if (fields === 0) throw new Error('raw baseline decoded nothing');
  const seconds = (last - first) / 1000;
  return { messages: seen, seconds, rate: seen / seconds };
}

interface TutorialEnvelope {
  readonly customerId: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly properties?: { readonly amount?: string | number };
}

/**
 * Baseline (b), "what a tutorial would build": the stock NestJS Kafka transport, one @EventPattern
 * handler per message, one Redis round trip per field (HINCRBY / HSET, no Lua, no pipeline).
 */
export async function tutorialRate(
  brokers: readonly string[],
  topics: readonly string[],
  redisUrl: string,
  keyPrefix: string,
  timeBoxMs: number,
): Promise<BaselineResult> {
  const redis = new Redis(redisUrl);
  let seen = 0;
  let first = 0;
  let last = 0;
  const handle = async (event: TutorialEnvelope): Promise<void> => {
    first ||= Date.now();
    const key = `${keyPrefix}tut:${event.customerId}`;
    await redis.hincrby(key, `count:${event.type}`, 1);
    await redis.hset(key, 'lastType', event.type);
    await redis.hset(key, 'lastEventAt', event.occurredAt);
    if (event.type === 'order_placed')
      await redis.hincrby(key, 'revenueMinor', Math.round(Number(event.properties?.amount ?? 0) * 100));
    seen += 1;
    last = Date.now();
  };

  @Controller()
  class TutorialController {
    constructor(@Inject('HANDLE') private readonly onEvent: typeof handle) {}
    @EventPattern(topics[0]) a(@Payload() e: TutorialEnvelope) {
      return this.onEvent(e);
    }
    @EventPattern(topics[1]) b(@Payload() e: TutorialEnvelope) {
      return this.onEvent(e);
    }
    @EventPattern(topics[2]) c(@Payload() e: TutorialEnvelope) {
      return this.onEvent(e);
    }
    @EventPattern(topics[3]) d(@Payload() e: TutorialEnvelope) {
      return this.onEvent(e);
    }
    @EventPattern(topics[4]) e(@Payload() e: TutorialEnvelope) {
      return this.onEvent(e);
    }
  }
  @Module({ controllers: [TutorialController], providers: [{ provide: 'HANDLE', useValue: handle }] })
  class TutorialModule {}

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(TutorialModule, {
    logger: false,
    transport: Transport.KAFKA,
    options: {
      client: { clientId: 'bench-tutorial', brokers: [...brokers], logLevel: logLevel.NOTHING },
      consumer: { groupId: `bench-tutorial-${Date.now()}` },
      subscribe: { fromBeginning: true },
    },
  });
  await app.listen();
  const started = Date.now();
  while (Date.now() - started < 60_000 && !first) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, timeBoxMs));
  const counted = seen;
  const seconds = (last - first) / 1000;
  await app.close();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}tut:*`, 'COUNT', 5_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
  if (counted === 0) throw new Error('tutorial baseline processed nothing');
  return { messages: counted, seconds, rate: counted / seconds };
}
