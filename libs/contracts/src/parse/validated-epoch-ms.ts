import { parseIsoTimestamp } from '../envelope/iso-timestamp';

/** Epoch ms of a timestamp the envelope DTO already accepted; a failure here is a bug, not bad input. */
export function validatedEpochMs(iso: string): number {
  const parsed = parseIsoTimestamp(iso);
  if (!parsed.ok) throw new Error(`timestamp passed validation but does not parse: ${parsed.message}`);
  return parsed.epochMs;
}
