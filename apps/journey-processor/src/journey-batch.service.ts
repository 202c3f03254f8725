import { DEAD_LETTER_HEADERS, JourneyEvent } from '@pipeline/contracts';
import {
  Delivery,
  EmittedOutputs,
  JourneyState,
  applyEvent,
  deriveOutputs,
  isAlreadyApplied,
  parseEmittedOutputs,
  readJourneyState,
} from '@pipeline/journey-domain';
import { InboundBatch, KafkaPublisher, OutboundMessage } from '@pipeline/kafka';
import { BatchMeasurement, PipelineMetrics, PublishedDerivedEvent } from '@pipeline/observability';
import {
  indexChangesFor,
  JourneyIndexRepository,
  JourneyIndexUpdate,
  JourneyStateRepository,
  JourneyWrite,
  OutboxEntry,
  StoredJourney,
} from '@pipeline/redis-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BatchOutcome, DROPPED_ERASED } from './batch-outcome';
import { ClvModelCache } from './clv-model.cache';
import { deadLetterMessage } from './dead-letter.message';
import { derivedOutboxEntries } from '@pipeline/redis-store';
import { admitMessage } from './message-admission';
import { PendingOutbox } from './pending-outbox';
import { PROCESSOR_SETTINGS, ProcessorSettings } from './processor-settings';
import { LinkedJourneyLoader } from './routing/linked-journey.loader';
import { stageChangedEntry } from './stage-changed.factory';

interface Admitted {
  readonly event: JourneyEvent;
  readonly delivery: Delivery;
  /**
   * Position among the batches handled together (batch by batch, offset order within each): a
   * customer's events, whichever ids and partitions they came from, are folded in this order.
   */
  readonly position: number;
  /** The broker's timestamp of the record, for the append-to-derived latency metric. */
  readonly appendedAt: number;
}

/** A customer's journey as the unit leaves it, and the stored version it is (or will be) in. */
interface Final {
  readonly state: JourneyState;
  readonly emitted: EmittedOutputs;
  readonly version: number;
}

const EMPTY: StoredJourney = { version: 0, data: null, emitted: null, outbox: [] };

/**
 * Applies the batches of stage events fetched together (one per partition, several topics) to the
 * customers' journeys, as one unit: a customer's events from every topic are folded in one pass and
 * every store is reached once per unit, not once per partition.
 *
 * Order of effects, chosen so a crash at any point loses and doubles nothing:
 * 1. validate every message; rejects become dead letters (published in step 3);
 * 2. per customer, load the state, fold the events in (the domain dedupes redeliveries and producer
 *    duplicates), and write state + derived events into the customer's outbox with one
 *    compare-and-set script, pipelined across the batch;
 * 3. publish dead letters and every outbox entry of the touched customers (new or left over from a
 *    crash) in one idempotent send, acknowledged by the broker; meanwhile, update the population
 *    indexes from the committed journeys (idempotent ZADD / ZREM);
 * 4. drop the published outbox entries. Only then does the transport commit the offsets.
 * A redelivered batch after a crash finds its events already applied and re-publishes whatever the
 * outbox still holds; derived events carry deterministic ids so downstream dedupes the rare repeat.
 *
 * Links and erasures: events sent under an id linked to a customer (an anonymous id after identify)
 * are folded into that customer's journey, their customerId rewritten and their offsets tracked under
 * the id they came from; events of an erased customer are dropped and counted, not dead-lettered. The
 * compare-and-set script refuses to write over a link or a tombstone, so a batch that read a journey
 * just before it was linked or erased reloads (and reroutes) or drops, never writes it back.
 */
@Injectable()
export class JourneyBatchService {
  private readonly logger = new Logger(JourneyBatchService.name);

  constructor(
    private readonly repository: JourneyStateRepository,
    private readonly links: LinkedJourneyLoader,
    private readonly indexes: JourneyIndexRepository,
    private readonly models: ClvModelCache,
    private readonly publisher: KafkaPublisher,
    @Inject(PROCESSOR_SETTINGS) private readonly settings: ProcessorSettings,
    private readonly metrics: PipelineMetrics,
  ) {}

  async process(batches: readonly InboundBatch[], now: () => Date = () => new Date()): Promise<BatchOutcome> {
    const measurements = batches.map((batch) =>
      this.metrics.batchStarted(batch.topic, batch.messages.length),
    );
    return this.metrics.countingFailures(measurements, () =>
      this.processMeasured(batches, measurements, now),
    );
  }

  private async processMeasured(
    batches: readonly InboundBatch[],
    measurements: readonly BatchMeasurement[],
    now: () => Date,
  ): Promise<BatchOutcome> {
    const { admitted, deadLetters } = this.admit(batches, now());
    const model = await this.models.current();
    const finals = new Map<string, Final>();
    const folded = new Map<string, readonly Admitted[]>();
    const outbox = new PendingOutbox();
    let applied = 0;
    let duplicates = 0;
    let dropped = 0;

    let pending = groupByCustomer(admitted);
    for (let attempt = 1; pending.size > 0; attempt += 1) {
      if (attempt > this.settings.maxCommitAttempts) {
        throw new Error(`${pending.size} customers still conflicting after ${attempt - 1} attempts`);
      }
      const routed = await this.route(pending);
      dropped += routed.dropped;
      duplicates += routed.duplicates;
      // Entries left over from an earlier attempt go out too; an erased id's never do.
      for (const [id, stored] of routed.journeys)
        if (stored.erasedAt === undefined) outbox.add(id, stored.outbox);
      const writes: JourneyWrite[] = [];
      const counts = new Map<string, { applied: number; duplicates: number }>();
      for (const [customerId, items] of routed.targets) {
        const current = routed.journeys.get(customerId) ?? EMPTY;
        const result = this.fold(customerId, current, items, now().getTime(), model);
        counts.set(customerId, result);
        folded.set(customerId, items);
        if (result.final) finals.set(customerId, result.final);
        if (result.write) writes.push(result.write);
      }
      const outcomes = await this.metrics.timeRedisCommit(() => this.repository.commitMany(writes));
      const retry = new Map<string, Admitted[]>();
      outcomes.forEach((outcome, position) => {
        const { customerId } = outcome;
        if (outcome.status === 'committed') {
          outbox.add(customerId, writes[position]?.outbox ?? []);
          const final = finals.get(customerId);
          if (final) finals.set(customerId, { ...final, version: outcome.version });
          return;
        }
        finals.delete(customerId);
        folded.delete(customerId);
        counts.delete(customerId);
        const items = routed.targets.get(customerId) ?? [];
        if (outcome.status === 'erased') {
          dropped += items.length;
          outbox.drop(customerId);
        } else {
          // A concurrent write, or the id was linked meanwhile: reload, and reroute if linked.
          retry.set(customerId, items);
        }
      });
      for (const tally of counts.values()) {
        applied += tally.applied;
        duplicates += tally.duplicates;
      }
      pending = retry;
      if (pending.size > 0) this.logger.debug(`retrying ${pending.size} customers after a concurrent write`);
      await batches[0]?.heartbeat();
    }

    const entries = outbox.entries();
    const updates: JourneyIndexUpdate[] = [];
    for (const [customerId, { state, emitted, version }] of finals) {
      const events = (folded.get(customerId) ?? []).map((item) => item.event);
      updates.push({ customerId, version, changes: indexChangesFor(customerId, state, emitted, events) });
    }
    // The indexes follow the committed journeys, not the published events: they are written while the
    // broker acknowledges. Both are idempotent, so a failure of either simply retries the unit.
    await settleAll([
      this.publisher
        .publish([...deadLetters.flat(), ...outbox.messages()])
        .then(() =>
          this.metrics.derivedPublished(entries.map((entry) => publishedDerivedEvent(entry, folded))),
        ),
      this.indexes.apply(updates),
    ]);
    await this.repository.ackOutbox(outbox.acks());
    // Dropped events are counted under the first topic: they are rare and the counter is per process.
    this.metrics.eventsDropped(batches[0]?.topic ?? '', DROPPED_ERASED, dropped);
    measurements.forEach((measurement, i) =>
      measurement.completed((deadLetters[i] ?? []).map(deadLetterReason)),
    );
    const deadLettered = deadLetters.reduce((sum, letters) => sum + letters.length, 0);
    return { applied, duplicates, deadLettered, derived: entries.length, dropped };
  }

  /** Parses every message; `deadLetters[i]` holds the rejects of `batches[i]`. */
  private admit(
    batches: readonly InboundBatch[],
    now: Date,
  ): { admitted: Admitted[]; deadLetters: OutboundMessage[][] } {
    const admitted: Admitted[] = [];
    const deadLetters: OutboundMessage[][] = [];
    let position = 0;
    for (const batch of batches) {
      const rejected: OutboundMessage[] = [];
      for (const message of batch.messages) {
        const admission = admitMessage(message, batch.topic, this.settings.maxFutureSkewMs);
        if (admission.ok) {
          admitted.push({
            event: admission.event,
            delivery: { topic: batch.topic, partition: batch.partition, offset: message.offset },
            position,
            appendedAt: Number(message.timestamp),
          });
        } else {
          rejected.push(deadLetterMessage(batch, message, admission.reason, now));
        }
        position += 1;
      }
      deadLetters.push(rejected);
    }
    return { admitted, deadLetters };
  }

  /**
   * Loads the journeys of the pending ids and decides where their events go: to the id itself, to the
   * customer it is linked to (customerId rewritten, offsets tracked under the id they were sent
   * under), or nowhere when the customer was erased. An event the linked id's own journey already
   * holds (a redelivery reaching a link whose merge is still under way) is a duplicate.
   */
  private async route(pending: ReadonlyMap<string, readonly Admitted[]>): Promise<{
    targets: Map<string, Admitted[]>;
    journeys: ReadonlyMap<string, StoredJourney>;
    dropped: number;
    duplicates: number;
  }> {
    const { routes, journeys } = await this.links.load([...pending.keys()]);
    const targets = new Map<string, Admitted[]>();
    let dropped = 0;
    let duplicates = 0;
    for (const [id, items] of pending) {
      const route = routes.get(id);
      if (route === undefined || route.kind === 'unresolved') {
        // Links in a cycle only exist while two identifies race; retrying the batch lets them settle.
        throw new Error(`cannot route events of ${id}: links ${route?.path.join(' -> ') ?? 'missing'}`);
      }
      if (route.kind === 'erased') {
        dropped += items.length;
        continue;
      }
      const target = route.customerId;
      let moving = items;
      if (target !== id) {
        const linked = linkedJourneyState(id, journeys.get(id));
        moving = items.filter((item) => {
          const known =
            item.delivery.via === undefined && isAlreadyApplied(linked, item.event.eventId, item.delivery);
          if (known) duplicates += 1;
          return !known;
        });
        moving = moving.map((item) => ({
          event: { ...item.event, customerId: target },
          delivery: { ...item.delivery, via: item.delivery.via ?? item.event.customerId },
          position: item.position,
          appendedAt: item.appendedAt,
        }));
      }
      // Each id's events come in position order; only ids merging into one target need a sort.
      const existing = targets.get(target);
      targets.set(
        target,
        existing === undefined
          ? [...moving]
          : [...existing, ...moving].sort((a, b) => a.position - b.position),
      );
    }
    return { targets, journeys, dropped, duplicates };
  }

  private fold(
    customerId: string,
    stored: StoredJourney,
    items: readonly Admitted[],
    now: number,
    model: Awaited<ReturnType<ClvModelCache['current']>>,
  ): {
    write?: JourneyWrite;
    /** The journey after the fold; `version` is the one loaded until the write is committed. */
    final?: Final;
    applied: number;
    duplicates: number;
  } {
    const before: JourneyState | undefined =
      stored.data === null ? undefined : readJourneyState(customerId, stored.data);
    let state = before;
    const derived: OutboxEntry[] = [];
    let applied = 0;
    let duplicates = 0;
    let lastApplied: string | undefined;
    let clvInputsChanged = false;
    for (const { event, delivery } of items) {
      const result = applyEvent(state, event, delivery, { recentEventIds: this.settings.recentEventIds });
      state = result.state;
      if (result.outcome === 'duplicate') {
        duplicates += 1;
        continue;
      }
      applied += 1;
      lastApplied = event.eventId;
      clvInputsChanged ||=
        event.stage === 'conversion' || (event.stage === 'awareness' && 'cost' in event.properties);
      if (result.stageChange) derived.push(stageChangedEntry(customerId, result.stageChange));
    }
    const previous = parseEmittedOutputs(stored.emitted);
    if (state === undefined) return { applied, duplicates };
    const version = stored.version;
    if (state === before) return { final: { state, emitted: previous, version }, applied, duplicates };

    let emitted = previous;
    if (lastApplied !== undefined) {
      const outputs = deriveOutputs({
        customerId,
        state,
        previous,
        now,
        clvAsOf: state.seen[1],
        trigger: { kind: 'event', eventId: lastApplied },
        settings: this.settings.outputs,
        model,
        recomputeClv: clvInputsChanged,
      });
      emitted = outputs.emitted;
      derived.push(...derivedOutboxEntries(customerId, outputs));
    }
    const write: JourneyWrite = {
      customerId,
      expectedVersion: stored.version,
      data: JSON.stringify(state),
      outbox: derived,
      ...(emitted !== previous && { emitted: JSON.stringify(emitted) }),
    };
    return { write, final: { state, emitted, version }, applied, duplicates };
  }
}

/**
 * Waits for every promise, then rejects with the first failure: unlike Promise.all, nothing is left
 * running behind a failed unit when it is retried.
 */
async function settleAll(work: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(work);
  const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) throw failed.reason;
}

/** The journey still kept beside a link until its merge completes, if any. */
function linkedJourneyState(id: string, stored: StoredJourney | undefined): JourneyState | undefined {
  return stored?.data == null ? undefined : readJourneyState(id, stored.data);
}

function groupByCustomer(admitted: readonly Admitted[]): Map<string, Admitted[]> {
  const byCustomer = new Map<string, Admitted[]>();
  for (const item of admitted) {
    const list = byCustomer.get(item.event.customerId) ?? [];
    list.push(item);
    byCustomer.set(item.event.customerId, list);
  }
  return byCustomer;
}

/** For latency metrics: a derived event follows from its customer's latest event in the unit. */
function publishedDerivedEvent(
  entry: OutboxEntry,
  folded: ReadonlyMap<string, readonly Admitted[]>,
): PublishedDerivedEvent {
  const cause = entry.key === null ? undefined : folded.get(entry.key)?.at(-1);
  return {
    topic: entry.topic,
    ...(cause && { causedBy: { occurredAt: cause.event.occurredAt, appendedAt: cause.appendedAt } }),
  };
}

function deadLetterReason(letter: OutboundMessage): string {
  return letter.headers?.[DEAD_LETTER_HEADERS.reasonCode] ?? 'UNKNOWN';
}
