import { Logger } from '@nestjs/common';
import { Server, type CustomTransportStrategy, type MessageHandler } from '@nestjs/microservices';
import { PartitionAssigners, type Consumer, type ConsumerEvents, type Kafka } from 'kafkajs';
import { coPartitionedAssigner } from './co-partitioned.assigner';
import { createKafkaClient } from './kafka-client.factory';
import {
  resolveKafkaBatchServerOptions,
  type KafkaBatchServerOptions,
  type ResolvedKafkaBatchServerOptions,
} from './kafka-batch-server.options';
import { KafkaBatchProcessor } from './kafka-batch.processor';
import { topicName } from './topic-name';

/** What `KafkaBatchServer.status` emits. */
export type KafkaBatchServerStatus = 'connected' | 'disconnected' | 'rebalancing' | 'stopped' | 'crashed';

/** Consumer instrumentation events `KafkaBatchServer.on` forwards, e.g. 'consumer.group_join'. */
export type KafkaConsumerEventName = ConsumerEvents[keyof ConsumerEvents];

type KafkaBatchServerEvents = Record<KafkaConsumerEventName, (event: unknown) => void>;

/**
 * A NestJS transport strategy that consumes Kafka in batches. Each batch (the records fetched from
 * one partition) goes to the handler registered with `@EventPattern(<logical topic>)` as an
 * `InboundBatch`; the handler is awaited, then `lastOffset + 1` is committed. A failing handler gets
 * the same batch again, with backoff, until it succeeds; nothing is committed past it. `close()`
 * stops fetching, lets the batch in hand finish and commit, then leaves the group.
 *
 * @example
 * NestFactory.createMicroservice(AppModule, { strategy: new KafkaBatchServer(options) });
 */
export class KafkaBatchServer
  extends Server<KafkaBatchServerEvents, KafkaBatchServerStatus>
  implements CustomTransportStrategy
{
  protected override readonly logger = new Logger(KafkaBatchServer.name);
  private readonly options: ResolvedKafkaBatchServerOptions;
  private readonly client: Kafka;
  private readonly consumer: Consumer;
  private stopController = new AbortController();
  private closing: Promise<void> | null = null;
  private running = false;

  constructor(options: KafkaBatchServerOptions) {
    super();
    this.options = resolveKafkaBatchServerOptions(options);
    this.client = createKafkaClient(this.options.connection, new Logger(`Kafka ${this.options.groupId}`));
    this.consumer = this.client.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeout,
      heartbeatInterval: this.options.heartbeatInterval,
      maxBytesPerPartition: this.options.maxBytesPerPartition,
      maxBytes: this.options.maxBytes,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs,
      // Topics are created deliberately (ensureTopics), never by a consumer's typo.
      allowAutoTopicCreation: false,
      // A customer's partitions of every subscribed topic on one member; round-robin while a group
      // still has members that know nothing else.
      partitionAssigners: [coPartitionedAssigner, PartitionAssigners.roundRobin],
    });
    this.trackStatus();
  }

  /** The consumer group id, exactly as configured (no suffix). */
  get consumerGroupId(): string {
    return this.options.groupId;
  }

  /** Physical names of the subscribed topics. */
  get subscribedTopics(): readonly string[] {
    return this.options.topics.map((topic) => topicName(this.options.topicPrefix, topic));
  }

  /** Connects, joins the group and starts consuming; Nest calls it from `app.listen()`. */
  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
    } catch (error) {
      // A half-started consumer (connected, not subscribed) would keep the process alive.
      await this.consumer.disconnect().catch(() => undefined);
      callback(error);
      return;
    }
    callback();
  }

  /**
   * Stops fetching, waits for the batch in hand (its handler and its commit), leaves the group and
   * disconnects. Safe to call more than once; Nest calls it from `app.close()` and shutdown hooks.
   */
  async close(): Promise<void> {
    this.closing ??= this.stop();
    await this.closing;
  }

  /** Stops fetching from every subscribed topic; the batch in hand still completes. */
  pause(): void {
    this.assertRunning('pause');
    this.consumer.pause(this.subscribedTopics.map((topic) => ({ topic })));
  }

  /** Resumes fetching from every subscribed topic. */
  resume(): void {
    this.assertRunning('resume');
    this.consumer.resume(this.subscribedTopics.map((topic) => ({ topic })));
  }

  /**
   * Listens to a kafkajs consumer instrumentation event (`consumer.events`), e.g. to watch
   * rebalances. Returns a function that removes the listener.
   */
  on<EventKey extends keyof KafkaBatchServerEvents>(
    event: EventKey,
    callback: KafkaBatchServerEvents[EventKey],
  ): () => void {
    return this.consumer.on(event, callback);
  }

  /** `[kafka client, consumer]`: escape hatch for diagnostics, not for consuming. */
  unwrap<T>(): T {
    return [this.client, this.consumer] as unknown as T;
  }

  private async start(): Promise<void> {
    if (this.running) return;
    this.closing = null;
    this.stopController = new AbortController();
    this.warnAboutTopicsWithoutHandler();
    const processor = new KafkaBatchProcessor({
      topicPrefix: this.options.topicPrefix,
      retryBackoff: this.options.retryBackoff,
      heartbeatIntervalMs: this.options.heartbeatInterval,
      logger: this.logger,
      stopSignal: this.stopController.signal,
      findHandler: (topic) => this.findHandler(topic),
    });
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.subscribedTopics],
      fromBeginning: this.options.fromBeginning,
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently,
      eachBatch: (payload) =>
        this.options.gatherBatches ? processor.gather(payload) : processor.process(payload),
    });
    this.running = true;
    this.logger.log(`consuming ${this.subscribedTopics.join(', ')} as group "${this.options.groupId}"`);
  }

  private async stop(): Promise<void> {
    this.stopController.abort();
    // disconnect() = stop() (kafkajs waits for the batch in hand) + leave the group + close sockets.
    await this.consumer.disconnect();
    this.running = false;
  }

  private findHandler(topic: string): MessageHandler | null {
    return this.getHandlerByPattern(topic);
  }

  private warnAboutTopicsWithoutHandler(): void {
    for (const topic of this.options.topics) {
      if (!this.findHandler(topic)) {
        this.logger.warn(`no @EventPattern('${topic}') handler: its batches will wait, uncommitted`);
      }
    }
  }

  private assertRunning(operation: string): void {
    if (!this.running) throw new Error(`KafkaBatchServer.${operation}() needs a listening server`);
  }

  private trackStatus(): void {
    const { events } = this.consumer;
    this.consumer.on(events.CONNECT, () => this._status$.next('connected'));
    this.consumer.on(events.DISCONNECT, () => this._status$.next('disconnected'));
    this.consumer.on(events.REBALANCING, () => this._status$.next('rebalancing'));
    this.consumer.on(events.GROUP_JOIN, () => this._status$.next('connected'));
    this.consumer.on(events.STOP, () => this._status$.next('stopped'));
    this.consumer.on(events.CRASH, (event) => {
      this._status$.next('crashed');
      const { error, restart } = event.payload;
      this.logger.error(
        `consumer crashed (${restart ? 'restarting' : 'not restarting'}): ${error.message}`,
        error.stack,
      );
    });
  }
}
