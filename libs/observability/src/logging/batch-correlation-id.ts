/**
 * The correlation id of one Kafka batch, `<topic>-<partition>-<firstOffset>`, or of a gathered unit of
 * batches: its first batch's id and `+<n>` for the n other batches in it. It names the work on every log
 * line written while it is processed; a redelivered batch gets the same id (a redelivered unit, the
 * same first batch). Undefined for anything that is not a batch or a list of them.
 */
export function batchCorrelationId(payload: unknown): string | undefined {
  if (Array.isArray(payload)) {
    const first: unknown = payload[0];
    const id = singleBatchId(first);
    if (id === undefined) return undefined;
    return payload.length > 1 ? `${id}+${payload.length - 1}` : id;
  }
  return singleBatchId(payload);
}

function singleBatchId(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { topic, partition, firstOffset } = payload as Record<string, unknown>;
  if (typeof topic !== 'string' || typeof partition !== 'number' || typeof firstOffset !== 'string') {
    return undefined;
  }
  return `${topic}-${partition}-${firstOffset}`;
}
