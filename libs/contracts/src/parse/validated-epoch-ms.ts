/**
 * Epoch ms of a timestamp the envelope validation already accepted. `parseIsoTimestamp` checked its
 * shape, calendar and range and took its instant from `Date.parse`, so this takes the instant the same
 * way without repeating the checks (it runs for every event); a failure here is a bug, not bad input.
 */
export function validatedEpochMs(iso: string): number {
  const epochMs = Date.parse(iso);
  if (!Number.isFinite(epochMs)) throw new Error(`timestamp passed validation but does not parse: ${iso}`);
  return epochMs;
}
