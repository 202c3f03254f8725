import type { LoggerService } from '@nestjs/common';
import type { MessageHandler } from '@nestjs/microservices';
import type { EachBatchPayload, Offsets } from 'kafkajs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAssignmentLost } from './assignment-lost';
import type { InboundBatch } from './inbound-batch';
import { toInboundMessage } from './inbound-message.mapper';
import { KafkaBatchContext } from './kafka-batch.context';
import { KafkaHandlerError } from './kafka-handler.error';
import { invokeNestHandler } from './nest-handler-invocation';
import { retryDelayMs, type RetryBackoffOptions } from './retry-backoff';
import { gatherGroupOf } from './gather-group';
import { logicalTopic } from './topic-name';

// While the consumer stops, a failed commit is retried a few times only: shutdown must finish, and
// an uncommitted batch is merely delivered again.
const COMMIT_ATTEMPTS_WHILE_STOPPING = 3;
const COMMIT_RETRY_DELAY_WHILE_STOPPING_MS = 250;

/** What a `KafkaBatchProcessor` needs from its server. */
export interface KafkaBatchProcessorDeps {
  readonly topicPrefix: string;
  readonly retryBackoff: RetryBackoffOptions;
  readonly heartbeatIntervalMs: number;
  readonly logger: LoggerService;
  /** Aborted when the server starts closing, to cut a backoff sleep short. */
  readonly stopSignal: AbortSignal;
  findHandler(logicalTopic: string): MessageHandler | null;
}

class NoHandlerError extends Error {
  constructor(topic: string) {
    super(`no @EventPattern handler for topic "${topic}"`);
    this.name = NoHandlerError.name;
  }
}

/** One eachBatch call waiting to be gathered with the others of its fetch. */
interface GatheredCall {
  readonly payload: EachBatchPayload;
  resolve(): void;
  reject(error: unknown): void;
}

/** What gathered batches are grouped by: a gather group, a handler, or the topic that has none. */
type HandlerKey = MessageHandler | string;

/** The batches handled and committed together: one, or a gathered group for one handler. */
interface WorkUnit {
  readonly payloads: readonly EachBatchPayload[];
  readonly inbound: readonly InboundBatch[];
  /** Set when a heartbeat reported that this member lost its partitions. */
  readonly lost: { error: Error | null };
  /** Per payload: the offset from which its records were deferred by the handler, if any. */
  readonly deferred: Array<string | null>;
}

/**
 * Runs kafkajs batches to completion: calls the Nest handler until it succeeds (transient failures
 * are retried with capped exponential backoff, heartbeating meanwhile), then commits the offset after
 * each batch. It gives up, committing nothing, only when the consumer stops, a batch goes stale or
 * the group generation is lost; the batches are then delivered again.
 *
 * `process` handles one batch per call. `gather` collects the calls kafkajs makes together (the
 * partitions of one fetch handed to concurrent workers arrive within a macrotask or two), groups
 * them by handler and runs each group as one unit: one handler call with every batch, one offset
 * commit for all of them. A handler runs one unit at a time; calls arriving meanwhile form the next.
 */
export class KafkaBatchProcessor {
  private readonly topicsWithoutHandler = new Set<string>();
  private gathering: GatheredCall[] = [];
  /** Handlers with a gathered unit running, and the calls that arrived meanwhile. */
  private readonly waitingByHandler = new Map<HandlerKey, GatheredCall[]>();

  constructor(private readonly deps: KafkaBatchProcessorDeps) {}

  /** One partition's batch, handed to its handler as an `InboundBatch`. */
  async process(payload: EachBatchPayload): Promise<void> {
    await this.run(this.unit([payload]), false);
  }

  /** One partition's batch, handed to its handler with the others gathered beside it. */
  gather(payload: EachBatchPayload): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.gathering.push({ payload, resolve, reject });
      if (this.gathering.length === 1) setImmediate(() => this.flushGathered());
    });
  }

  private flushGathered(): void {
    const calls = this.gathering;
    this.gathering = [];
    for (const [key, group] of this.groupByHandler(calls)) {
      const waiting = this.waitingByHandler.get(key);
      // One unit per handler at a time: batches arriving while it runs join the next unit, so two
      // units never race over the same keys (and it grows the next unit instead of adding one).
      if (waiting) waiting.push(...group);
      else this.runGathered(key, group);
    }
  }

  private runGathered(key: HandlerKey, group: readonly GatheredCall[]): void {
    this.waitingByHandler.set(key, []);
    this.run(this.unit(group.map((call) => call.payload)), true)
      .then(
        () => group.forEach((call) => call.resolve()),
        (error: unknown) => group.forEach((call) => call.reject(error)),
      )
      .finally(() => {
        const next = this.waitingByHandler.get(key) ?? [];
        this.waitingByHandler.delete(key);
        if (next.length > 0) this.runGathered(key, next);
      });
  }

  /**
   * Calls that share a gather group (or, without one, a handler) form one group; topics without a
   * handler stay apart, per topic.
   */
  private groupByHandler(calls: readonly GatheredCall[]): Map<HandlerKey, GatheredCall[]> {
    const groups = new Map<HandlerKey, GatheredCall[]>();
    for (const call of calls) {
      const topic = this.logicalTopicOf(call.payload);
      const handler = this.deps.findHandler(topic);
      const key = handler === null ? `no handler: ${topic}` : (gatherGroupOf(handler) ?? handler);
      const group = groups.get(key);
      if (group) group.push(call);
      else groups.set(key, [call]);
    }
    return groups;
  }

  private logicalTopicOf(payload: EachBatchPayload): string {
    return logicalTopic(this.deps.topicPrefix, payload.batch.topic) ?? payload.batch.topic;
  }

  private unit(payloads: readonly EachBatchPayload[]): WorkUnit {
    const lost: { error: Error | null } = { error: null };
    const deferred: Array<string | null> = payloads.map(() => null);
    const inbound = payloads.map((payload, index): InboundBatch => {
      const { batch } = payload;
      return {
        topic: this.logicalTopicOf(payload),
        partition: batch.partition,
        messages: batch.messages.map(toInboundMessage),
        firstOffset: batch.messages[0]?.offset ?? batch.firstOffset() ?? batch.lastOffset(),
        lastOffset: batch.messages[batch.messages.length - 1]?.offset ?? batch.lastOffset(),
        highWatermark: batch.highWatermark,
        heartbeat: async () => {
          try {
            await payload.heartbeat();
          } catch (error) {
            // Nest's exception filter hides the error's type from us if the handler rethrows it.
            if (isAssignmentLost(error) && error instanceof Error) lost.error = error;
            throw error;
          }
        },
        isStale: () => payload.isStale(),
        deferFrom: (offset: string) => {
          if (!batch.messages.some((message) => message.offset === offset)) {
            throw new RangeError(
              `${batch.topic}[${batch.partition}]: ${offset} is not an offset of the batch`,
            );
          }
          deferred[index] = offset;
        },
      };
    });
    return { payloads, inbound, lost, deferred };
  }

  private async run(unit: WorkUnit, gathered: boolean): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.invoke(unit.inbound, gathered);
        break;
      } catch (error) {
        if (unit.lost.error) throw unit.lost.error;
        if (isAssignmentLost(error)) throw error;
        this.logFailure(unit.inbound, attempt, error);
        if (this.mustAbandon(unit.payloads)) return this.logAbandoned(unit.inbound);
        await this.backoff(retryDelayMs(attempt, this.deps.retryBackoff), unit.payloads);
        if (this.mustAbandon(unit.payloads)) return this.logAbandoned(unit.inbound);
      }
    }
    await this.commit(unit);
  }

  private async invoke(inbound: readonly InboundBatch[], gathered: boolean): Promise<void> {
    const [first] = inbound;
    if (first === undefined) return;
    const handler = this.deps.findHandler(first.topic);
    if (!handler) throw new NoHandlerError(first.topic);
    await invokeNestHandler(handler, gathered ? inbound : first, new KafkaBatchContext([...inbound]));
  }

  private async commit(unit: WorkUnit): Promise<void> {
    const [first] = unit.payloads;
    if (first === undefined) return;
    // batch.lastOffset() also covers trailing control records the handler never sees.
    const offsets = commitOffsetsOf(unit.payloads, unit.deferred);
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Not consumer.commitOffsets(): kafkajs makes that a silent no-op once stop() has begun,
        // which would lose the commit of the batch a graceful shutdown waits for. Any payload's
        // commit sends every partition given, in one OffsetCommit request.
        await first.commitOffsetsIfNecessary(offsets);
        unit.payloads.forEach((payload, index) => {
          const deferred = unit.deferred[index];
          // kafkajs fetches each partition again from its resolved offset: deferred records come back.
          payload.resolveOffset(
            deferred == null ? payload.batch.lastOffset() : (BigInt(deferred) - 1n).toString(),
          );
        });
        return;
      } catch (error) {
        if (isAssignmentLost(error)) throw error;
        const stopping = !first.isRunning();
        const stale = unit.payloads.some((payload) => payload.isStale());
        if (stale || (stopping && attempt >= COMMIT_ATTEMPTS_WHILE_STOPPING)) {
          this.deps.logger.error(
            `${describeBatches(unit.inbound)}: offset commit failed, left uncommitted ` +
              `(it will be delivered again): ${errorText(error)}`,
          );
          return;
        }
        this.deps.logger.warn(
          `${describeBatches(unit.inbound)}: offset commit failed (attempt ${attempt}), ` +
            `retrying: ${errorText(error)}`,
        );
        if (stopping) await sleep(COMMIT_RETRY_DELAY_WHILE_STOPPING_MS);
        else await this.backoff(retryDelayMs(attempt, this.deps.retryBackoff), unit.payloads);
      }
    }
  }

  /** Sleeps `ms`, heartbeating at least every heartbeat interval; returns early when abandoning. */
  private async backoff(ms: number, payloads: readonly EachBatchPayload[]): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.mustAbandon(payloads)) {
      // One member, one session: the first batch's heartbeat keeps the whole unit alive.
      const [first] = payloads;
      if (first) await this.heartbeat(first);
      const remaining = deadline - Date.now();
      if (remaining <= 0) return;
      try {
        await sleep(Math.min(remaining, this.deps.heartbeatIntervalMs), undefined, {
          signal: this.deps.stopSignal,
        });
      } catch {
        return; // aborted: the server is closing
      }
    }
  }

  private async heartbeat(payload: EachBatchPayload): Promise<void> {
    try {
      await payload.heartbeat();
    } catch (error) {
      if (isAssignmentLost(error)) throw error;
      // A broker hiccup: keep retrying; a lost session shows up as a lost assignment later.
      this.deps.logger.warn(`heartbeat failed: ${errorText(error)}`);
    }
  }

  /** A stale batch (seek or lost partition) abandons its whole unit: all of it is delivered again. */
  private mustAbandon(payloads: readonly EachBatchPayload[]): boolean {
    if (this.deps.stopSignal.aborted) return true;
    return payloads.some((payload) => !payload.isRunning() || payload.isStale());
  }

  private logFailure(inbound: readonly InboundBatch[], attempt: number, error: unknown): void {
    if (error instanceof NoHandlerError) {
      // Once per topic: it stays true until the app is redeployed with a handler.
      const topic = inbound[0]?.topic ?? '';
      if (this.topicsWithoutHandler.has(topic)) return;
      this.topicsWithoutHandler.add(topic);
      this.deps.logger.error(`${describeBatches(inbound)}: ${error.message}; retrying, not committing`);
      return;
    }
    // Nest's exception filter has already logged the original error with its stack; our wrapper's
    // stack would only point back here.
    const stack = error instanceof Error && !(error instanceof KafkaHandlerError) ? error.stack : undefined;
    this.deps.logger.error(
      `${describeBatches(inbound)}: handler failed (attempt ${attempt}), retrying: ${errorText(error)}`,
      stack,
    );
  }

  private logAbandoned(inbound: readonly InboundBatch[]): void {
    this.deps.logger.warn(
      `${describeBatches(inbound)}: consumer stopping or batch stale; left uncommitted for redelivery`,
    );
  }
}

/**
 * The offsets after each batch (or its first deferred record), grouped by topic as an OffsetCommit
 * request wants them.
 */
function commitOffsetsOf(
  payloads: readonly EachBatchPayload[],
  deferred: ReadonlyArray<string | null>,
): Offsets {
  const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
  payloads.forEach(({ batch }, index) => {
    const partitions = byTopic.get(batch.topic) ?? [];
    const offset = deferred[index] ?? (BigInt(batch.lastOffset()) + 1n).toString();
    partitions.push({ partition: batch.partition, offset });
    byTopic.set(batch.topic, partitions);
  });
  return { topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) };
}

const DESCRIBED_BATCHES = 4;

function describeBatches(inbound: readonly InboundBatch[]): string {
  const shown = inbound
    .slice(0, DESCRIBED_BATCHES)
    .map(
      ({ topic, partition, firstOffset, lastOffset }) =>
        `${topic}[${partition}] offsets ${firstOffset}..${lastOffset}`,
    );
  const more = inbound.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more batches` : shown.join(', ');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
