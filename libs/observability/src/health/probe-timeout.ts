/** How long one readiness probe waits for Redis or Kafka before calling it down. */
export const PROBE_TIMEOUT_MS = 2_000;
