/**
 * Writes one customer's profile into the audience indexes unless a profile reflecting more events is
 * there already (two writers' settles may land out of order).
 *
 * KEYS: profiles, all, clv, seen, then every membership set (`AudienceKeys.sets`).
 * ARGV: customerId, events applied, stored JSON, CLV minor units or '', last seen ms, then '1' or '0'
 * per membership set. Replies 1 when written, 0 when older than what is there.
 */
export const AUDIENCE_UPSERT_LUA = `
local id = ARGV[1]
local old = redis.call('HGET', KEYS[1], id)
if old then
  local ok, decoded = pcall(cjson.decode, old)
  if ok and type(decoded) == 'table' and tonumber(decoded.n) and tonumber(decoded.n) > tonumber(ARGV[2]) then
    return 0
  end
end
redis.call('HSET', KEYS[1], id, ARGV[3])
redis.call('ZADD', KEYS[2], 0, id)
if ARGV[4] == '' then redis.call('ZREM', KEYS[3], id) else redis.call('ZADD', KEYS[3], ARGV[4], id) end
redis.call('ZADD', KEYS[4], ARGV[5], id)
for i = 5, #KEYS do
  if ARGV[i + 1] == '1' then redis.call('ZADD', KEYS[i], 0, id) else redis.call('ZREM', KEYS[i], id) end
end
return 1
`;

/** Removes customers from every audience index. KEYS as the upsert's; ARGV: the customer ids. */
export const AUDIENCE_REMOVE_LUA = `
for _, id in ipairs(ARGV) do
  redis.call('HDEL', KEYS[1], id)
  for i = 2, #KEYS do redis.call('ZREM', KEYS[i], id) end
end
return #ARGV
`;
