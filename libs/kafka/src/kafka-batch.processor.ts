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

/**
 * Runs one kafkajs batch to completion: calls the Nest handler until it succeeds (transient failures
 * are retried with capped exponential backoff, heartbeating meanwhile), then commits the offset after
 * the batch. It gives up, committing nothing, only when the consumer stops, the batch goes stale or
 * the group generation is lost; the batch is then delivered again.
 */
export class KafkaBatchProcessor {
  private readonly topicsWithoutHandler = new Set<string>();

  constructor(private readonly deps: KafkaBatchProcessorDeps) {}

  async process(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const topic = logicalTopic(this.deps.topicPrefix, batch.topic) ?? batch.topic;
    const lost: { error: Error | null } = { error: null };
    const inbound: InboundBatch = {
      topic,
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
    };

    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.invoke(inbound);
        break;
      } catch (error) {
        if (lost.error) throw lost.error;
        if (isAssignmentLost(error)) throw error;
        this.logFailure(inbound, attempt, error);
        if (this.mustAbandon(payload)) return this.logAbandoned(inbound);
        await this.backoff(retryDelayMs(attempt, this.deps.retryBackoff), payload);
        if (this.mustAbandon(payload)) return this.logAbandoned(inbound);
      }
    }
    await this.commit(payload, inbound);
  }

  private async invoke(inbound: InboundBatch): Promise<void> {
    const handler = this.deps.findHandler(inbound.topic);
    if (!handler) throw new NoHandlerError(inbound.topic);
    await invokeNestHandler(handler, inbound, new KafkaBatchContext([inbound]));
  }

  private async commit(payload: EachBatchPayload, inbound: InboundBatch): Promise<void> {
    const { batch } = payload;
    // batch.lastOffset() also covers trailing control records the handler never sees.
    const next = (BigInt(batch.lastOffset()) + 1n).toString();
    const offsets: Offsets = {
      topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
    };
    for (let attempt = 1; ; attempt += 1) {
      try {
        // Not consumer.commitOffsets(): kafkajs makes that a silent no-op once stop() has begun,
        // which would lose the commit of the batch a graceful shutdown waits for.
        await payload.commitOffsetsIfNecessary(offsets);
        payload.resolveOffset(batch.lastOffset());
        return;
      } catch (error) {
        if (isAssignmentLost(error)) throw error;
        const stopping = !payload.isRunning();
        if (payload.isStale() || (stopping && attempt >= COMMIT_ATTEMPTS_WHILE_STOPPING)) {
          this.deps.logger.error(
            `${describeBatch(inbound)}: commit of offset ${next} failed, left uncommitted ` +
              `(it will be delivered again): ${errorText(error)}`,
          );
          return;
        }
        this.deps.logger.warn(
          `${describeBatch(inbound)}: commit of offset ${next} failed (attempt ${attempt}), ` +
            `retrying: ${errorText(error)}`,
        );
        if (stopping) await sleep(COMMIT_RETRY_DELAY_WHILE_STOPPING_MS);
        else await this.backoff(retryDelayMs(attempt, this.deps.retryBackoff), payload);
      }
    }
  }

  /** Sleeps `ms`, heartbeating at least every heartbeat interval; returns early when abandoning. */
  private async backoff(ms: number, payload: EachBatchPayload): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.mustAbandon(payload)) {
      await this.heartbeat(payload);
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

  private mustAbandon(payload: EachBatchPayload): boolean {
    return !payload.isRunning() || payload.isStale() || this.deps.stopSignal.aborted;
  }

  private logFailure(inbound: InboundBatch, attempt: number, error: unknown): void {
    if (error instanceof NoHandlerError) {
      // Once per topic: it stays true until the app is redeployed with a handler.
      if (this.topicsWithoutHandler.has(inbound.topic)) return;
      this.topicsWithoutHandler.add(inbound.topic);
      this.deps.logger.error(`${describeBatch(inbound)}: ${error.message}; retrying, not committing`);
      return;
    }
    // Nest's exception filter has already logged the original error with its stack; our wrapper's
    // stack would only point back here.
    const stack = error instanceof Error && !(error instanceof KafkaHandlerError) ? error.stack : undefined;
    this.deps.logger.error(
      `${describeBatch(inbound)}: handler failed (attempt ${attempt}), retrying: ${errorText(error)}`,
      stack,
    );
  }

  private logAbandoned(inbound: InboundBatch): void {
    this.deps.logger.warn(
      `${describeBatch(inbound)}: consumer stopping or batch stale; left uncommitted for redelivery`,
    );
  }
}

function describeBatch({ topic, partition, firstOffset, lastOffset }: InboundBatch): string {
  return `${topic}[${partition}] offsets ${firstOffset}..${lastOffset}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
