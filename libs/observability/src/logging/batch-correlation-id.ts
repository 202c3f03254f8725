/**
 * The correlation id of one Kafka batch, `<topic>-<partition>-<firstOffset>`: it names the batch on
 * every log line written while it is processed, and a redelivery of the same batch gets the same id.
 * Undefined for anything that is not a batch.
 */
export function batchCorrelationId(payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const { topic, partition, firstOffset } = payload as Record<string, unknown>;
  if (typeof topic !== 'string' || typeof partition !== 'number' || typeof firstOffset !== 'string') {
    return undefined;
  }
  return `${topic}-${partition}-${firstOffset}`;
}
