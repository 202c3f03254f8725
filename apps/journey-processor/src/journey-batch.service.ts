import { DEAD_LETTER_HEADERS, DEAD_LETTER_TOPIC, JourneyEvent } from '@pipeline/contracts';
import {
  Delivery,
  EmittedOutputs,
  JourneyState,
  applyEvent,
  deriveOutputs,
  parseEmittedOutputs,
  parseJourneyState,
} from '@pipeline/journey-domain';
import { InboundBatch, KafkaPublisher, OutboundMessage } from '@pipeline/kafka';
import { PipelineMetrics, PublishedDerivedEvent } from '@pipeline/observability';
import {
  IndexChange,
  indexChangesFor,
  JourneyIndexRepository,
  JourneyStateRepository,
  JourneyWrite,
  OutboxEntry,
  StoredJourney,
} from '@pipeline/redis-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ClvModelCache } from './clv-model.cache';
import { buildDeadLetter } from './dead-letter.factory';
import { derivedOutboxEntries } from './derived-outbox';

import { admitMessage } from './message-admission';
import { PROCESSOR_SETTINGS, ProcessorSettings } from './processor-settings';
import { stageChangedEntry } from './stage-changed.factory';

interface Admitted {
  readonly event: JourneyEvent;
  readonly delivery: Delivery;
}

/** What one batch did, for logs and metrics. */
export interface BatchOutcome {
  readonly applied: number;
  readonly duplicates: number;
  readonly deadLettered: number;
  readonly derived: number;
}

/**
 * Applies one partition's batch of stage events to the customers' journeys.
 *
 * Order of effects, chosen so a crash at any point loses and doubles nothing:
 * 1. validate every message; rejects become dead letters (published in step 3);
 * 2. per customer, load the state, fold the events in (the domain dedupes redeliveries and producer
 *    duplicates), and write state + derived events into the customer's outbox with one
 *    compare-and-set script, pipelined across the batch;
 * 3. publish dead letters and every outbox entry of the touched customers (new or left over from a
 *    crash) in one idempotent send, acknowledged by the broker;
 * 4. drop the published outbox entries. Only then does the transport commit the offsets.
 * A redelivered batch after a crash finds its events already applied and re-publishes whatever the
 * outbox still holds; derived events carry deterministic ids so downstream dedupes the rare repeat.
 */
@Injectable()
export class JourneyBatchService {
  private readonly logger = new Logger(JourneyBatchService.name);

  constructor(
    private readonly repository: JourneyStateRepository,
    private readonly indexes: JourneyIndexRepository,
    private readonly models: ClvModelCache,
    private readonly publisher: KafkaPublisher,
    @Inject(PROCESSOR_SETTINGS) private readonly settings: ProcessorSettings,
    private readonly metrics: PipelineMetrics,
  ) {}

  async process(batch: InboundBatch, now: () => Date = () => new Date()): Promise<BatchOutcome> {
    const measurement = this.metrics.batchStarted(batch.topic, batch.messages.length);
    const { admitted, deadLetters } = this.admit(batch, now());
    const model = await this.models.current();
    const finals = new Map<string, { state: JourneyState; emitted: EmittedOutputs }>();
    const byCustomer = groupByCustomer(admitted);
    const outbox = new Map<string, Map<string, OutboxEntry>>();
    let applied = 0;
    let duplicates = 0;

    let pending = byCustomer;
    for (let attempt = 1; pending.size > 0; attempt += 1) {
      if (attempt > this.settings.maxCommitAttempts) {
        throw new Error(`${pending.size} customers still conflicting after ${attempt - 1} attempts`);
      }
      const stored = await this.repository.loadMany([...pending.keys()]);
      const writes: JourneyWrite[] = [];
      const counts = new Map<string, { applied: number; duplicates: number }>();
      for (const [customerId, items] of pending) {
        const current = stored.get(customerId) ?? { version: 0, data: null, emitted: null, outbox: [] };
        addToOutbox(outbox, customerId, current.outbox);
        const folded = this.fold(customerId, current, items, now().getTime(), model);
        counts.set(customerId, folded);
        if (folded.final) finals.set(customerId, folded.final);
        if (folded.write) writes.push(folded.write);
      }
      const outcomes = await this.metrics.timeRedisCommit(() => this.repository.commitMany(writes));
      const conflicts = new Set(outcomes.filter((o) => o.status === 'conflict').map((o) => o.customerId));
      for (const write of writes) {
        if (!conflicts.has(write.customerId)) addToOutbox(outbox, write.customerId, write.outbox);
      }
      for (const [customerId, tally] of counts) {
        if (conflicts.has(customerId)) continue;
        applied += tally.applied;
        duplicates += tally.duplicates;
      }
      pending = new Map([...pending].filter(([customerId]) => conflicts.has(customerId)));
      if (pending.size > 0) this.logger.debug(`retrying ${pending.size} customers after a concurrent write`);
      await batch.heartbeat();
    }

    const entries = [...outbox].flatMap(([, byId]) => [...byId.values()]);
    await this.publisher.publish([...deadLetters, ...entries.map(toOutbound)]);
    this.metrics.derivedPublished(
      batch,
      entries.map((entry) => publishedDerivedEvent(entry, byCustomer)),
    );
    await this.repository.ackOutbox(
      [...outbox]
        .map(([customerId, byId]) => ({ customerId, ids: [...byId.keys()] }))
        .filter((a) => a.ids.length > 0),
    );
    const changes: IndexChange[] = [];
    for (const [customerId, { state, emitted }] of finals) {
      const events = (byCustomer.get(customerId) ?? []).map((item) => item.event);
      changes.push(...indexChangesFor(customerId, state, emitted, events));
    }
    await this.indexes.apply(changes);
    measurement.completed(deadLetters.map(deadLetterReason));
    return { applied, duplicates, deadLettered: deadLetters.length, derived: entries.length };
  }

  private admit(batch: InboundBatch, now: Date): { admitted: Admitted[]; deadLetters: OutboundMessage[] } {
    const admitted: Admitted[] = [];
    const deadLetters: OutboundMessage[] = [];
    for (const message of batch.messages) {
      const admission = admitMessage(message, batch.topic, this.settings.maxFutureSkewMs);
      if (admission.ok) {
        admitted.push({
          event: admission.event,
          delivery: { topic: batch.topic, partition: batch.partition, offset: message.offset },
        });
        continue;
      }
      const letter = buildDeadLetter(
        { ...message, topic: batch.topic, partition: batch.partition },
        admission.reason,
        now,
      );
      deadLetters.push({
        topic: DEAD_LETTER_TOPIC,
        key: message.key === null ? null : message.key.toString('utf8'),
        value: JSON.stringify(letter),
        headers: {
          [DEAD_LETTER_HEADERS.reasonCode]: admission.reason.code,
          [DEAD_LETTER_HEADERS.sourceTopic]: batch.topic,
        },
      });
    }
    return { admitted, deadLetters };
  }

  private fold(
    customerId: string,
    stored: StoredJourney,
    items: readonly Admitted[],
    now: number,
    model: Awaited<ReturnType<ClvModelCache['current']>>,
  ): {
    write?: JourneyWrite;
    final?: { state: JourneyState; emitted: EmittedOutputs };
    applied: number;
    duplicates: number;
  } {
    const before: JourneyState | undefined =
      stored.data === null ? undefined : decodeState(customerId, stored.data);
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
    if (state === before) return { final: { state, emitted: previous }, applied, duplicates };

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
    return { write, final: { state, emitted }, applied, duplicates };
  }
}

function decodeState(customerId: string, data: string): JourneyState {
  const parsed = parseJourneyState(JSON.parse(data));
  // A state this code cannot read must stop the partition loudly rather than be overwritten.
  if (!parsed.ok) throw new Error(`stored journey of ${customerId} is unreadable: ${parsed.message}`);
  return parsed.state;
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

function addToOutbox(
  outbox: Map<string, Map<string, OutboxEntry>>,
  customerId: string,
  entries: readonly OutboxEntry[],
): void {
  if (entries.length === 0) return;
  const byId = outbox.get(customerId) ?? new Map<string, OutboxEntry>();
  for (const entry of entries) byId.set(entry.id, entry);
  outbox.set(customerId, byId);
}

function toOutbound(entry: OutboxEntry): OutboundMessage {
  return { topic: entry.topic, key: entry.key, value: entry.value };
}

/** For latency metrics: a derived event follows from its customer's latest event in the batch. */
function publishedDerivedEvent(
  entry: OutboxEntry,
  byCustomer: ReadonlyMap<string, readonly Admitted[]>,
): PublishedDerivedEvent {
  const cause = entry.key === null ? undefined : byCustomer.get(entry.key)?.at(-1);
  return {
    topic: entry.topic,
    ...(cause && { causedBy: { occurredAt: cause.event.occurredAt, offset: cause.delivery.offset } }),
  };
}

function deadLetterReason(letter: OutboundMessage): string {
  return letter.headers?.[DEAD_LETTER_HEADERS.reasonCode] ?? 'UNKNOWN';
}
