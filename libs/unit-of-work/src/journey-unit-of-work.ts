import type { OutboundMessage } from '@pipeline/kafka';
import type {
  CommitOutcome,
  JourneyIndexUpdate,
  JourneyWrite,
  OutboxEntry,
  StoredJourney,
} from '@pipeline/redis-store';
import { DeterministicFailure, FailureKind, TransientFailure, classifyFailure } from './failure-kind';
import { PendingOutbox } from './pending-outbox';
import { RefusedRecord, publishIsolating } from './publish-isolating';

/** One customer's stored journey, and the work a writer has for it. */
export interface LoadedTarget<P> {
  readonly stored: StoredJourney;
  readonly payload: P;
}

/** What a writer's `load` found for the pending customers. */
export interface Loaded<P> {
  /** Customer id -> its stored journey and the work for it (after any routing the writer does). */
  readonly targets: ReadonlyMap<string, LoadedTarget<P>>;
  /** Every journey read: their outbox entries left over from earlier writers go out too. */
  readonly journeys: ReadonlyMap<string, StoredJourney>;
}

/** A writer's decision for one customer: what to write, and what it keeps once that is committed. */
export interface Decision<R> {
  /** The new journey, bookkeeping and derived events; absent when the journey stays as it is. */
  readonly write?: Pick<JourneyWrite, 'data' | 'emitted' | 'outbox'>;
  readonly result: R;
}

/** How one writer loads and decides; the unit of work does the rest the same way for every writer. */
export interface CommitPlan<P, R> {
  load(pending: ReadonlyMap<string, P>): Promise<Loaded<P>>;
  /** Pure: the same journey and work give the same decision. Undefined: nothing to do for it. */
  decide(customerId: string, target: LoadedTarget<P>): Decision<R> | undefined;
  /** Compare-and-set rounds before giving up on the customers that keep conflicting. */
  readonly maxAttempts: number;
  /**
   * After the last round: `retry-unit` throws a transient failure (the unit runs again later, the
   * stream's choice: its offsets must not move past unapplied events); `leave` reports them.
   */
  readonly whenExhausted: 'retry-unit' | 'leave';
  /** Whether an id found linked to another customer while writing is loaded again (and rerouted). */
  readonly reloadLinked: boolean;
}

export interface Committed<R> {
  readonly result: R;
  /** The journey version holding the result. */
  readonly version: number;
}

export interface CommitReport<P, R> {
  /** Customers written, or left as they were by their decision, with the version they are in. */
  readonly committed: Map<string, Committed<R>>;
  /** Customers whose work was dropped: erased (or, without `reloadLinked`, linked) meanwhile. */
  readonly gone: Map<string, { readonly payload: P; readonly status: 'erased' | 'linked' }>;
  /** With `leave`: customers still conflicting after the last round. */
  readonly abandoned: Map<string, P>;
  /** Derived events to publish: those written now and those left over from earlier writers. */
  readonly outbox: PendingOutbox;
  /** Compare-and-set writes that landed. */
  written: number;
}

/** The store, index and broker adapters the unit of work drives; no business rule in them. */
export interface UnitOfWorkPorts {
  loadMany?(ids: readonly string[]): Promise<Map<string, StoredJourney>>;
  commitMany(writes: readonly JourneyWrite[]): Promise<CommitOutcome[]>;
  ackOutbox(acks: ReturnType<PendingOutbox['acks']>): Promise<void>;
  applyIndexes(updates: readonly JourneyIndexUpdate[]): Promise<void>;
  publish(messages: readonly OutboundMessage[]): Promise<void>;
  /**
   * Keeps the audience indexes from the published `customer.profile.v1` records (the entries are all
   * the derived records just published; the port picks the profiles).
   */
  applyProfiles?(records: readonly OutboxEntry[]): Promise<void>;
  /** Times a compare-and-set round; defaults to calling it. */
  timeCommit?<T>(commit: () => Promise<T>): Promise<T>;
}

/** The adapters a writer already has, as {@link journeyPorts} takes them. */
export interface JourneyAdapters {
  readonly repository: Pick<UnitOfWorkPorts, 'commitMany' | 'ackOutbox'>;
  readonly indexes: { apply(updates: readonly JourneyIndexUpdate[]): Promise<void> };
  readonly publisher: Pick<UnitOfWorkPorts, 'publish'>;
  /** The audience indexes, kept from the published profiles. */
  readonly audiences?: { applyProfiles(records: readonly OutboxEntry[]): Promise<void> };
  /** Times a compare-and-set round (a metrics histogram, say). */
  readonly timeCommit?: <T>(commit: () => Promise<T>) => Promise<T>;
}

/** The unit of work's ports over the journey repository, the index repository and the publisher. */
export function journeyPorts({
  repository,
  indexes,
  publisher,
  audiences,
  timeCommit,
}: JourneyAdapters): UnitOfWorkPorts {
  return {
    commitMany: (writes) => repository.commitMany(writes),
    ackOutbox: (acks) => repository.ackOutbox(acks),
    applyIndexes: (updates) => indexes.apply(updates),
    publish: (messages) => publisher.publish(messages),
    ...(audiences && {
      applyProfiles: (records: readonly OutboxEntry[]) => audiences.applyProfiles(records),
    }),
    ...(timeCommit && { timeCommit }),
  };
}

/** What `settle` sends, writes and acknowledges after the commits. */
export interface Settlement {
  readonly deadLetters: readonly OutboundMessage[];
  readonly outbox: PendingOutbox;
  readonly indexUpdates: readonly JourneyIndexUpdate[];
  /**
   * The dead letter that takes the place of a record the broker refused for good: a derived event
   * (then dropped from the outbox) or a dead letter too large even when bounded. It must be small.
   */
  replacementFor(refused: RefusedRecord): OutboundMessage;
  /** Told of a replacement the broker refused too; the record is then only in the logs. */
  onLost?(refused: RefusedRecord): void;
}

/**
 * The one sequence every journey writer walks (the stream processor, identify, the scheduler's
 * derived outputs): load -> decide -> compare-and-set -> publish -> acknowledge -> index. Writers
 * differ only in how they load (routing through links, say) and what they decide; the domain
 * decides, the adapters store and send.
 *
 * Crash safety comes from the order: a decision's state and derived events are written in one
 * atomic compare-and-set into the customer's outbox; only then are they published, and only once
 * the broker acknowledged them are they dropped from the outbox; indexes follow the committed
 * journeys. A unit run again after a crash finds its events already applied, and publishes what the
 * outbox still holds.
 */
export class JourneyUnitOfWork {
  constructor(
    private readonly ports: UnitOfWorkPorts,
    private readonly classify: (error: unknown) => FailureKind = classifyFailure,
  ) {}

  /** Loads, decides and commits with compare-and-set, reloading the customers another writer beat. */
  async commit<P, R>(plan: CommitPlan<P, R>, work: ReadonlyMap<string, P>): Promise<CommitReport<P, R>> {
    const report: CommitReport<P, R> = {
      committed: new Map(),
      gone: new Map(),
      abandoned: new Map(),
      outbox: new PendingOutbox(),
      written: 0,
    };
    const time = this.ports.timeCommit?.bind(this.ports) ?? (<T>(commit: () => Promise<T>) => commit());
    let pending: ReadonlyMap<string, P> = work;
    for (let attempt = 1; pending.size > 0; attempt += 1) {
      if (attempt > plan.maxAttempts) {
        if (plan.whenExhausted === 'leave') {
          for (const [id, payload] of pending) report.abandoned.set(id, payload);
          break;
        }
        throw new TransientFailure(
          `${pending.size} customers still conflicting after ${plan.maxAttempts} compare-and-set rounds`,
        );
      }
      const loaded = await plan.load(pending);
      for (const [id, stored] of loaded.journeys) {
        if (stored.erasedAt === undefined) report.outbox.add(id, stored.outbox);
      }
      const writes: JourneyWrite[] = [];
      const targets: Array<{ id: string; target: LoadedTarget<P>; decision: Decision<R> }> = [];
      for (const [id, target] of loaded.targets) {
        const decision = decideOrFail(plan, id, target);
        if (decision === undefined) continue;
        if (decision.write === undefined) {
          report.committed.set(id, { result: decision.result, version: target.stored.version });
          continue;
        }
        writes.push({ customerId: id, expectedVersion: target.stored.version, ...decision.write });
        targets.push({ id, target, decision });
      }
      const outcomes = writes.length === 0 ? [] : await time(() => this.ports.commitMany(writes));
      const retry = new Map<string, P>();
      outcomes.forEach((outcome, position) => {
        const { id, target, decision } = targets[position];
        if (outcome.status === 'committed') {
          report.outbox.add(id, decision.write?.outbox ?? []);
          report.committed.set(id, { result: decision.result, version: outcome.version });
          report.written += 1;
        } else if (outcome.status === 'erased' || (outcome.status === 'linked' && !plan.reloadLinked)) {
          report.gone.set(id, { payload: target.payload, status: outcome.status });
          report.outbox.drop(id);
        } else {
          // Another writer came first, or the id was linked meanwhile: load again and decide again.
          retry.set(id, target.payload);
        }
      });
      pending = retry;
    }
    return report;
  }

  /**
   * Publishes the dead letters and the outbox, writes the index changes meanwhile, then drops the
   * published entries from the outbox. A record the broker refuses for good is replaced by a small
   * dead letter (and, for a derived event, dropped from the outbox), so one record never blocks the
   * others. Returns the refused records.
   */
  async settle(settlement: Settlement): Promise<RefusedRecord[]> {
    const { deadLetters, outbox, indexUpdates } = settlement;
    const publish = (messages: readonly OutboundMessage[]): Promise<void> => this.ports.publish(messages);
    const sent = publishIsolating(publish, [...deadLetters, ...outbox.messages()], this.classify);
    const indexed = this.ports.applyIndexes(indexUpdates);
    const [published, indexes] = await Promise.allSettled([sent, indexed]);
    if (published.status === 'rejected') throw published.reason;
    if (indexes.status === 'rejected') throw indexes.reason;
    const refused = published.value;
    if (refused.length > 0) {
      const replacements = refused.map((record) => settlement.replacementFor(record));
      const lost = await publishIsolating(publish, replacements, this.classify);
      for (const record of lost) settlement.onLost?.(record);
    }
    // After publishing: the audience API never shows a profile the changelog has not carried.
    await this.ports.applyProfiles?.(outbox.entries());
    await this.ports.ackOutbox(outbox.acks());
    return refused;
  }
}

/** A settlement of dead letters alone: no outbox, no index change. */
export function deadLettersOnly(
  deadLetters: readonly OutboundMessage[],
  replacementFor: Settlement['replacementFor'],
  onLost?: Settlement['onLost'],
): Settlement {
  return {
    deadLetters,
    outbox: new PendingOutbox(),
    indexUpdates: [],
    replacementFor,
    ...(onLost && { onLost }),
  };
}

function decideOrFail<P, R>(
  plan: CommitPlan<P, R>,
  id: string,
  target: LoadedTarget<P>,
): Decision<R> | undefined {
  try {
    return plan.decide(id, target);
  } catch (error) {
    // Deciding is pure: what failed here fails again on the same journey and events.
    throw new DeterministicFailure('fold', error);
  }
}

/** An outbox entry as the message that carries it. */
export function outboxMessage(entry: OutboxEntry): OutboundMessage {
  return { topic: entry.topic, key: entry.key, value: entry.value };
}
