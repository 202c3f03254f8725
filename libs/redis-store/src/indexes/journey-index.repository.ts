import { INDEX_MEMBER_SEPARATOR, JOURNEY_STAGES } from '@pipeline/contracts';
import type { Cluster, Redis } from 'ioredis';
import {
  DATA_FIELD,
  EMITTED_FIELD,
  ERASED_FIELD,
  LINK_FIELD,
  VERSION_FIELD,
  journeyKey,
} from '../keys/journey-keys';
import { type KeyedCommand, pipelinePerNode } from '../pipeline/pipeline-per-node';
import { IndexName, indexKey } from './journey-index.keys';

/** One change to a population index: add or move a member, or remove it. */
export type IndexChange =
  | { readonly index: IndexName; readonly op: 'set'; readonly member: string; readonly score: number }
  | { readonly index: IndexName; readonly op: 'remove'; readonly member: string };

/**
 * The index entries a journey calls for, from its state and emitted-outputs text as stored: the
 * domain's decision (`storedJourneyIndexEntries` in journey-domain), given to the repository so it can
 * rewrite a customer's entries when a concurrent commit overtook them.
 * @throws when the stored state is unreadable: such a journey must stop the writer, never be indexed.
 */
export type StoredJourneyIndexer = (
  customerId: string,
  data: string,
  emitted: string | null,
) => readonly IndexChange[];

/**
 * One customer's index changes and the version of the journey they were computed from: the version a
 * batch committed, or the one it loaded when it had nothing to write.
 */
export interface JourneyIndexUpdate {
  readonly customerId: string;
  readonly version: number;
  /** Changes of this customer's members only (members start with the customer id). */
  readonly changes: readonly IndexChange[];
}

/** A member of an index with its score. */
export interface IndexEntry {
  readonly member: string;
  readonly score: number;
}

/** Which members of customers {@link JourneyIndexRepository.removeCustomers} looks for by scanning. */
export interface CustomerIndexScan {
  /** Scan `idx:orders` for "<customerId> <orderId>" members. */
  readonly orders: boolean;
  /** Scan `idx:nps` for "<customerId> <eventId> <score>" members. */
  readonly nps: boolean;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const PAGE = 5_000;
/** Members per variadic ZADD / ZREM: bounded so one command never blocks Redis for long. */
const MEMBERS_PER_COMMAND = 500;
const SCAN_COUNT = 1_000;
/**
 * Rounds of "rewrite from the journey as it is now" before {@link JourneyIndexRepository.apply} gives
 * up (and the caller retries): each round needs another commit to the customer to land meanwhile.
 */
const MAX_CATCH_UP_ROUNDS = 5;

/** Indexes whose members are the bare customer id. */
export const CUSTOMER_MEMBER_INDEXES: readonly IndexName[] = [
  'customers',
  ...JOURNEY_STAGES.map((stage) => `stage:${stage}` as const),
  'clv',
  'churn-band',
  'churn-due',
];

/** The customer a member belongs to: members start with the customer id (see `journey-index.keys.ts`). */
function customerOf(member: string): string {
  const end = member.indexOf(INDEX_MEMBER_SEPARATOR);
  return end === -1 ? member : member.slice(0, end);
}

/** The net effect of a list of changes on one index: members to (re)score and members to remove. */
export interface IndexDelta {
  readonly index: IndexName;
  readonly sets: ReadonlyArray<readonly [score: number, member: string]>;
  readonly removes: readonly string[];
}

/**
 * Folds changes into one delta per index. Applying the changes one by one in order leaves each
 * member as its last change says (ZADD / ZREM of one member do not affect others), so only the last
 * change per member counts and the rest can go out as one variadic command per index.
 */
export function coalesceIndexChanges(changes: readonly IndexChange[]): IndexDelta[] {
  const byIndex = new Map<IndexName, Map<string, IndexChange>>();
  for (const change of changes) {
    let members = byIndex.get(change.index);
    if (!members) byIndex.set(change.index, (members = new Map<string, IndexChange>()));
    // Delete first: a re-inserted key moves to the end, keeping "last change wins" visible in order.
    members.delete(change.member);
    members.set(change.member, change);
  }
  return [...byIndex].map(([index, members]) => {
    const sets: Array<readonly [number, string]> = [];
    const removes: string[] = [];
    for (const change of members.values()) {
      if (change.op === 'set') sets.push([change.score, change.member]);
      else removes.push(change.member);
    }
    return { index, sets, removes };
  });
}

/** The fields of an HMGET reply, each a string or null. */
function fieldsOf(reply: unknown, count: number): Array<string | null> {
  if (!Array.isArray(reply) || reply.length !== count) {
    throw new TypeError(`HMGET of a journey returned ${JSON.stringify(reply)}, not ${count} fields`);
  }
  return reply.map((field) => (typeof field === 'string' ? field : null));
}

/** A journey's version as stored: absent means 0 (see `journey-keys.ts`). */
function versionOf(field: string | null): number {
  return field === null ? 0 : Number(field);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A glob matching exactly the literal text, for SCAN's MATCH. */
function literalGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * The population indexes (see `journey-index.keys.ts`). Changes are idempotent (ZADD / ZREM), so a
 * batch that is retried or redelivered simply writes them again.
 */
export class JourneyIndexRepository {
  constructor(
    private readonly client: Redis | Cluster,
    private readonly keyPrefix: string,
    private readonly entriesOfStoredJourney: StoredJourneyIndexer,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  /**
   * Writes each customer's changes (one pipelined round trip per Redis node, one variadic ZADD and
   * ZREM per index, see {@link coalesceIndexChanges}), then reads each journey's version and marks
   * (one more round trip) and mends what a concurrent writer may have overtaken:
   *
   * - A customer erased or linked away meanwhile: what was just set is withdrawn. The eraser marks
   *   the journey first, then removes the entries; this writes the entries first, then reads the mark.
   *   Either the read sees the mark, or it ran before the mark and the eraser's removal comes later.
   * - A journey whose version moved past the update's: another writer (a second processor holding
   *   another stage topic of the customer, the scheduler, an identify) committed after the state these
   *   changes come from, and its index write may have landed before this one, leaving entries of an
   *   older state. The customer's entries are rewritten from the journey as it is now, and checked
   *   again. The same reasoning holds for that writer: whichever write lands last, the writer whose
   *   version is the newest either landed last or sees a newer version and catches up. So once commits
   *   to a customer stop, its entries match its last committed journey.
   *
   * @throws RangeError when a customer appears twice (merge its changes first: only the newest
   *   version's entries are right).
   */
  async apply(updates: readonly JourneyIndexUpdate[]): Promise<void> {
    const customers = new Set<string>();
    for (const { customerId } of updates) {
      if (customers.has(customerId)) throw new RangeError(`index update of ${customerId} given twice`);
      customers.add(customerId);
    }
    let pending = updates;
    for (let round = 1; pending.length > 0; round += 1) {
      if (round > MAX_CATCH_UP_ROUNDS) {
        throw new Error(`index entries of ${pending.length} customers kept moving under concurrent writes`);
      }
      const commands = this.commandsFor(pending.flatMap((update) => update.changes));
      if (commands.length > 0) await pipelinePerNode(this.client, commands, this.timeoutMs);
      pending = await this.mendOvertaken(pending);
    }
  }

  /**
   * Withdraws what the updates set for journeys closed meanwhile; returns updates rebuilt from the
   * journeys whose version moved past the one the changes came from.
   */
  private async mendOvertaken(updates: readonly JourneyIndexUpdate[]): Promise<JourneyIndexUpdate[]> {
    if (updates.length === 0) return [];
    const replies = await pipelinePerNode(
      this.client,
      updates.map(({ customerId }): KeyedCommand => {
        const key = journeyKey(this.keyPrefix, customerId);
        return { key, queue: (p) => p.hmget(key, VERSION_FIELD, ERASED_FIELD, LINK_FIELD) };
      }),
      this.timeoutMs,
    );
    const withdrawals: IndexChange[] = [];
    const moved: string[] = [];
    updates.forEach((update, i) => {
      const [version, erased, link] = fieldsOf(replies[i], 3);
      if (erased !== null || link !== null) {
        for (const change of update.changes) {
          if (change.op === 'set')
            withdrawals.push({ index: change.index, op: 'remove', member: change.member });
        }
      } else if (versionOf(version) !== update.version) {
        moved.push(update.customerId);
      }
    });
    if (withdrawals.length > 0) {
      await pipelinePerNode(this.client, this.commandsFor(withdrawals), this.timeoutMs);
    }
    return moved.length === 0 ? [] : this.rebuild(moved);
  }

  /** The customers' index updates computed from their journeys as stored now (closed ones skipped). */
  private async rebuild(customerIds: readonly string[]): Promise<JourneyIndexUpdate[]> {
    const replies = await pipelinePerNode(
      this.client,
      customerIds.map((customerId): KeyedCommand => {
        const key = journeyKey(this.keyPrefix, customerId);
        return {
          key,
          queue: (p) => p.hmget(key, VERSION_FIELD, DATA_FIELD, EMITTED_FIELD, ERASED_FIELD, LINK_FIELD),
        };
      }),
      this.timeoutMs,
    );
    const updates: JourneyIndexUpdate[] = [];
    customerIds.forEach((customerId, i) => {
      const [version, data, emitted, erased, link] = fieldsOf(replies[i], 5);
      // Closed since the check: the eraser or the merge removes the entries. No journey: none to keep.
      if (erased !== null || link !== null || data === null) return;
      const changes = this.entriesOfStoredJourney(customerId, data, emitted);
      updates.push({ customerId, version: versionOf(version), changes });
    });
    return updates;
  }

  /**
   * Removes customers from every index: the indexes keyed by the bare id directly, and the order and
   * NPS members found by scanning those indexes for the customers' prefixes where `scan` asks for it.
   * A scan reads the whole index (once for all the customers), so callers that know there is nothing
   * to find skip it.
   */
  async removeCustomers(
    customerIds: readonly string[],
    scan: CustomerIndexScan = { orders: true, nps: true },
  ): Promise<void> {
    const ids = [...new Set(customerIds)];
    if (ids.length === 0) return;
    const prefixed: IndexName[] = [
      ...(scan.orders ? (['orders'] as const) : []),
      ...(scan.nps ? (['nps'] as const) : []),
    ];
    const members = await Promise.all(prefixed.map((index) => this.membersOf(index, ids)));
    const commands: KeyedCommand[] = CUSTOMER_MEMBER_INDEXES.map((index) => {
      const key = indexKey(this.keyPrefix, index);
      return { key, queue: (p) => p.zrem(key, ...ids) };
    });
    prefixed.forEach((index, i) => {
      const found = members[i] ?? [];
      if (found.length === 0) return;
      const key = indexKey(this.keyPrefix, index);
      commands.push({ key, queue: (p) => p.zrem(key, ...found) });
    });
    await pipelinePerNode(this.client, commands, this.timeoutMs);
  }

  /** Members of an index that belong to one of the customers ("<customerId> ..."), by a full ZSCAN. */
  private async membersOf(index: IndexName, customerIds: readonly string[]): Promise<string[]> {
    const key = indexKey(this.keyPrefix, index);
    const owners = new Set(customerIds);
    // One customer: let Redis filter. Several: read every member once and filter here.
    const pattern =
      customerIds.length === 1 ? `${literalGlob(customerIds[0] ?? '')}${INDEX_MEMBER_SEPARATOR}*` : '*';
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.client.zscan(key, cursor, 'MATCH', pattern, 'COUNT', SCAN_COUNT);
      for (let i = 0; i < flat.length; i += 2) {
        const member = flat[i];
        if (member !== undefined && owners.has(customerOf(member))) found.push(member);
      }
      cursor = next;
    } while (cursor !== '0');
    return found;
  }

  private commandsFor(changes: readonly IndexChange[]): KeyedCommand[] {
    const commands: KeyedCommand[] = [];
    for (const { index, sets, removes } of coalesceIndexChanges(changes)) {
      const key = indexKey(this.keyPrefix, index);
      for (const part of chunks(sets, MEMBERS_PER_COMMAND)) {
        const args = part.flatMap(([score, member]) => [score, member]);
        commands.push({ key, queue: (p) => p.zadd(key, ...args) });
      }
      for (const part of chunks(removes, MEMBERS_PER_COMMAND))
        commands.push({ key, queue: (p) => p.zrem(key, ...part) });
    }
    return commands;
  }

  /** Members scored within [min, max] (inclusive bounds; `-inf` / `+inf` allowed), in score order, paged. */
  async range(
    index: IndexName,
    min: number | '-inf',
    max: number | '+inf',
    limit = Number.POSITIVE_INFINITY,
  ): Promise<IndexEntry[]> {
    const key = indexKey(this.keyPrefix, index);
    const entries: IndexEntry[] = [];
    for (let offset = 0; entries.length < limit; offset += PAGE) {
      const count = Math.min(PAGE, limit - entries.length);
      const flat = await this.client.zrangebyscore(key, min, max, 'WITHSCORES', 'LIMIT', offset, count);
      for (let i = 0; i < flat.length; i += 2) entries.push({ member: flat[i], score: Number(flat[i + 1]) });
      if (flat.length < count * 2) break;
    }
    return entries;
  }

  /** Number of members scored within [min, max]. */
  async count(index: IndexName, min: number | '-inf', max: number | '+inf'): Promise<number> {
    return this.client.zcount(indexKey(this.keyPrefix, index), min, max);
  }

  /** Every member of an index with its score. */
  all(index: IndexName): Promise<IndexEntry[]> {
    return this.range(index, '-inf', '+inf');
  }
}
