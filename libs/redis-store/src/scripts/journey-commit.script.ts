import type { Cluster, Redis, RedisKey, Result } from 'ioredis';
import { DATA_FIELD, ERASED_FIELD, LINK_FIELD, VERSION_FIELD } from '../keys/journey-keys';

/** Name under which the compare-and-set script is registered on a client with `defineCommand`. */
export const JOURNEY_COMMIT_COMMAND = 'journeyStoreCommit';

/** Reply status codes of the script. */
export const COMMIT_REPLY = { conflict: 0, committed: 1, erased: 2, linked: 3 } as const;

/**
 * Compare-and-set of one customer's journey hash, atomic because Redis runs a script to completion.
 *
 * KEYS[1] the journey hash; ARGV[1] the expected version; ARGV[2] the state JSON; ARGV[3..] outbox
 * field/value pairs. Replies `{1, newVersion}` when committed, `{0, currentVersion}` on a conflict
 * without writing anything. A tombstone (`x`: the customer was erased) replies `{2, 0}` and a linked
 * id (`a`) `{3, 0}`, whatever the version: neither is ever written over, so a batch that loaded the
 * journey before an erasure or an identify cannot bring it back. Integers only: RESP2 and RESP3 map
 * Lua booleans differently.
 * The version is formatted with %d because Lua's default number formatting switches to exponent
 * notation above 1e14, which tonumber would still read but other clients might not.
 */
export const JOURNEY_COMMIT_LUA = `
local fields = redis.call('HMGET', KEYS[1], '${VERSION_FIELD}', '${ERASED_FIELD}', '${LINK_FIELD}')
if fields[2] then
  return {${COMMIT_REPLY.erased}, 0}
end
if fields[3] then
  return {${COMMIT_REPLY.linked}, 0}
end
local stored = fields[1]
local current = 0
if stored then
  current = tonumber(stored)
  if current == nil then
    return redis.error_reply('ERR journey version field is not a number: ' .. KEYS[1])
  end
end
local expected = tonumber(ARGV[1])
if current ~= expected then
  return {${COMMIT_REPLY.conflict}, current}
end
local nextVersion = expected + 1
redis.call('HSET', KEYS[1], '${VERSION_FIELD}', string.format('%d', nextVersion), '${DATA_FIELD}', ARGV[2], unpack(ARGV, 3))
return {${COMMIT_REPLY.committed}, nextVersion}
`;

/**
 * Lua's unpack() fails beyond about 8000 values (LUAI_MAXCSTACK); two per entry, with headroom. A
 * write over the limit is refused before it reaches Redis, with a message that says why.
 */
export const MAX_OUTBOX_ENTRIES_PER_WRITE = 1000;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** The journey compare-and-set; see {@link JOURNEY_COMMIT_LUA}. */
    journeyStoreCommit(
      key: RedisKey,
      expectedVersion: string,
      data: string,
      ...outboxFieldsAndValues: string[]
    ): Result<[number, number], Context>;
  }
}

/**
 * Registers the store's scripts on a client. ioredis then sends EVALSHA and falls back to EVAL on a
 * NOSCRIPT reply (after a SCRIPT FLUSH, a restart or a failover), per connection and inside pipelines.
 * Registering again is harmless: the definition is keyed by name and the script is the same.
 */
export function defineJourneyCommands(client: Redis | Cluster): void {
  client.defineCommand(JOURNEY_COMMIT_COMMAND, { numberOfKeys: 1, lua: JOURNEY_COMMIT_LUA });
}
