import { ALL_INBOUND_TOPICS, DEAD_LETTER_TOPIC, JourneyEvent, Rejection } from '@pipeline/contracts';
import {
  EmittedOutputs,
  FoldStage,
  JourneyState,
  foldJourneyEvents,
  indexEntriesFor,
  parseEmittedOutputs,
  readJourneyState,
} from '@pipeline/journey-domain';
import { InboundBatch, KafkaPublisher, OutboundMessage } from '@pipeline/kafka';
import { PipelineMetrics, PublishedDerivedEvent } from '@pipeline/observability';
import {
  JourneyIndexRepository,
  JourneyIndexUpdate,
  JourneyStateRepository,
  OutboxEntry,
  AudienceIndexRepository,
} from '@pipeline/redis-store';
import {
  CommitPlan,
  DeterministicFailure,
  JourneyUnitOfWork,
  journeyPorts,
  isolateFailures,
} from '@pipeline/unit-of-work';
import { DeadLetters } from '@pipeline/dead-letters';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BatchOutcome, DROPPED_ERASED } from './batch-outcome';
import { ClvModelCache } from './clv-model.cache';
import { admitMessage } from './message-admission';
import { PROCESSOR_SETTINGS, ProcessorSettings } from './processor-settings';
import { RecordIsolation, processingFailure } from './record-isolation';
import { LinkedJourneyLoader } from './routing/linked-journey.loader';
import { OrderedRecord, timestampOrder } from './timestamp-order';
import { AdmittedEvent, routeStageEvents } from './routing/stage-event-routing';

/** One record of the unit: the batch it came in and its place in the unit's timestamp order. */
interface UnitRecord extends OrderedRecord {
  readonly position: number;
}

type Admitted = AdmittedEvent<UnitRecord>;

/** A customer's journey once its events of the part are folded in. */
interface Folded {
  readonly state: JourneyState | undefined;
  readonly emitted: EmittedOutputs;
  readonly items: readonly Admitted[];
  readonly applied: readonly JourneyEvent[];
  readonly duplicates: number;
  readonly quarantined: ReadonlyArray<{ item: Admitted; stage: FoldStage | 'load'; error: unknown }>;
}

/** What a part of the unit did, added to the unit's outcome only once the part succeeded. */
interface PartTally {
  applied: number;
  duplicates: number;
  dropped: number;
  derived: number;
  readonly deadLetters: Array<{ batchIndex: number; reason: string }>;
}

/**
 * Applies the batches of stage events fetched together (one per partition, several topics) to the
 * customers' journeys as one unit of work: admit every record, route each customer's events (through
 * links, past erasures), then let the shared unit of work fold, commit, publish, acknowledge and index.
 *
 * No record holds the unit hostage: an event the fold cannot apply is dead-lettered as
 * `PROCESSING_FAILED` and the customer's other events still apply; any other failure that recurs on
 * the same input splits the unit until the one record that fails on its own is dead-lettered; only
 * transient failures (broker or Redis away) fail the unit, for the transport to retry with backoff.
 */
@Injectable()
export class JourneyBatchService {
  private readonly logger = new Logger(JourneyBatchService.name);
  private readonly unit: JourneyUnitOfWork;
  private readonly isolation: RecordIsolation;

  constructor(
    repository: JourneyStateRepository,
    private readonly links: LinkedJourneyLoader,
    indexes: JourneyIndexRepository,
    private readonly models: ClvModelCache,
    private readonly publisher: KafkaPublisher,
    @Inject(PROCESSOR_SETTINGS) private readonly settings: ProcessorSettings,
    private readonly metrics: PipelineMetrics,
    private readonly deadLetters: DeadLetters,
    audiences: AudienceIndexRepository,
  ) {
    this.unit = new JourneyUnitOfWork(
      journeyPorts({
        repository,
        indexes,
        publisher,
        audiences,
        timeCommit: (commit) => metrics.timeRedisCommit(commit),
      }),
    );
    this.isolation = new RecordIsolation(this.unit, deadLetters, settings, metrics, this.logger);
  }

  async process(batches: readonly InboundBatch[], now: () => Date = () => new Date()): Promise<BatchOutcome> {
    const order = timestampOrder(batches, ALL_INBOUND_TOPICS, this.settings.unitMaxRecords);
    order.deferredFrom.forEach((offset, index) => {
      if (offset !== null) batches[index]?.deferFrom?.(offset);
    });
    const records = order.records.map((record, position): UnitRecord => ({ ...record, position }));
    const taken = batches.map(() => 0);
    for (const { batchIndex } of records) taken[batchIndex] = (taken[batchIndex] ?? 0) + 1;
    // Deferred records are counted when a later unit handles them.
    const measurements = batches.map((batch, index) =>
      this.metrics.batchStarted(batch.topic, taken[index] ?? 0),
    );
    return this.metrics.trackingBlocked(batches, () =>
      this.metrics.countingFailures(measurements, async () => {
        const tally: PartTally = { applied: 0, duplicates: 0, dropped: 0, derived: 0, deadLetters: [] };
        await isolateFailures(
          records,
          this.isolation.plan<UnitRecord>(
            {
              batches,
              run: async (part) => addTally(tally, await this.processPart(batches, part, now)),
              letterOf: (record, reason) =>
                this.deadLetters.forMessage(record.batch, record.message, reason, now()),
              lettered: (record) =>
                tally.deadLetters.push({ batchIndex: record.batchIndex, reason: 'PROCESSING_FAILED' }),
              noun: 'records',
            },
            now,
          ),
        );
        this.metrics.eventsDropped(batches[0]?.topic ?? '', DROPPED_ERASED, tally.dropped);
        measurements.forEach((measurement, batchIndex) =>
          measurement.completed(
            tally.deadLetters.filter((letter) => letter.batchIndex === batchIndex).map((l) => l.reason),
          ),
        );
        return {
          applied: tally.applied,
          duplicates: tally.duplicates,
          deadLettered: tally.deadLetters.length,
          derived: tally.derived,
          dropped: tally.dropped,
        };
      }),
    );
  }

  /** Admit -> route -> commit for some records of the unit (all of them unless it is being split). */
  private async processPart(
    batches: readonly InboundBatch[],
    records: readonly UnitRecord[],
    now: () => Date,
  ): Promise<PartTally> {
    const tally: PartTally = { applied: 0, duplicates: 0, dropped: 0, derived: 0, deadLetters: [] };
    const deadLetters: OutboundMessage[] = [];
    const letter = (record: UnitRecord, reason: Rejection): void => {
      deadLetters.push(this.deadLetters.forMessage(record.batch, record.message, reason, now()));
      tally.deadLetters.push({ batchIndex: record.batchIndex, reason: reason.code });
    };

    const pending = new Map<string, Admitted[]>();
    for (const record of records) {
      const admission = admit(record, this.settings.maxFutureSkewMs);
      if (!admission.ok) {
        letter(record, admission.reason);
        continue;
      }
      const { batch, message, position } = record;
      const item: Admitted = {
        event: admission.event,
        delivery: { topic: batch.topic, partition: batch.partition, offset: message.offset },
        position,
        source: record,
      };
      const list = pending.get(item.event.customerId);
      if (list) list.push(item);
      else pending.set(item.event.customerId, [item]);
    }

    const model = await this.models.current();
    const plan: CommitPlan<Admitted[], Folded> = {
      load: async (ids) => {
        const found = await this.links.load([...ids.keys()]);
        const routed = routeStageEvents(ids, found);
        tally.dropped += routed.dropped;
        tally.duplicates += routed.duplicates;
        const targets = new Map(
          [...routed.targets].map(([id, items]) => [
            id,
            { stored: found.journeys.get(id) ?? EMPTY, payload: items },
          ]),
        );
        return { targets, journeys: found.journeys };
      },
      decide: (customerId, { stored, payload: items }) => {
        let before: JourneyState | undefined;
        try {
          before = stored.data === null ? undefined : readJourneyState(customerId, stored.data);
        } catch (error) {
          // Never written over: each of its events is set aside with the reason, the journey kept.
          const quarantined = items.map((item) => ({ item, stage: 'load' as const, error }));
          const result = { state: undefined, emitted: {}, items, applied: [], duplicates: 0, quarantined };
          return { result };
        }
        const previous = parseEmittedOutputs(stored.emitted);
        const fold = foldJourneyEvents(before, previous, items, {
          customerId,
          recentEventIds: this.settings.recentEventIds,
          settings: this.settings.outputs,
          model,
        });
        const result: Folded = {
          state: fold.state,
          emitted: fold.emitted,
          items,
          applied: fold.appliedEvents,
          duplicates: fold.duplicates,
          quarantined: fold.quarantined.map(({ index, stage, error }) => ({
            item: items[index],
            stage,
            error,
          })),
        };
        if (fold.state === undefined || fold.state === before) return { result };
        return {
          result,
          write: {
            data: encodeState(fold.state),
            outbox: fold.records,
            ...(fold.emitted !== previous && { emitted: JSON.stringify(fold.emitted) }),
          },
        };
      },
      maxAttempts: this.settings.maxCommitAttempts,
      whenExhausted: 'retry-unit',
      reloadLinked: true,
    };
    const report = await this.unit.commit(plan, pending);
    await batches[0]?.heartbeat();
    for (const { payload } of report.gone.values()) tally.dropped += payload.length;

    const updates: JourneyIndexUpdate[] = [];
    for (const [customerId, { result, version }] of report.committed) {
      tally.applied += result.applied.length;
      tally.duplicates += result.duplicates;
      for (const { item, stage, error } of result.quarantined) {
        letter(item.source, processingFailure(stage, error));
      }
      if (result.state !== undefined) {
        updates.push({
          customerId,
          version,
          changes: indexEntriesFor(customerId, result.state, result.emitted, result.applied),
        });
      }
    }
    const entries = report.outbox.entries();
    const refused = await this.unit.settle({
      deadLetters,
      outbox: report.outbox,
      indexUpdates: updates,
      ...this.isolation.replacement(now),
    });
    tally.derived += entries.length - refused.filter((r) => r.message.topic !== DEAD_LETTER_TOPIC).length;
    this.metrics.derivedPublished(entries.map((entry) => publishedDerivedEvent(entry, report.committed)));
    return tally;
  }
}

const EMPTY = { version: 0, data: null, emitted: null, outbox: [] };

function admit(record: UnitRecord, maxFutureSkewMs: number): ReturnType<typeof admitMessage> {
  try {
    return admitMessage(record.message, record.batch.topic, maxFutureSkewMs);
  } catch (error) {
    throw new DeterministicFailure('admit', error);
  }
}

function encodeState(state: JourneyState): string {
  try {
    return JSON.stringify(state);
  } catch (error) {
    throw new DeterministicFailure('encode', error);
  }
}

function addTally(into: PartTally, part: PartTally): void {
  into.applied += part.applied;
  into.duplicates += part.duplicates;
  into.dropped += part.dropped;
  into.derived += part.derived;
  into.deadLetters.push(...part.deadLetters);
}

/** For latency metrics: a derived event follows from its customer's latest event in the unit. */
function publishedDerivedEvent(
  entry: OutboxEntry,
  committed: ReadonlyMap<string, { result: Folded }>,
): PublishedDerivedEvent {
  const cause = entry.key === null ? undefined : committed.get(entry.key)?.result.items.at(-1);
  if (!cause) return { topic: entry.topic };
  return {
    topic: entry.topic,
    causedBy: { occurredAt: cause.event.occurredAt, appendedAt: Number(cause.source.message.timestamp) },
  };
}
