import { Controller, Inject, Module, type DynamicModule, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, Payload } from '@nestjs/microservices';
import { concat, defer, EMPTY, isObservable, type Observable } from 'rxjs';
import { GATHER_GROUP, type InboundBatch, type KafkaBatchServer } from '@pipeline/kafka';

/** Logical topics the recording controller handles. */
export const TOPICS = {
  orders: 'kafka-e2e.orders.v1',
  first: 'kafka-e2e.first.v1',
  second: 'kafka-e2e.second.v1',
  /** Subscribed in one test but deliberately without a handler. */
  orphan: 'kafka-e2e.orphan.v1',
} as const;

/** What a handler saw of one delivery of a batch. */
export interface RecordedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly offsets: readonly string[];
  readonly values: readonly string[];
  readonly firstOffset: string;
  readonly lastOffset: string;
}

type Behaviour = (batch: InboundBatch, attempt: number) => Promise<void> | Observable<void>;

function recordOf(batch: InboundBatch): RecordedBatch {
  return {
    topic: batch.topic,
    partition: batch.partition,
    offsets: batch.messages.map((message) => message.offset),
    values: batch.messages.map((message) => message.value?.toString('utf8') ?? ''),
    firstOffset: batch.firstOffset,
    lastOffset: batch.lastOffset,
  };
}

/**
 * Records every delivery (`attempts`) and every successful one (`completed`), batch by batch, and
 * every handler call (`calls`): one batch, or all the batches a gathering server handed over at once.
 */
export class BatchRecorder {
  readonly attempts: RecordedBatch[] = [];
  readonly completed: RecordedBatch[] = [];
  readonly calls: RecordedBatch[][] = [];
  /** Called once per handler call with its first batch and the call's number (1, 2, ...). */
  behaviour: Behaviour = () => Promise.resolve();

  handle(payload: InboundBatch | readonly InboundBatch[]): Promise<void> | Observable<void> {
    const batches: readonly InboundBatch[] = isBatchList(payload) ? payload : [payload];
    const records = batches.map(recordOf);
    this.attempts.push(...records);
    this.calls.push(records);
    const [first] = batches;
    if (first === undefined) throw new Error('a handler call without a batch');
    const outcome = this.behaviour(first, this.calls.length);
    const complete = () => {
      this.completed.push(...records);
    };
    if (isObservable(outcome))
      return concat(
        outcome,
        defer(() => (complete(), EMPTY)),
      );
    return outcome.then(complete);
  }

  valuesOf(topic: string, partition?: number): string[] {
    return this.completed
      .filter((batch) => batch.topic === topic && (partition === undefined || batch.partition === partition))
      .flatMap((batch) => batch.values);
  }
}

function isBatchList(payload: InboundBatch | readonly InboundBatch[]): payload is readonly InboundBatch[] {
  return Array.isArray(payload);
}

const RECORDER = Symbol('RECORDER');

@Controller()
class RecordingController {
  constructor(@Inject(RECORDER) private readonly recorder: BatchRecorder) {}

  @EventPattern(TOPICS.orders)
  onOrders(@Payload() batch: InboundBatch): Promise<void> | Observable<void> {
    return this.recorder.handle(batch);
  }

  /** One batch, or (on a server with `gatherBatches`) every batch of both topics fetched together. */
  @EventPattern([TOPICS.first, TOPICS.second], { [GATHER_GROUP]: 'first-and-second' })
  onFirstOrSecond(
    @Payload() batch: InboundBatch | readonly InboundBatch[],
  ): Promise<void> | Observable<void> {
    return this.recorder.handle(batch);
  }
}

@Module({})
class RecordingModule {
  static with(recorder: BatchRecorder): DynamicModule {
    return {
      module: RecordingModule,
      controllers: [RecordingController],
      providers: [{ provide: RECORDER, useValue: recorder }],
    };
  }
}

export interface RunningBatchApp {
  readonly app: INestMicroservice;
  readonly server: KafkaBatchServer;
}

/**
 * A Nest microservice on `server` whose handlers feed `recorder`; listening on return. Takes a built
 * server so a test can attach consumer event listeners before it joins the group.
 */
export async function startBatchApp(
  recorder: BatchRecorder,
  server: KafkaBatchServer,
): Promise<RunningBatchApp> {
  const app = await NestFactory.createMicroservice(RecordingModule.with(recorder), {
    strategy: server,
    logger: ['error', 'warn'],
  });
  await app.listen();
  return { app, server };
}
