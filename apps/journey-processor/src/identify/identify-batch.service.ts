import { IdentifyEvent, Rejection } from '@pipeline/contracts';
import {
  Delivery,
  EmittedOutputs,
  JourneyState,
  applyIdentify,
  deriveAfterMerge,
  mergeRefusal,
  indexEntriesFor,
  parseEmittedOutputs,
  readJourneyState,
} from '@pipeline/journey-domain';
import { InboundBatch, InboundMessage, KafkaPublisher, OutboundMessage } from '@pipeline/kafka';
import { PipelineMetrics } from '@pipeline/observability';
import {
  JourneyIndexRepository,
  JourneyLinkRepository,
  JourneyStateRepository,
  LinkRetirement,
  StoredJourney,
  AudienceIndexRepository,
} from '@pipeline/redis-store';
import {
  CommitPlan,
  JourneyUnitOfWork,
  journeyPorts,
  PendingOutbox,
  TransientFailure,
  isolateFailures,
} from '@pipeline/unit-of-work';
import { DeadLetters } from '@pipeline/dead-letters';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { BatchOutcome, DROPPED_ERASED } from '../batch-outcome';
import { ClvModelCache } from '../clv-model.cache';
import { admitIdentify } from '../message-admission';
import { RecordIsolation } from '../record-isolation';
import { PROCESSOR_SETTINGS, ProcessorSettings } from '../processor-settings';
import { LinkedJourneyLoader } from '../routing/linked-journey.loader';

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

/** What the merge's load found when it did not end the identify on its own. */
interface MergeTarget {
  readonly anonymousId: string;
  readonly anonymous: JourneyState | undefined;
  /** The anonymous journey's stored form, whose leftover outbox goes out with the customer's. */
  readonly anonymousStored: StoredJourney;
}

/** What one part of the batch did, added to the batch's outcome once the part succeeded. */
interface PartTally {
  applied: number;
  duplicates: number;
  dropped: number;
  derived: number;
  deadLettered: string[];
}

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
  private readonly logger = new Logger(IdentifyBatchService.name);
  private readonly unit: JourneyUnitOfWork;
  private readonly isolation: RecordIsolation;

  constructor(
    repository: JourneyStateRepository,
    private readonly loader: LinkedJourneyLoader,
    private readonly links: JourneyLinkRepository,
    private readonly indexes: JourneyIndexRepository,
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

  async process(batch: InboundBatch, now: () => Date = () => new Date()): Promise<BatchOutcome> {
    const measurement = this.metrics.batchStarted(batch.topic, batch.messages.length);
    return this.metrics.trackingBlocked([batch], () =>
      this.metrics.countingFailures([measurement], async () => {
        const tally: PartTally = { applied: 0, duplicates: 0, dropped: 0, derived: 0, deadLettered: [] };
        await isolateFailures(
          batch.messages,
          this.isolation.plan<InboundMessage>(
            {
              batches: [batch],
              run: async (messages) => addTally(tally, await this.processPart(batch, messages, now)),
              letterOf: (message, reason) => this.deadLetters.forMessage(batch, message, reason, now()),
              lettered: () => tally.deadLettered.push('PROCESSING_FAILED'),
              noun: 'identifies',
            },
            now,
          ),
        );
        this.metrics.eventsDropped(batch.topic, DROPPED_ERASED, tally.dropped);
        measurement.completed(tally.deadLettered);
        return {
          applied: tally.applied,
          duplicates: tally.duplicates,
          deadLettered: tally.deadLettered.length,
          derived: tally.derived,
          dropped: tally.dropped,
        };
      }),
    );
  }

  private async processPart(
    batch: InboundBatch,
    messages: readonly InboundMessage[],
    now: () => Date,
  ): Promise<PartTally> {
    const tally: PartTally = { applied: 0, duplicates: 0, dropped: 0, derived: 0, deadLettered: [] };
    const deadLetters: OutboundMessage[] = [];
    const letter = (message: InboundMessage, reason: Rejection): void => {
      deadLetters.push(this.deadLetters.forMessage(batch, message, reason, now()));
      tally.deadLettered.push(reason.code);
    };
    const admitted: Admitted[] = [];
    for (const message of messages) {
      const admission = admitIdentify(message, this.settings.maxFutureSkewMs);
      if (admission.ok) {
        const delivery = { topic: batch.topic, partition: batch.partition, offset: message.offset };
        admitted.push({ event: admission.event, delivery, message });
      } else {
        letter(message, admission.reason);
      }
    }
    const model = await this.models.current();
    const outbox = new PendingOutbox();
    const settled = new Map<string, Settled>();
    // One at a time, in offset order: identifies of one customer build on each other.
    for (const item of admitted) {
      const step = await this.identify(item, model, outbox);
      if (step.kind === 'refused') letter(item.message, step.reason);
      if (step.kind === 'erased') tally.dropped += 1;
      if (step.kind === 'merged') tally.applied += 1;
      if (step.kind === 'duplicate' || step.kind === 'noop') tally.duplicates += 1;
      if (step.kind === 'merged' || step.kind === 'duplicate') {
        settled.set(`${step.settled.customerId} ${step.settled.anonymousId}`, step.settled);
      }
      await batch.heartbeat();
    }

    const entries = outbox.entries();
    await this.unit.settle({
      deadLetters,
      outbox,
      indexUpdates: [],
      ...this.isolation.replacement(now),
    });
    tally.derived += entries.length;
    this.metrics.derivedPublished(entries.map((entry) => ({ topic: entry.topic })));
    await this.cleanUpIndexes([...settled.values()]);
    await this.links.retire(
      [...settled.values()].map((s): LinkRetirement => ({
        linkedId: s.anonymousId,
        customerId: s.customerId,
      })),
    );
    return tally;
  }

  /**
   * Links the anonymous id (if not yet) and merges its journey into the customer's through the
   * shared unit of work: its load follows the links and places the link, its decision is the merge.
   */
  private async identify(item: Admitted, model: Model, outbox: PendingOutbox): Promise<Step> {
    const { event } = item;
    const anonymousId = event.properties.anonymousId;
    let ended: Step | undefined;
    const plan: CommitPlan<MergeTarget, Settled & { outcome: 'merged' | 'duplicate' }> = {
      load: async () => {
        ended = undefined;
        for (let attempt = 1; attempt <= this.settings.maxCommitAttempts; attempt += 1) {
          const found = await this.placeLink(event, anonymousId);
          if ('step' in found) {
            ended = found.step;
            return { targets: new Map(), journeys: found.journeys };
          }
          if (found.customerId === undefined) continue; // lost a race to place the link: read again
          const target = {
            stored: found.journeys.get(found.customerId) ?? EMPTY,
            payload: { anonymousId, anonymous: found.anonymous, anonymousStored: found.anonymousStored },
          };
          return { targets: new Map([[found.customerId, target]]), journeys: found.journeys };
        }
        throw new TransientFailure(`identify ${event.eventId}: the link kept changing under it`);
      },
      decide: (customerId, { stored, payload }) => {
        const before = decodeState(customerId, stored.data);
        const result = applyIdentify(before, payload.anonymous, event, item.delivery, {
          recentEventIds: this.settings.recentEventIds,
        });
        const previous = parseEmittedOutputs(stored.emitted);
        const settle = (state: JourneyState, emitted: EmittedOutputs) => ({
          outcome: result.outcome,
          customerId,
          state,
          emitted,
          version: stored.version,
          anonymousId,
          anonymous: payload.anonymous,
        });
        if (result.state === before) return { result: settle(result.state, previous) };
        if (result.outcome !== 'merged') {
          return {
            result: settle(result.state, previous),
            write: { data: JSON.stringify(result.state), outbox: [] },
          };
        }
        const derived = deriveAfterMerge(
          result.state,
          payload.anonymous,
          result.stageChange,
          previous,
          event.eventId,
          { customerId, anonymousId, settings: this.settings.outputs, model },
        );
        return {
          result: settle(result.state, derived.emitted),
          write: {
            data: JSON.stringify(result.state),
            outbox: derived.records,
            ...(derived.emitted !== previous && { emitted: JSON.stringify(derived.emitted) }),
          },
        };
      },
      maxAttempts: this.settings.maxCommitAttempts,
      whenExhausted: 'retry-unit',
      reloadLinked: true,
    };
    const report = await this.unit.commit(
      plan,
      new Map([[event.customerId, null as unknown as MergeTarget]]),
    );
    outbox.addAll(report.outbox);
    if (ended !== undefined) return ended;
    const gone = [...report.gone.keys()][0];
    if (gone !== undefined) {
      // The customer was erased between the link and the merge: hand the anonymous journey back.
      await this.links.unlink(anonymousId, gone);
      return { kind: 'erased' };
    }
    const [committed] = [...report.committed.values()];
    if (committed === undefined) throw new TransientFailure(`identify ${event.eventId} did not settle`);
    const { outcome, ...settled } = committed.result;
    return { kind: outcome, settled: { ...settled, version: committed.version } };
  }

  /**
   * Reads the customer's and the anonymous id's journeys and places the link if it is not there:
   * from then on the anonymous id's events go to the customer. Ends the identify (`step`) when it is
   * erased, refused or a no-op; `customerId` undefined means another writer changed the anonymous
   * journey first, and the caller reads again.
   */
  private async placeLink(
    event: IdentifyEvent,
    anonymousId: string,
  ): Promise<
    | { readonly step: Step; readonly journeys: ReadonlyMap<string, StoredJourney> }
    | {
        readonly customerId: string | undefined;
        readonly journeys: ReadonlyMap<string, StoredJourney>;
        readonly anonymous: JourneyState | undefined;
        readonly anonymousStored: StoredJourney;
      }
  > {
    const { routes, journeys } = await this.loader.load([event.customerId, anonymousId]);
    const route = routes.get(event.customerId);
    const anonymousStored = journeys.get(anonymousId) ?? EMPTY;
    const end = (step: Step) => ({ step, journeys });
    if (route?.kind === 'erased' || anonymousStored.erasedAt !== undefined) return end({ kind: 'erased' });
    if (route === undefined || route.kind === 'unresolved') {
      if (!route?.path.includes(anonymousId)) {
        throw new TransientFailure(`cannot resolve customer ${event.customerId}`);
      }
      // Two identifies linked the ids both ways round; undo ours so the other one can complete.
      if (anonymousStored.linkedTo !== undefined)
        await this.links.unlink(anonymousId, anonymousStored.linkedTo);
      return end(refused('the anonymous id and the customer are being linked the other way round'));
    }
    const customerId = route.customerId;
    // The customer's id is itself linked to the anonymous id: both already name one journey.
    if (customerId === anonymousId) return end({ kind: 'noop' });
    const anonymous = decodeState(anonymousId, anonymousStored.data);
    if (anonymousStored.linkedTo === undefined) {
      // Given the customer's journey, a merge past the customer money bound is refused before linking.
      const customer = decodeState(customerId, (journeys.get(customerId) ?? EMPTY).data);
      const refusal = mergeRefusal(anonymous, customer);
      if (refusal !== undefined) return end(refused(refusal));
      const link = await this.links.link(anonymousId, anonymousStored.version, customerId);
      if (link === 'erased') return end({ kind: 'erased' });
      // 'linked' proceeds; a lost race (changed, linked meanwhile) is decided again from a fresh read.
      if (link !== 'linked') return { customerId: undefined, journeys, anonymous, anonymousStored };
    } else {
      const linked = routes.get(anonymousId);
      if (linked?.kind === 'erased') return end({ kind: 'erased' });
      if (linked?.kind !== 'journey' || linked.customerId !== customerId) {
        return end(refused(`the anonymous id ${anonymousId} is already linked to another customer`));
      }
    }
    return { customerId, journeys, anonymous, anonymousStored };
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
        changes: indexEntriesFor(customerId, state, emitted, []),
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

function addTally(into: PartTally, part: PartTally): void {
  into.applied += part.applied;
  into.duplicates += part.duplicates;
  into.dropped += part.dropped;
  into.derived += part.derived;
  into.deadLettered.push(...part.deadLettered);
}
