import { OUTBOUND_TOPICS } from '@pipeline/contracts';
import {
  DerivedOutputs,
  EmittedOutputs,
  JourneyState,
  decodeJourneyState,
  parseEmittedOutputs,
} from '@pipeline/journey-domain';
import { KafkaPublisher } from '@pipeline/kafka';
import {
  JourneyIndexRepository,
  JourneyStateRepository,
  JourneyWrite,
  OutboxEntry,
  indexChangesFor,
} from '@pipeline/redis-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { derivedOutboxEntries } from '@pipeline/redis-store';
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

interface Pending {
  readonly state: JourneyState;
  readonly emitted: EmittedOutputs;
  readonly entries: readonly OutboxEntry[];
}

/**
 * Writes derived outputs decided outside the stream, the way the stream does: the emitted bookkeeping
 * and the new events go into each customer's hash with the compare-and-set script (the state itself
 * unchanged), then the outbox is published, acknowledged, and the customer's index entries rebuilt.
 * A customer a concurrent batch wrote first is reloaded and decided again, up to `maxCommitAttempts`
 * times, then left for the next run. Outbox entries an earlier writer left behind are published too:
 * derived events are never lost, and their deterministic ids let downstream drop the rare repeat.
 */
@Injectable()
export class DerivedOutputsWriter {
  private readonly logger = new Logger(DerivedOutputsWriter.name);

  constructor(
    private readonly repository: JourneyStateRepository,
    private readonly indexes: JourneyIndexRepository,
    private readonly publisher: KafkaPublisher,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  async write(customerIds: readonly string[], decide: OutputDecision): Promise<OutputsWriteReport> {
    const outbox = new Map<string, Map<string, OutboxEntry>>();
    const ours = new Set<string>();
    const settled = new Map<string, { state: JourneyState; emitted: EmittedOutputs }>();
    const versions = new Map<string, number>();
    const missing: string[] = [];
    let written = 0;
    let unchanged = 0;
    let clvEvents = 0;
    let churnRiskEvents = 0;

    let pending = [...new Set(customerIds)];
    for (let attempt = 1; attempt <= this.settings.maxCommitAttempts && pending.length > 0; attempt += 1) {
      const stored = await this.repository.loadMany(pending);
      const writes: JourneyWrite[] = [];
      const decided = new Map<string, Pending>();
      for (const customerId of pending) {
        const current = stored.get(customerId);
        versions.set(customerId, current?.version ?? 0);
        // An erased customer's pending events never leave; a linked id's belong to its customer now.
        if (current?.erasedAt !== undefined || current?.linkedTo !== undefined) {
          missing.push(customerId);
          continue;
        }
        if (current) addToOutbox(outbox, customerId, current.outbox);
        const data = current?.data ?? null;
        const state = data === null ? undefined : this.decodeState(customerId, data);
        if (!current || data === null || !state) {
          missing.push(customerId);
          continue;
        }
        const previous = parseEmittedOutputs(current.emitted);
        const outputs = decide(customerId, state, previous);
        const entries = derivedOutboxEntries(customerId, outputs);
        const emittedText = JSON.stringify(outputs.emitted);
        if (entries.length === 0 && (outputs.emitted === previous || emittedText === current.emitted)) {
          unchanged += 1;
          settled.set(customerId, { state, emitted: previous });
          continue;
        }
        decided.set(customerId, { state, emitted: outputs.emitted, entries });
        writes.push({
          customerId,
          expectedVersion: current.version,
          data,
          emitted: emittedText,
          outbox: entries,
        });
      }
      const outcomes = await this.repository.commitMany(writes);
      const conflicts: string[] = [];
      for (const outcome of outcomes) {
        const result = decided.get(outcome.customerId);
        if (!result) continue;
        if (outcome.status === 'conflict') {
          conflicts.push(outcome.customerId);
          continue;
        }
        if (outcome.status !== 'committed') {
          // Erased, or linked to another customer by an identify, since it was read: nothing to write.
          missing.push(outcome.customerId);
          outbox.delete(outcome.customerId);
          continue;
        }
        written += 1;
        versions.set(outcome.customerId, outcome.version);
        settled.set(outcome.customerId, { state: result.state, emitted: result.emitted });
        addToOutbox(outbox, outcome.customerId, result.entries);
        for (const entry of result.entries) {
          ours.add(entry.id);
          if (entry.topic === OUTBOUND_TOPICS.clv) clvEvents += 1;
          else churnRiskEvents += 1;
        }
      }
      pending = conflicts;
    }
    if (pending.length > 0) {
      this.logger.warn(`${pending.length} customers kept conflicting with the stream; left for the next run`);
    }

    const entries = [...outbox.values()].flatMap((byId) => [...byId.values()]);
    await this.publisher.publish(entries.map(({ topic, key, value }) => ({ topic, key, value })));
    await this.repository.ackOutbox(
      [...outbox].map(([customerId, byId]) => ({ customerId, ids: [...byId.keys()] })),
    );
    await this.indexes.apply(
      [...settled].map(([customerId, { state, emitted }]) => ({
        customerId,
        version: versions.get(customerId) ?? 0,
        changes: indexChangesFor(customerId, state, emitted, []),
      })),
    );
    return {
      counts: {
        customers: new Set(customerIds).size,
        written,
        unchanged,
        missing: missing.length,
        abandoned: pending.length,
        clvEvents,
        churnRiskEvents,
        republished: entries.filter((entry) => !ours.has(entry.id)).length,
      },
      settled: new Map([...settled].map(([customerId, { emitted }]) => [customerId, emitted])),
      missing,
      versions,
    };
  }

  /** The customer's state; undefined (with a warning) when it is unreadable. */
  private decodeState(customerId: string, data: string): JourneyState | undefined {
    const parsed = decodeJourneyState(data);
    if (parsed.ok) return parsed.state;
    // The stream stops loudly on such a state; a scheduled job skips it and carries on with the rest.
    this.logger.warn(`stored journey of ${customerId} is unreadable, skipped: ${parsed.message}`);
    return undefined;
  }
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
