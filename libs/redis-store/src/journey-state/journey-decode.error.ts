/**
 * A journey hash holds something this library did not write (a non-numeric version, a malformed outbox
 * entry). Not transient: retrying the batch will not fix it, so callers should not treat it as such.
 */
export class JourneyDecodeError extends Error {
  readonly code = 'JOURNEY_DECODE_FAILED';

  constructor(
    readonly key: string,
    readonly field: string,
    reason: string,
  ) {
    super(`cannot decode field ${JSON.stringify(field)} of ${key}: ${reason}`);
    this.name = JourneyDecodeError.name;
  }
}
