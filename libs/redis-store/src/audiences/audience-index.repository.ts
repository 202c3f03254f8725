import {
  AudienceFilter,
  CustomerProfileV1,
  OUTBOUND_TOPICS,
  audienceAttributes,
  matchesAudience,
} from '@pipeline/contracts';
import type { Cluster, Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { AUDIENCE_REMOVE_LUA, AUDIENCE_UPSERT_LUA } from './audience.scripts';
import { AudienceKeys, audienceKeys } from './audience.keys';

/** A derived record as the outbox holds it: only `customer.profile.v1` ones concern audiences. */
export interface ProfileRecord {
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | null;
}

/** One page of an audience walk. */
export interface AudiencePage {
  readonly profiles: readonly CustomerProfileV1[];
  /** Where the next page starts (the last customerId examined), or null at the end of the walk. */
  readonly next: string | null;
}

interface StoredProfile {
  readonly n: number;
  readonly profile: CustomerProfileV1;
}

/**
 * The audience indexes (see `audienceKeys`): kept from the `customer.profile.v1` records each writer
 * publishes, read by the audience API. A page reads the customers after the cursor, in customerId
 * order, from the smallest membership set the filter names (or every customer), and checks the rest
 * of the filter on their stored profiles: its work is bounded by `maxExamined`, never by the
 * population. A count combines the indexes in Redis (union within a criterion, score ranges for CLV
 * and last seen, intersection across criteria) in one transaction.
 */
export class AudienceIndexRepository {
  private readonly keys: AudienceKeys;

  constructor(
    private readonly client: Redis | Cluster,
    keyPrefix: string,
  ) {
    this.keys = audienceKeys(keyPrefix);
  }

  /** Applies the profiles (and tombstones) among derived records, the last one per customer. */
  async applyProfiles(records: readonly ProfileRecord[]): Promise<void> {
    const latest = new Map<string, string | null>();
    for (const { topic, key, value } of records) {
      if (topic === OUTBOUND_TOPICS.profile && key !== null) latest.set(key, value);
    }
    const removed = [...latest].filter(([, value]) => value === null).map(([id]) => id);
    if (removed.length > 0) await this.remove(removed);
    for (const [id, value] of latest) if (value !== null) await this.upsert(id, value);
  }

  /** Removes customers from every audience index (erasure). */
  async remove(customerIds: readonly string[]): Promise<void> {
    if (customerIds.length === 0) return;
    const keys = [this.keys.profiles, this.keys.all, this.keys.clv, this.keys.seen, ...this.keys.sets];
    await this.client.eval(AUDIENCE_REMOVE_LUA, keys.length, ...keys, ...customerIds);
  }

  private async upsert(customerId: string, value: string): Promise<void> {
    let profile: CustomerProfileV1;
    let a: ReturnType<typeof audienceAttributes>;
    try {
      profile = JSON.parse(value) as CustomerProfileV1;
      a = audienceAttributes(profile);
    } catch {
      // A profile the indexes cannot read will not become readable on a retry: the customer leaves
      // the audiences (rather than stay with an older profile) and the unit goes on.
      await this.remove([customerId]);
      return;
    }
    const member = new Set<string>([
      ...(a.churnBand ? [this.keys.band(a.churnBand)] : []),
      ...(a.clvSegment ? [this.keys.segment(a.clvSegment)] : []),
      this.keys.stage(a.stage),
      ...a.granted.map((channel) => this.keys.consent(channel)),
    ]);
    const stored: StoredProfile = { n: profile.reflects.eventsApplied, profile };
    const keys = [this.keys.profiles, this.keys.all, this.keys.clv, this.keys.seen, ...this.keys.sets];
    await this.client.eval(
      AUDIENCE_UPSERT_LUA,
      keys.length,
      ...keys,
      customerId,
      String(stored.n),
      JSON.stringify(stored),
      a.clvMinor === null ? '' : String(a.clvMinor),
      String(a.lastSeen),
      ...this.keys.sets.map((key) => (member.has(key) ? '1' : '0')),
    );
  }

  /**
   * Up to `limit` profiles matching the filter with a customerId after `after`, in customerId order,
   * examining at most `maxExamined` customers: a page may hold fewer than `limit` (even none) and
   * still have a next cursor.
   */
  async page(
    filter: AudienceFilter,
    after: string | null,
    limit: number,
    maxExamined: number,
  ): Promise<AudiencePage> {
    const source = await this.walkSource(filter);
    const profiles: CustomerProfileV1[] = [];
    let cursor = after;
    let examined = 0;
    const chunk = Math.max(limit, 100);
    while (profiles.length < limit && examined < maxExamined) {
      const ids = await this.client.zrangebylex(
        source,
        cursor === null ? '-' : `(${cursor}`,
        '+',
        'LIMIT',
        0,
        chunk,
      );
      if (ids.length === 0) return { profiles, next: null };
      const stored = await this.client.hmget(this.keys.profiles, ...ids);
      for (let i = 0; i < ids.length; i += 1) {
        cursor = ids[i];
        examined += 1;
        const text = stored[i];
        if (text !== null && text !== undefined) {
          const { profile } = JSON.parse(text) as StoredProfile;
          if (matchesAudience(audienceAttributes(profile), filter)) profiles.push(profile);
        }
        if (profiles.length >= limit || examined >= maxExamined) break;
      }
      if (ids.length < chunk && cursor === ids[ids.length - 1] && profiles.length < limit) {
        return { profiles, next: null };
      }
    }
    return { profiles, next: cursor };
  }

  /** How many customers match the filter, from the indexes alone. */
  async count(filter: AudienceFilter): Promise<number> {
    const k = this.keys;
    const run = randomUUID();
    const scratch: string[] = [];
    const operands: string[] = [];
    const transaction = this.client.multi();
    const anyOf = (keys: readonly string[]): void => {
      if (keys.length === 1) {
        operands.push(keys[0]);
        return;
      }
      const key = k.scratch(`${run}:${scratch.length}`);
      scratch.push(key);
      operands.push(key);
      if (keys.length === 0) transaction.del(key);
      else transaction.zunionstore(key, keys.length, ...keys);
    };
    const range = (source: string, min: string, max: string): void => {
      const key = k.scratch(`${run}:${scratch.length}`);
      scratch.push(key);
      operands.push(key);
      transaction.zrangestore(key, source, min, max, 'BYSCORE');
    };
    if (filter.churnBands) anyOf(filter.churnBands.map(k.band));
    if (filter.clvSegments) anyOf(filter.clvSegments.map(k.segment));
    if (filter.stages) anyOf(filter.stages.map(k.stage));
    for (const channel of filter.consent ?? []) operands.push(k.consent(channel));
    if (filter.minClvMinor !== undefined || filter.maxClvMinor !== undefined) {
      range(k.clv, String(filter.minClvMinor ?? '-inf'), String(filter.maxClvMinor ?? '+inf'));
    }
    if (filter.lastSeenAfter !== undefined || filter.lastSeenBefore !== undefined) {
      range(
        k.seen,
        String(filter.lastSeenAfter ?? '-inf'),
        filter.lastSeenBefore === undefined ? '+inf' : `(${filter.lastSeenBefore}`,
      );
    }
    if (operands.length === 0) operands.push(k.all);
    transaction.call('ZINTERCARD', operands.length, ...operands);
    if (scratch.length > 0) transaction.del(...scratch);
    const replies = await transaction.exec();
    if (replies === null) throw new Error('the audience count transaction was aborted');
    const [error, count] = replies[replies.length - (scratch.length > 0 ? 2 : 1)];
    if (error) throw error;
    return Number(count);
  }

  /** The membership set a walk reads: the smallest one the filter requires, else every customer. */
  private async walkSource(filter: AudienceFilter): Promise<string> {
    const k = this.keys;
    const required = [
      ...(filter.churnBands?.length === 1 ? [k.band(filter.churnBands[0])] : []),
      ...(filter.clvSegments?.length === 1 ? [k.segment(filter.clvSegments[0])] : []),
      ...(filter.stages?.length === 1 ? [k.stage(filter.stages[0])] : []),
      ...(filter.consent ?? []).map(k.consent),
    ];
    if (required.length === 0) return k.all;
    const sizes = await Promise.all(required.map((key) => this.client.zcard(key)));
    return required[sizes.indexOf(Math.min(...sizes))];
  }
}
