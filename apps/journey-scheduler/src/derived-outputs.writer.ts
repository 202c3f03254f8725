import { OUTBOUND_TOPICS } from '@pipeline/contracts';
import {
  DerivedOutputs,
  EmittedOutputs,
  JourneyState,
  decodeJourneyState,
  outputRecords,
  indexEntriesFor,
  parseEmittedOutputs,
} from '@pipeline/journey-domain';
import { KafkaPublisher } from '@pipeline/kafka';
import {
  AudienceIndexRepository,
  JourneyIndexRepository,
  JourneyStateRepository,
  OutboxEntry,
} from '@pipeline/redis-store';
import {
  CommitPlan,
  JourneyUnitOfWork,
  LoadedTarget,
  errorMessage,
  journeyPorts,
} from '@pipeline/unit-of-work';
import { DeadLetters } from '@pipeline/dead-letters';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { OutputCounts } from './output-counts';
import { SCHEDULER_SETTINGS, SchedulerSettings } from './scheduler-settings';

/** Decides a customer's outputs from the stored state and what was last emitted for it. */
export type OutputDecision = (
  customerId: string,
  state: JourneyState,
  previous: EmittedOutputs,
) => DerivedOutputs;

/** What one `write` did: counts, and the bookkeeping each settled customer ended with. */
export interface OutputsWriteReport {
  readonly counts: OutputCounts;
  /** Customers written or unchanged, with their emitted bookkeeping as stored now. */
  readonly settled: ReadonlyMap<string, EmittedOutputs>;
  /** Customers with no readable journey. */
  readonly missing: readonly string[];
  /**
   * The journey version each customer was last seen in (0 when nothing is stored): for index changes
   * made from this report, see `JourneyIndexRepository.apply`.
   */
  readonly versions: ReadonlyMap<string, number>;
}

/** What the writer keeps of a customer it decided for. */
interface Decided {
  readonly state: JourneyState;
  readonly emitted: EmittedOutputs;
  readonly entries: readonly OutboxEntry[];
  /** Nothing to write: no event, and the bookkeeping as stored. */
  readonly unchanged: boolean;
}

/**
 * Writes derived outputs decided outside the stream, through the same unit of work as the stream:
 * the emitted bookkeeping and the new events go into each customer's hash with the compare-and-set
 * script (the state itself unchanged), then the outbox is published, acknowledged, and the
 * customer's index entries rebuilt. A customer a concurrent batch wrote first is reloaded and decided
 * again, up to `maxCommitAttempts` times, then left for the next run. Outbox entries an earlier
 * writer left behind are published too: derived events are never lost, and their deterministic ids
 * let downstream drop the rare repeat.
 */
@Injectable()
export class DerivedOutputsWriter {
  private readonly logger = new Logger(DerivedOutputsWriter.name);
  private readonly unit: JourneyUnitOfWork;

  constructor(
    private readonly repository: JourneyStateRepository,
    indexes: JourneyIndexRepository,
    publisher: KafkaPublisher,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
    private readonly deadLetters: DeadLetters,
    audiences: AudienceIndexRepository,
  ) {
    this.unit = new JourneyUnitOfWork(journeyPorts({ repository, indexes, publisher, audiences }));
  }

  async write(customerIds: readonly string[], decide: OutputDecision): Promise<OutputsWriteReport> {
    const unique = [...new Set(customerIds)];
    const versions = new Map<string, number>();
    const unreadable = new Set<string>();
    const plan: CommitPlan<null, Decided> = {
      load: async (pending) => {
        const stored = await this.repository.loadMany([...pending.keys()]);
        const targets = new Map<string, LoadedTarget<null>>();
        for (const id of pending.keys()) {
          const current = stored.get(id);
          versions.set(id, current?.version ?? 0);
          // An erased customer's pending events never leave; a linked id's belong to its customer now.
          if (current === undefined || current.erasedAt !== undefined || current.linkedTo !== undefined)
            continue;
          targets.set(id, { stored: current, payload: null });
        }
        return { targets, journeys: stored };
      },
      decide: (customerId, { stored }) => {
        const data = stored.data;
        const state = data === null ? undefined : this.decodeState(customerId, data);
        if (data === null || state === undefined) {
          if (data !== null) unreadable.add(customerId);
          return undefined;
        }
        const previous = parseEmittedOutputs(stored.emitted);
        const outputs = decide(customerId, state, previous);
        const entries = outputRecords(customerId, outputs);
        if (outputs.profile) entries.push(outputs.profile);
        const emittedText = JSON.stringify(outputs.emitted);
        if (entries.length === 0 && (outputs.emitted === previous || emittedText === stored.emitted)) {
          return { result: { state, emitted: previous, entries, unchanged: true } };
        }
        return {
          result: { state, emitted: outputs.emitted, entries, unchanged: false },
          write: { data, emitted: emittedText, outbox: entries },
        };
      },
      maxAttempts: this.settings.maxCommitAttempts,
      whenExhausted: 'leave',
      reloadLinked: false,
    };
    const report = await this.unit.commit(plan, new Map(unique.map((id) => [id, null])));
    if (report.abandoned.size > 0) {
      this.logger.warn(
        `${report.abandoned.size} customers kept conflicting with the stream; left for the next run`,
      );
    }
    for (const [id, { version }] of report.committed) versions.set(id, version);

    const ours = new Set<string>();
    let clvEvents = 0;
    let churnRiskEvents = 0;
    let profiles = 0;
    let unchanged = 0;
    for (const { result } of report.committed.values()) {
      if (result.unchanged) unchanged += 1;
      for (const entry of result.entries) {
        ours.add(entry.id);
        if (entry.topic === OUTBOUND_TOPICS.clv) clvEvents += 1;
        else if (entry.topic === OUTBOUND_TOPICS.profile) profiles += 1;
        else churnRiskEvents += 1;
      }
    }
    const entries = report.outbox.entries();
    await this.unit.settle({
      deadLetters: [],
      outbox: report.outbox,
      indexUpdates: [...report.committed].map(([customerId, { result, version }]) => ({
        customerId,
        version,
        changes: indexEntriesFor(customerId, result.state, result.emitted, []),
      })),
      replacementFor: ({ message, error }) =>
        this.deadLetters.forRefused(message, errorMessage(error), new Date()),
      onLost: ({ message, error }) =>
        this.logger.error(
          `the broker refused ${message.topic} record ${message.key ?? ''} and its dead letter: ${String(error)}`,
        ),
    });
    const settled = new Map([...report.committed].map(([id, { result }]) => [id, result.emitted]));
    const missing = unique.filter((id) => !report.committed.has(id) && !report.abandoned.has(id));
    if (unreadable.size > 0) this.logger.warn(`${unreadable.size} stored journeys unreadable, skipped`);
    return {
      counts: {
        customers: unique.length,
        written: report.written,
        unchanged,
        missing: missing.length,
        abandoned: report.abandoned.size,
        clvEvents,
        churnRiskEvents,
        profiles,
        republished: entries.filter((entry) => !ours.has(entry.id)).length,
      },
      settled,
      missing,
      versions,
    };
  }

  /** The customer's state; undefined (with a warning) when it is unreadable. */
  private decodeState(customerId: string, data: string): JourneyState | undefined {
    const parsed = decodeJourneyState(data);
    if (parsed.ok) return parsed.state;
    // A scheduled job skips an unreadable journey and carries on with the rest; the stream
    // dead-letters the events that reach it.
    this.logger.warn(`stored journey of ${customerId} is unreadable, skipped: ${parsed.message}`);
    return undefined;
  }
}
