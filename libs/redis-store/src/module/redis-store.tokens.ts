/** Injection token of the raw ioredis client (`Redis | Cluster`), e.g. for health checks. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
