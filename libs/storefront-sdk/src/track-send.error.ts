/** The broker did not acknowledge the event after every retry; `cause` is the last Kafka error. */
export class TrackSendError extends Error {
  override readonly name = 'TrackSendError';

  constructor(
    readonly attempts: number,
    override readonly cause: unknown,
  ) {
    super(
      `Kafka did not acknowledge the event after ${attempts} attempt(s): ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
  }
}
