/**
 * Answers of the broker that refuse a record for what it is, not for the broker's state: sending the
 * same record again gets the same answer.
 */
const REFUSALS = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TIMESTAMP',
]);

/**
 * True when `error` (or an error it wraps, through `cause`) is the broker refusing a record for good:
 * too large, invalid, or with a timestamp out of the topic's bounds. Retrying cannot help; the record
 * must be replaced (a dead letter by its `minimal` stand-in) or set aside.
 */
export function isRecordRefusal(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current instanceof Error && !seen.has(current); current = current.cause) {
    seen.add(current);
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && REFUSALS.has(type)) return true;
  }
  return false;
}
