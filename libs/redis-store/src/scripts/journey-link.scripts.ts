import type { Cluster, Redis, RedisKey, Result } from 'ioredis';
import { ERASED_FIELD, LINK_FIELD, VERSION_FIELD } from '../keys/journey-keys';

export const JOURNEY_LINK_COMMAND = 'journeyStoreLink';
export const JOURNEY_UNLINK_COMMAND = 'journeyStoreUnlink';
export const JOURNEY_RETIRE_COMMAND = 'journeyStoreRetire';

/** Reply status codes of the link script. */
export const LINK_REPLY = {
  conflict: 0,
  linked: 1,
  erased: 2,
  linkedElsewhere: 3,
  alreadyLinked: 4,
} as const;

/**
 * Links an id's hash to a customer: sets `a` so that the commit script refuses every later write and
 * events for the id go to the customer. Compare-and-set on the version, so the journey that is merged is
 * exactly the one the caller read. Leaves every other field in place: until the caller has merged the
 * journey into the customer and published its outbox, the hash is the merge's crash-safe source.
 *
 * KEYS[1] the hash; ARGV[1] the expected version; ARGV[2] the customer id. Replies `{status, version}`:
 * 1 linked; 4 already linked to this customer; 3 linked to another customer; 2 erased; 0 conflict.
 */
export const JOURNEY_LINK_LUA = `
local fields = redis.call('HMGET', KEYS[1], '${VERSION_FIELD}', '${ERASED_FIELD}', '${LINK_FIELD}')
if fields[2] then
  return {${LINK_REPLY.erased}, 0}
end
if fields[3] then
  if fields[3] == ARGV[2] then
    return {${LINK_REPLY.alreadyLinked}, 0}
  end
  return {${LINK_REPLY.linkedElsewhere}, 0}
end
local current = 0
if fields[1] then
  current = tonumber(fields[1])
end
if current ~= tonumber(ARGV[1]) then
  return {${LINK_REPLY.conflict}, current or -1}
end
redis.call('HSET', KEYS[1], '${LINK_FIELD}', ARGV[2])
return {${LINK_REPLY.linked}, current}
`;

/** Removes a link to ARGV[1] (and only to it), handing the hash back to its own id. Replies 1 or 0. */
export const JOURNEY_UNLINK_LUA = `
if redis.call('HGET', KEYS[1], '${LINK_FIELD}') == ARGV[1] then
  redis.call('HDEL', KEYS[1], '${LINK_FIELD}')
  return 1
end
return 0
`;

/**
 * Once a linked journey is merged and its outbox published: drops everything but the link to ARGV[1],
 * so the hash keeps only what routes late events. Replies 1, or 0 when the hash is not linked to ARGV[1].
 */
export const JOURNEY_RETIRE_LUA = `
if redis.call('HGET', KEYS[1], '${LINK_FIELD}') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  redis.call('HSET', KEYS[1], '${LINK_FIELD}', ARGV[1])
  return 1
end
return 0
`;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    /** See {@link JOURNEY_LINK_LUA}. */
    journeyStoreLink(
      key: RedisKey,
      expectedVersion: string,
      customerId: string,
    ): Result<[number, number], Context>;
    /** See {@link JOURNEY_UNLINK_LUA}. */
    journeyStoreUnlink(key: RedisKey, customerId: string): Result<number, Context>;
    /** See {@link JOURNEY_RETIRE_LUA}. */
    journeyStoreRetire(key: RedisKey, customerId: string): Result<number, Context>;
  }
}

/** Registers the link scripts on a client (EVALSHA with an EVAL fallback, as for the commit script). */
export function defineJourneyLinkCommands(client: Redis | Cluster): void {
  client.defineCommand(JOURNEY_LINK_COMMAND, { numberOfKeys: 1, lua: JOURNEY_LINK_LUA });
  client.defineCommand(JOURNEY_UNLINK_COMMAND, { numberOfKeys: 1, lua: JOURNEY_UNLINK_LUA });
  client.defineCommand(JOURNEY_RETIRE_COMMAND, { numberOfKeys: 1, lua: JOURNEY_RETIRE_LUA });
}
