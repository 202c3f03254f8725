/** The tracker's buffer stayed full for the whole wait: the event was not taken (never dropped silently). */
export class BufferFullError extends Error {
  override readonly name = 'BufferFullError';

  constructor(
    readonly capacity: number,
    readonly waitedMs: number,
  ) {
    super(`the buffer of ${capacity} events stayed full for ${waitedMs} ms; the event was not taken`);
  }
}
