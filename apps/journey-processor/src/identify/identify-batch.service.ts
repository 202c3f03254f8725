import { DEAD_LETTER_HEADERS, IdentifyEvent, Rejection } from '@pipeline/contracts';
import {
  Delivery,
  EmittedOutputs,
  JourneyState,
  applyIdentify,
  deriveOutputs,
  mergeRefusal,
  parseEmittedOutputs,
  readJourneyState,
} from '@pipeline/journey-domain';
import { InboundBatch, InboundMessage, KafkaPublisher, OutboundMessage } from '@pipeline/kafka';
import { BatchMeasurement, PipelineMetrics } from '@pipeline/observability';
import {
  JourneyIndexRepository,
  JourneyLinkRepository,
  JourneyStateRepository,
  LinkRetirement,
  OutboxEntry,
  StoredJourney,
  indexChangesFor,
} from '@pipeline/redis-store';
import { Inject, Injectable } from '@nestjs/common';
import { BatchOutcome, DROPPED_ERASED } from '../batch-outcome';
import { ClvModelCache } from '../clv-model.cache';
import { deadLetterMessage } from '../dead-letter.message';
import { derivedOutboxEntries } from '@pipeline/redis-store';
import { admitIdentify } from '../message-admission';
import { PendingOutbox } from '@pipeline/unit-of-work';
import { PROCESSOR_SETTINGS, ProcessorSettings } from '../processor-settings';
import { LinkedJourneyLoader } from '../routing/linked-journey.loader';
import { stageChangedEntry } from '../stage-changed.factory';

interface Admitted {
  readonly event: IdentifyEvent;
  readonly delivery: Delivery;
  readonly message: InboundMessage;
}

/** A merge that is in place (now or before): what is left is publishing, indexes and retiring. */
interface Settled {
  readonly customerId: string;
  readonly state: JourneyState;
  readonly emitted: EmittedOutputs;
  /** The customer's journey version holding `state`. */
  readonly version: number;
  readonly anonymousId: string;
  /** The anonymous journey as it was merged, while it is still kept beside its link. */
  readonly anonymous: JourneyState | undefined;
}

type Step =
  | { readonly kind: 'merged' | 'duplicate'; readonly settled: Settled }
  | { readonly kind: 'noop' | 'erased' }
  | { readonly kind: 'refused'; readonly reason: Rejection };

type Model = Awaited<ReturnType<ClvModelCache['current']>>;

const EMPTY: StoredJourney = { version: 0, data: null, emitted: null, outbox: [] };

/**
 * Applies a batch of `identify` events: each links an anonymous id to a known customer and merges the
 * anonymous journey into the customer's. The two journeys live under different keys (different slots
 * of a Redis Cluster), so no single script can move one into the other; the steps are ordered so that
 * a crash anywhere is completed by the redelivered identify and nothing is counted twice:
 *
 * 1. link the anonymous id to the customer (compare-and-set on the anonymous journey). From here on
 *    its events go to the customer, and the anonymous journey stays beside the link as the merge's
 *    source;
 * 2. merge that journey into the customer's with the compare-and-set script, recording the anonymous
 *    id in the customer's `mrg` (a second merge of it is a no-op) and derived events in the outbox;
 * 3. publish the outbox (the customer's and the anonymous journey's leftovers) and dead letters;
 * 4. rebuild the customer's index entries and remove the anonymous id's;
 * 5. retire the anonymous journey: only the link remains, to route late events.
 *
 * Refusals (dead-lettered as MERGE_REFUSED, nothing changed): the anonymous journey has an order, a
 * refund or a cancellation, or the anonymous id is already linked to another customer. An identify
 * for an erased customer or an erased anonymous id is dropped and counted.
 */
@Injectable()
export class IdentifyBatchService {
  constructor(
    private readonly repository: JourneyStateRepository,
    private readonly loader: LinkedJourneyLoader,
    private readonly links: JourneyLinkRepository,
    private readonly indexes: JourneyIndexRepository,
    private readonly models: ClvModelCache,
    private readonly publisher: KafkaPublisher,
    @Inject(PROCESSOR_SETTINGS) private readonly settings: ProcessorSettings,
    private readonly metrics: PipelineMetrics,
  ) {}

  async process(batch: InboundBatch, now: () => Date = () => new Date()): Promise<BatchOutcome> {
    const measurement = this.metrics.batchStarted(batch.topic, batch.messages.length);
    return this.metrics.countingFailures([measurement], () => this.processMeasured(batch, measurement, now));
  }

  private async processMeasured(
    batch: InboundBatch,
    measurement: BatchMeasurement,
    now: () => Date,
  ): Promise<BatchOutcome> {
    const deadLetters: OutboundMessage[] = [];
    const admitted: Admitted[] = [];
    for (const message of batch.messages) {
      const admission = admitIdentify(message, this.settings.maxFutureSkewMs);
      if (admission.ok) {
        const delivery = { topic: batch.topic, partition: batch.partition, offset: message.offset };
        admitted.push({ event: admission.event, delivery, message });
      } else {
        deadLetters.push(deadLetterMessage(batch, message, admission.reason, now()));
      }
    }
    const model = await this.models.current();
    const outbox = new PendingOutbox();
    const settled = new Map<string, Settled>();
    let applied = 0;
    let duplicates = 0;
    let dropped = 0;
    // One at a time, in offset order: identifies of one customer build on each other.
    for (const item of admitted) {
      const step = await this.identify(item, now().getTime(), model, outbox);
      if (step.kind === 'refused')
        deadLetters.push(deadLetterMessage(batch, item.message, step.reason, now()));
      if (step.kind === 'erased') dropped += 1;
      if (step.kind === 'merged') applied += 1;
      if (step.kind === 'duplicate' || step.kind === 'noop') duplicates += 1;
      if (step.kind === 'merged' || step.kind === 'duplicate') {
        settled.set(`${step.settled.customerId} ${step.settled.anonymousId}`, step.settled);
      }
      await batch.heartbeat();
    }

    const entries = outbox.entries();
    await this.publisher.publish([...deadLetters, ...outbox.messages()]);
    this.metrics.derivedPublished(entries.map((entry) => ({ topic: entry.topic })));
    await this.repository.ackOutbox(outbox.acks());
    await this.cleanUpIndexes([...settled.values()]);
    await this.links.retire(
      [...settled.values()].map((s): LinkRetirement => ({
        linkedId: s.anonymousId,
        customerId: s.customerId,
      })),
    );
    this.metrics.eventsDropped(batch.topic, DROPPED_ERASED, dropped);
    measurement.completed(deadLetters.map((l) => l.headers?.[DEAD_LETTER_HEADERS.reasonCode] ?? 'UNKNOWN'));
    return { applied, duplicates, deadLettered: deadLetters.length, derived: entries.length, dropped };
  }

  private async identify(item: Admitted, now: number, model: Model, outbox: PendingOutbox): Promise<Step> {
    const { event } = item;
    const anonymousId = event.properties.anonymousId;
    for (let attempt = 1; attempt <= this.settings.maxCommitAttempts; attempt += 1) {
      const { routes, journeys } = await this.loader.load([event.customerId, anonymousId]);
      const route = routes.get(event.customerId);
      const anonymous = journeys.get(anonymousId) ?? EMPTY;
      if (route?.kind === 'erased' || anonymous.erasedAt !== undefined) return { kind: 'erased' };
      if (route === undefined || route.kind === 'unresolved') {
        if (!route?.path.includes(anonymousId))
          throw new Error(`cannot resolve customer ${event.customerId}`);
        // Two identifies linked the ids both ways round; undo ours so the other one can complete.
        if (anonymous.linkedTo !== undefined) await this.links.unlink(anonymousId, anonymous.linkedTo);
        return refused('the anonymous id and the customer are being linked the other way round');
      }
      const customerId = route.customerId;
      // The customer's id is itself linked to the anonymous id: both already name one journey.
      if (customerId === anonymousId) return { kind: 'noop' };
      for (const [id, stored] of journeys) if (stored.erasedAt === undefined) outbox.add(id, stored.outbox);

      const anonymousState = decodeState(anonymousId, anonymous.data);
      if (anonymous.linkedTo === undefined) {
        const refusal = mergeRefusal(anonymousState);
        if (refusal !== undefined) return refused(refusal);
        const link = await this.links.link(anonymousId, anonymous.version, customerId);
        if (link === 'erased') return { kind: 'erased' };
        // 'linked' proceeds; a lost race (changed, linked meanwhile) is decided again from a fresh read.
        if (link !== 'linked') continue;
      } else {
        const linked = routes.get(anonymousId);
        if (linked?.kind === 'erased') return { kind: 'erased' };
        if (linked?.kind !== 'journey' || linked.customerId !== customerId) {
          return refused(`the anonymous id ${anonymousId} is already linked to another customer`);
        }
      }

      const stored = journeys.get(customerId) ?? EMPTY;
      const before = decodeState(customerId, stored.data);
      const result = applyIdentify(before, anonymousState, event, item.delivery, {
        recentEventIds: this.settings.recentEventIds,
      });
      const previous = parseEmittedOutputs(stored.emitted);
      const settle = (state: JourneyState, emitted: EmittedOutputs, version: number): Settled => ({
        customerId,
        state,
        emitted,
        version,
        anonymousId,
        anonymous: anonymousState,
      });
      if (result.state === before)
        return { kind: 'duplicate', settled: settle(result.state, previous, stored.version) };

      const derived: OutboxEntry[] = [];
      let emitted = previous;
      if (result.outcome === 'merged') {
        if (result.stageChange) derived.push(stageChangedEntry(customerId, result.stageChange));
        const outputs = deriveOutputs({
          customerId,
          state: result.state,
          previous,
          now,
          clvAsOf: result.state.seen[1],
          trigger: { kind: 'event', eventId: event.eventId },
          settings: this.settings.outputs,
          model,
          // Only attributed acquisition cost among the merged facts feeds the CLV.
          recomputeClv: Object.keys(anonymousState?.acq ?? {}).length > 0,
        });
        emitted = outputs.emitted;
        derived.push(...derivedOutboxEntries(customerId, outputs));
      }
      const [outcome] = await this.metrics.timeRedisCommit(() =>
        this.repository.commitMany([
          {
            customerId,
            expectedVersion: stored.version,
            data: JSON.stringify(result.state),
            outbox: derived,
            ...(emitted !== previous && { emitted: JSON.stringify(emitted) }),
          },
        ]),
      );
      if (outcome?.status === 'committed') {
        outbox.add(customerId, derived);
        return { kind: result.outcome, settled: settle(result.state, emitted, outcome.version) };
      }
      if (outcome?.status === 'erased') {
        // The customer was erased between the link and the merge: hand the anonymous journey back.
        await this.links.unlink(anonymousId, customerId);
        outbox.drop(customerId);
        return { kind: 'erased' };
      }
    }
    throw new Error(
      `identify ${event.eventId} still conflicting after ${this.settings.maxCommitAttempts} attempts`,
    );
  }

  /**
   * The merged customers' entries rebuilt, the anonymous ids' removed. An anonymous journey has no
   * orders (that is refused), so only its NPS answers need a scan, and only when there are some.
   */
  private async cleanUpIndexes(settled: readonly Settled[]): Promise<void> {
    for (const { anonymousId, anonymous } of settled) {
      const nps = (anonymous?.n.nps_response ?? 0) > 0;
      await this.indexes.removeCustomers([anonymousId], { orders: false, nps });
    }
    // Several identifies of one customer in a batch: its newest journey has every merge in it.
    const newest = new Map<string, Settled>();
    for (const s of settled) {
      if ((newest.get(s.customerId)?.version ?? -1) < s.version) newest.set(s.customerId, s);
    }
    await this.indexes.apply(
      [...newest.values()].map(({ customerId, state, emitted, version }) => ({
        customerId,
        version,
        changes: indexChangesFor(customerId, state, emitted, []),
      })),
    );
  }
}

function refused(message: string): Step {
  return { kind: 'refused', reason: { code: 'MERGE_REFUSED', field: 'properties.anonymousId', message } };
}

function decodeState(id: string, data: string | null): JourneyState | undefined {
  return data === null ? undefined : readJourneyState(id, data);
}
