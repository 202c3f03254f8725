const OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/**
 * Corrects a client's event time for its clock's offset, as Segment (`timestamp`) and Snowplow
 * (`derived_tstamp`) do: `occurredAt + (receivedAt - sentAt)`. `sentAt` and `occurredAt` come from the
 * same (possibly wrong) clock, so their difference is right; anchoring it to the collector's
 * `receivedAt` removes the clock's offset (network latency stays in, a few hundred ms at most).
 *
 * The result is written in the UTC offset of the original `occurredAt`, to the millisecond.
 */
export function correctedOccurredAt(
  occurredAtText: string,
  occurredAtMs: number,
  sentAtMs: number,
  receivedAtMs: number,
): string {
  const corrected = occurredAtMs + (receivedAtMs - sentAtMs);
  const offset = OFFSET.exec(occurredAtText)?.[1] ?? 'Z';
  if (offset === 'Z') return new Date(corrected).toISOString();
  const sign = offset.startsWith('-') ? -1 : 1;
  const offsetMinutes = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(corrected + offsetMinutes * 60_000).toISOString().replace('Z', offset);
}
