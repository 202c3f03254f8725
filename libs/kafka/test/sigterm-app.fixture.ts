// A separate process for the SIGTERM test: a microservice on KafkaBatchServer plus KafkaModule whose
// handler works for SLOW_MS and then publishes one derived record. It writes `handling <offsets>`
// to stdout when a batch starts and exits through Nest's shutdown hooks on SIGTERM.
import 'reflect-metadata';
import { Controller, Inject, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { setTimeout as sleep } from 'node:timers/promises';
import { KafkaBatchServer, KafkaModule, KafkaPublisher, type InboundBatch } from '../src';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

const brokers = required('KAFKA_BROKERS').split(',');
const prefix = required('SIGTERM_TOPIC_PREFIX');
const groupId = required('SIGTERM_GROUP_ID');
const slowMs = Number(required('SIGTERM_SLOW_MS'));
const INPUT = 'kafka-e2e.sigterm-in.v1';
const OUTPUT = 'kafka-e2e.sigterm-out.v1';

@Controller()
class SlowController {
  constructor(@Inject(KafkaPublisher) private readonly publisher: KafkaPublisher) {}

  @EventPattern(INPUT)
  async handle(@Payload() batch: InboundBatch): Promise<void> {
    process.stdout.write(`handling ${batch.firstOffset}..${batch.lastOffset}\n`);
    for (let waited = 0; waited < slowMs; waited += 250) {
      await sleep(250);
      await batch.heartbeat();
    }
    await this.publisher.publish([{ topic: OUTPUT, key: 'k', value: `done ${batch.lastOffset}` }]);
    process.stdout.write(`handled ${batch.lastOffset}\n`);
  }
}

@Module({
  imports: [KafkaModule.forRoot({ connection: { brokers, clientId: 'sigterm-app' }, topicPrefix: prefix })],
  controllers: [SlowController],
})
class SlowModule {}

async function main(): Promise<void> {
  const app = await NestFactory.createMicroservice(SlowModule, {
    strategy: new KafkaBatchServer({
      connection: { brokers, clientId: 'sigterm-app' },
      groupId,
      topics: [INPUT],
      topicPrefix: prefix,
      fromBeginning: true,
      maxWaitTimeInMs: 200,
    }),
    logger: ['error', 'warn'],
  });
  app.enableShutdownHooks();
  await app.listen();
  process.stdout.write('listening\n');
}

main().catch((error: unknown) => {
  new Logger('sigterm-app').error(error);
  process.exit(1);
});
