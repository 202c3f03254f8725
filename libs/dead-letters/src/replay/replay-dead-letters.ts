import { logicalTopic } from '@pipeline/kafka';
import type { DeadLetterTopicRecord } from './dead-letter-topic.reader';
import { planReplay, type NotReplayableCode, type OriginalAt, type ReplayRecord } from './replay-plan';
import { parseStoredDeadLetter, type StoredDeadLetter } from './stored-dead-letter';

/** What to replay. */
export interface ReplayOptions {
  /** Only dead letters with this `reason.code`. */
  readonly reason: string;
  /** Only dead letters written at or after this instant. */
  readonly since: Date;
  /** Only originals of this topic: its contract name or its name on the broker. */
  readonly topic?: string;
  /** Publish nothing and record nothing; report what would be replayed. */
  readonly dryRun: boolean;
}

/** What replay works with; each is a port, so the procedure is tested against fakes. */
export interface ReplayPorts {
  readonly topicPrefix: string;
  readonly reader: {
    read(sinceMs: number, onBatch: (records: DeadLetterTopicRecord[]) => Promise<void>): Promise<void>;
  };
  readonly publisher: { send(records: readonly ReplayRecord[]): Promise<void> };
  readonly ledger: {
    replayedAmong(ids: readonly string[]): Promise<Set<string>>;
    markReplayed(ids: readonly string[]): Promise<void>;
  };
  /** Called after each batch, e.g. to renew the lease that keeps a second replay out. */
  readonly onProgress?: () => Promise<void>;
}

/** A dead letter whose original was not replayed, and why. */
export interface NotReplayed {
  readonly deadLetter: { readonly partition: number; readonly offset: string };
  /** Where the original was read; absent when the dead letter itself cannot be read. */
  readonly source?: OriginalAt;
  readonly code: NotReplayableCode;
  readonly why: string;
}

/** The outcome of a replay, printed as JSON by `npm run dlq:replay`. */
export interface ReplayReport {
  readonly dryRun: boolean;
  readonly reason: string;
  readonly since: string;
  readonly topic: string | null;
  /** Dead letters read (every reason) from `since` to the end of the topic. */
  readonly scanned: number;
  /** Those of the reason (and topic) asked for. */
  readonly matched: number;
  /** Originals published now (in a dry run: that would be). */
  readonly replayed: number;
  readonly replayedByTopic: Record<string, number>;
  /** Originals a previous run already published (or that another dead letter of this run names). */
  readonly alreadyReplayed: number;
  /** Matched dead letters whose original cannot be replayed, by code. */
  readonly notReplayedByCode: Partial<Record<NotReplayableCode, number>>;
  /** The first {@link MAX_LISTED} of them, with the reason. */
  readonly notReplayed: NotReplayed[];
}

/** Dead letters listed one by one in a report's `notReplayed`; all are counted. */
export const MAX_LISTED = 1_000;

/**
 * Re-publishes the originals of the dead letters that match `options` onto their source topic and
 * partition, byte for byte, and reports what it could not replay and why.
 *
 * Idempotence: an original is identified by its source topic, partition and offset. Before
 * publishing, the ids already in the ledger (and those seen earlier in this run) are skipped; after
 * the broker acknowledged a batch, its ids are added to the ledger. A second run therefore publishes
 * nothing again. The one window: a crash after the broker acknowledged a batch and before the ledger
 * recorded it re-publishes that batch (at most ~500 records) on the next run; the processor counts
 * such a copy once, as it does any producer duplicate (same eventId). Replays must not run
 * concurrently; the caller holds a lease.
 */
export async function replayDeadLetters(options: ReplayOptions, ports: ReplayPorts): Promise<ReplayReport> {
  const report = {
    scanned: 0,
    matched: 0,
    replayed: 0,
    alreadyReplayed: 0,
    replayedByTopic: {} as Record<string, number>,
    notReplayedByCode: {} as Partial<Record<NotReplayableCode, number>>,
    notReplayed: [] as NotReplayed[],
  };
  const seen = new Set<string>();
  const notReplayed = (entry: NotReplayed) => {
    report.notReplayedByCode[entry.code] = (report.notReplayedByCode[entry.code] ?? 0) + 1;
    if (report.notReplayed.length < MAX_LISTED) report.notReplayed.push(entry);
  };
  const wantedTopic = (letter: StoredDeadLetter, physical: string) =>
    options.topic === undefined ||
    options.topic === physical ||
    options.topic === (letter.source.logicalTopic ?? logicalTopic(ports.topicPrefix, physical));

  await ports.reader.read(options.since.getTime(), async (records) => {
    const planned: Array<{ id: string; record: ReplayRecord }> = [];
    for (const stored of records) {
      report.scanned += 1;
      if (stored.timestamp < options.since.getTime()) continue;
      if (stored.reasonCode !== undefined && stored.reasonCode !== options.reason) continue;
      const deadLetter = { partition: stored.partition, offset: stored.offset };
      const parsed = parseStoredDeadLetter(stored.value);
      if (!parsed.ok) {
        report.matched += 1;
        notReplayed({ deadLetter, code: 'UNREADABLE', why: parsed.why });
        continue;
      }
      if (parsed.letter.reasonCode !== options.reason) continue;
      const plan = planReplay(parsed.letter, ports.topicPrefix);
      if (!wantedTopic(parsed.letter, plan.source.topic)) continue;
      report.matched += 1;
      if (plan.kind === 'skip') {
        notReplayed({ deadLetter, source: plan.source, code: plan.code, why: plan.why });
      } else if (seen.has(plan.id)) {
        report.alreadyReplayed += 1;
      } else {
        seen.add(plan.id);
        planned.push(plan);
      }
    }
    const done = await ports.ledger.replayedAmong(planned.map((p) => p.id));
    const fresh = planned.filter((p) => !done.has(p.id));
    report.alreadyReplayed += planned.length - fresh.length;
    if (!options.dryRun && fresh.length > 0) {
      await ports.publisher.send(fresh.map((p) => p.record));
      await ports.ledger.markReplayed(fresh.map((p) => p.id));
    }
    for (const { record } of fresh)
      report.replayedByTopic[record.topic] = (report.replayedByTopic[record.topic] ?? 0) + 1;
    report.replayed += fresh.length;
    await ports.onProgress?.();
  });

  return {
    dryRun: options.dryRun,
    reason: options.reason,
    since: options.since.toISOString(),
    topic: options.topic ?? null,
    ...report,
  };
}
