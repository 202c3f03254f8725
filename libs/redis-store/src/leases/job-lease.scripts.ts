// Renew and release only a lease this holder still owns: another instance may have taken it over
// after it expired.

/** KEYS[1] the lease; ARGV[1] the holder's token; ARGV[2] the time to live, ms. Replies 1 when renewed. */
export const RENEW_LEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** KEYS[1] the lease; ARGV[1] the holder's token. Replies 1 when released. */
export const RELEASE_LEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
