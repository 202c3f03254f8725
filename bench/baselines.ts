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

/**
 * What bounds the tutorial: it handles one message at a time, waiting on each of its Redis round trips
 * in turn, so it never uses more than one core whatever the machine has; the share of that core it
 * kept busy tells how much of its time went to CPU (Nest's per-message dispatch, kafkajs, ioredis)
 * rather than to waiting.
 */
export interface TutorialResult extends BaselineResult {
  readonly roundTripsPerMessage: number;
  /** CPU seconds of this process (Nest, kafkajs, ioredis) per wall second while it consumed. */
  readonly coreShare: number;
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
): Promise<TutorialResult> {
  const redis = new Redis(redisUrl);
  let seen = 0;
  let first = 0;
  let last = 0;
  let roundTrips = 0;
  let cpuAtFirst: NodeJS.CpuUsage | undefined;
  let cpuAtLast: NodeJS.CpuUsage | undefined;
  const handle = async (event: TutorialEnvelope): Promise<void> => {
    if (first === 0) {
      first = Date.now();
      cpuAtFirst = process.cpuUsage();
    }
    const key = `${keyPrefix}tut:${event.customerId}`;
    await redis.hincrby(key, `count:${event.type}`, 1);
    await redis.hset(key, 'lastType', event.type);
    await redis.hset(key, 'lastEventAt', event.occurredAt);
    roundTrips += 3;
    if (event.type === 'order_placed') {
      await redis.hincrby(key, 'revenueMinor', Math.round(Number(event.properties?.amount ?? 0) * 100));
      roundTrips += 1;
    }
    seen += 1;
    last = Date.now();
    cpuAtLast = process.cpuUsage(cpuAtFirst);
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
  const cpuSeconds = cpuAtLast === undefined ? 0 : (cpuAtLast.user + cpuAtLast.system) / 1e6;
  const trips = roundTrips;
  await app.close();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix}tut:*`, 'COUNT', 5_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
  if (counted === 0) throw new Error('tutorial baseline processed nothing');
  return {
    messages: counted,
    seconds,
    rate: counted / seconds,
    roundTripsPerMessage: trips / counted,
    coreShare: cpuSeconds / seconds,
  };
}
