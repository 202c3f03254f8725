/**
 * A Nest handler failed with something that is not an `Error`: Nest's default RPC exception filter
 * turns every thrown error into `{ status: 'error', message }` (after logging the original). The
 * object is kept as `cause`.
 */
export class KafkaHandlerError extends Error {
  constructor(cause: unknown) {
    super(`batch handler failed: ${describe(cause)}`, { cause });
    this.name = KafkaHandlerError.name;
  }
}

function describe(cause: unknown): string {
  if (typeof cause === 'string') return cause;
  if (typeof cause === 'object' && cause !== null && 'message' in cause) {
    const { message } = cause;
    if (typeof message === 'string') return message;
  }
  try {
    return JSON.stringify(cause) ?? String(cause);
  } catch {
    return String(cause);
  }
}
