import type { Cluster, Redis } from 'ioredis';
import { EMITTED_FIELD, journeyKey, outboxField } from '../keys/journey-keys';
import { type KeyedCommand, pipelinePerNode } from '../pipeline/pipeline-per-node';
import {
  COMMIT_REPLY,
  MAX_OUTBOX_ENTRIES_PER_WRITE,
  defineJourneyCommands,
} from '../scripts/journey-commit.script';
import type { CommitOutcome, JourneyWrite, OutboxAck, StoredJourney } from './journey-state.types';
import type { JourneyStateRepositoryOptions } from './journey-state-repository.options';
import { decodeStoredJourney, encodeOutboxEntry } from './stored-journey.codec';

const DEFAULT_BATCH_TIMEOUT_MS = 10_000;

/**
 * Per-customer journey state in Redis: one hash per customer (see `journeyKey`), read in pipelined
 * batches and written with an atomic compare-and-set script that also fills the customer's outbox.
 *
 * Every batch method costs one round trip per Redis node. Errors (connection lost, timeouts, a
 * failed command) reject the whole batch and are never retried here: the caller retries the batch,
 * and the compare-and-set turns a write that already landed into a conflict instead of a double write.
 * A batch that has not settled within `batchTimeoutMs` fails with `RedisBatchTimeoutError`.
 */
export class JourneyStateRepository {
  private readonly batchTimeoutMs: number;

  /**
   * @param client a standalone or Cluster ioredis client, without ioredis's own `keyPrefix`.
   * @param keyPrefix prepended to every key, e.g. `pipeline:`; never contains a brace.
   */
  constructor(
    private readonly client: Redis | Cluster,
    private readonly keyPrefix: string,
    options: JourneyStateRepositoryOptions = {},
  ) {
    if (keyPrefix.includes('{') || keyPrefix.includes('}')) {
      throw new RangeError('the key prefix must not contain a brace: it would replace the hash tag');
    }
    this.batchTimeoutMs = options.batchTimeoutMs ?? DEFAULT_BATCH_TIMEOUT_MS;
    if (!(this.batchTimeoutMs > 0)) throw new RangeError('batchTimeoutMs must be positive');
    defineJourneyCommands(client);
  }

  /**
   * The stored journeys of the given customers, keyed by customer id. A customer with nothing stored
   * maps to version 0, data null and an empty outbox.
   */
  async loadMany(customerIds: readonly string[]): Promise<Map<string, StoredJourney>> {
    const unique = [...new Set(customerIds)];
    const keys = unique.map((customerId) => journeyKey(this.keyPrefix, customerId));
    const commands = keys.map((key): KeyedCommand => ({ key, queue: (pipeline) => pipeline.hgetall(key) }));
    const replies = await this.send(commands);
    return new Map(
      unique.map((customerId, position) => [
        customerId,
        decodeStoredJourney(keys[position], asFieldMap(keys[position], replies[position])),
      ]),
    );
  }

  /** One customer's stored journey, or undefined when nothing was ever stored for it. */
  async get(customerId: string): Promise<StoredJourney | undefined> {
    const key = journeyKey(this.keyPrefix, customerId);
    // Through the batch path too, for its cluster readiness wait and time limit.
    const [reply] = await this.send([{ key, queue: (pipeline) => pipeline.hgetall(key) }]);
    const fields = asFieldMap(key, reply);
    if (Object.keys(fields).length === 0) return undefined;
    return decodeStoredJourney(key, fields);
  }

  /**
   * Writes each state (and its outbox entries) only if the customer's version still equals
   * `expectedVersion`; outcomes come back in input order. Writes for the same customer in one batch
   * run in input order, so a second write expecting the same version reports a conflict.
   * @throws RangeError before sending anything when a write is malformed.
   */
  async commitMany(writes: readonly JourneyWrite[]): Promise<CommitOutcome[]> {
    const commands = writes.map((write) => this.commitCommand(write));
    const replies = await this.send(commands);
    return replies.map((reply, position) => toOutcome(writes[position].customerId, reply));
  }

  /** Forgets outbox entries that are durably in Kafka; unknown ids are ignored. */
  async ackOutbox(acks: readonly OutboxAck[]): Promise<void> {
    const commands = acks
      .filter((ack) => ack.ids.length > 0)
      .map((ack): KeyedCommand => {
        const key = journeyKey(this.keyPrefix, ack.customerId);
        const fields = ack.ids.map(outboxField);
        return { key, queue: (pipeline) => pipeline.hdel(key, ...fields) };
      });
    await this.send(commands);
  }

  private send(commands: readonly KeyedCommand[]): Promise<unknown[]> {
    return pipelinePerNode(this.client, commands, this.batchTimeoutMs);
  }

  private commitCommand(write: JourneyWrite): KeyedCommand {
    assertWrite(write);
    const key = journeyKey(this.keyPrefix, write.customerId);
    const nextVersion = write.expectedVersion + 1;
    const outboxArgs = write.outbox.flatMap((entry, position) => [
      outboxField(entry.id),
      encodeOutboxEntry(entry, nextVersion, position),
    ]);
    const emittedArgs = write.emitted === undefined ? [] : [EMITTED_FIELD, write.emitted];
    const expected = String(write.expectedVersion);
    return {
      key,
      queue: (pipeline) =>
        pipeline.journeyStoreCommit(key, expected, write.data, ...emittedArgs, ...outboxArgs),
    };
  }
}

function assertWrite(write: JourneyWrite): void {
  const { customerId, expectedVersion, outbox } = write;
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
    throw new RangeError(`expectedVersion of ${customerId} must be a non-negative integer`);
  }
  if (outbox.length > MAX_OUTBOX_ENTRIES_PER_WRITE) {
    throw new RangeError(
      `${customerId}: more than ${MAX_OUTBOX_ENTRIES_PER_WRITE} outbox entries in one write`,
    );
  }
  if (new Set(outbox.map((entry) => entry.id)).size !== outbox.length) {
    throw new RangeError(`${customerId}: outbox entry ids repeat within one write`);
  }
}

function asFieldMap(key: string, reply: unknown): Record<string, string> {
  if (typeof reply !== 'object' || reply === null || Array.isArray(reply)) {
    throw new TypeError(`HGETALL ${key} returned ${typeof reply}, not a field map`);
  }
  return reply as Record<string, string>;
}

function toOutcome(customerId: string, reply: unknown): CommitOutcome {
  if (!Array.isArray(reply) || reply.length !== 2 || !reply.every((part) => typeof part === 'number')) {
    throw new TypeError(`the commit script returned ${JSON.stringify(reply)} for ${customerId}`);
  }
  const [status, version] = reply as [number, number];
  if (status === COMMIT_REPLY.committed) return { customerId, status: 'committed', version };
  if (status === COMMIT_REPLY.conflict) return { customerId, status: 'conflict', version };
  if (status === COMMIT_REPLY.erased) return { customerId, status: 'erased', version };
  if (status === COMMIT_REPLY.linked) return { customerId, status: 'linked', version };
  throw new TypeError(`the commit script returned status ${status} for ${customerId}`);
}
