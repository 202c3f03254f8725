import type { Cluster, Redis, RedisKey, Result } from 'ioredis';
import { DATA_FIELD, ERASED_FIELD, LINK_FIELD } from '../keys/journey-keys';

export const JOURNEY_ERASE_COMMAND = 'journeyStoreErase';
export const JOURNEY_SEAL_COMMAND = 'journeyStoreSeal';

/**
 * First step of an erasure: marks the hash erased (`x`, kept from the first erasure when there was
 * one). From then on the commit and link scripts refuse to write here. The rest of the hash stays
 * until {@link JOURNEY_SEAL_LUA}, so an erasure interrupted half-way can still find what it must clean
 * up (index entries, linked anonymous ids) when it is run again.
 *
 * KEYS[1] the hash; ARGV[1] the erasure time, epoch ms. Replies
 * `{erasedAt, state JSON or '', linked customer or '', 1 on the first erasure else 0}`.
 */
export const JOURNEY_ERASE_LUA = `
local fields = redis.call('HMGET', KEYS[1], '${ERASED_FIELD}', '${DATA_FIELD}', '${LINK_FIELD}')
local erasedAt = fields[1]
local first = 0
if not erasedAt then
  erasedAt = ARGV[1]
  first = 1
  redis.call('HSET', KEYS[1], '${ERASED_FIELD}', erasedAt)
end
return {erasedAt, fields[2] or '', fields[3] or '', first}
`;

/** Last step of an erasure: only the tombstone (`x`) remains. Replies 1, or 0 when not erased. */
export const JOURNEY_SEAL_LUA = `
local erasedAt = redis.call('HGET', KEYS[1], '${ERASED_FIELD}')
if not erasedAt then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], '${ERASED_FIELD}', erasedAt)
return 1
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** See {@link JOURNEY_ERASE_LUA}. */
    journeyStoreErase(key: RedisKey, erasedAt: string): Result<[string, string, string, number], Context>;
    /** See {@link JOURNEY_SEAL_LUA}. */
    journeyStoreSeal(key: RedisKey): Result<number, Context>;
  }
}

/** Registers the erasure scripts on a client. */
export function defineJourneyEraseCommands(client: Redis | Cluster): void {
  client.defineCommand(JOURNEY_ERASE_COMMAND, { numberOfKeys: 1, lua: JOURNEY_ERASE_LUA });
  client.defineCommand(JOURNEY_SEAL_COMMAND, { numberOfKeys: 1, lua: JOURNEY_SEAL_LUA });
}
