import {
  DATA_FIELD,
  EMITTED_FIELD,
  ERASED_FIELD,
  LINK_FIELD,
  VERSION_FIELD,
  outboxIdOf,
} from '../keys/journey-keys';
import { JourneyDecodeError } from './journey-decode.error';
import type { OutboxEntry, StoredJourney } from './journey-state.types';

/**
 * How an outbox entry is stored in its hash field. `seq` is [commit version, position in the commit]:
 * a hash has no field order worth trusting, and derived events of one customer must reach Kafka in the
 * order they were committed when several commits are waiting to be published.
 */
interface StoredOutboxEntry {
  readonly topic: string;
  readonly key: string | null;
  readonly value: string | null;
  readonly seq: readonly [version: number, position: number];
}

/** The hash field value of an outbox entry committed as `position` of the commit creating `version`. */
export function encodeOutboxEntry(entry: OutboxEntry, version: number, position: number): string {
  const stored: StoredOutboxEntry = {
    topic: entry.topic,
    key: entry.key,
    value: entry.value,
    seq: [version, position],
  };
  return JSON.stringify(stored);
}

/**
 * A StoredJourney from the fields HGETALL returned; an empty hash (no key) is the empty journey.
 * @throws JourneyDecodeError when a field was not written by this library.
 */
export function decodeStoredJourney(key: string, fields: Readonly<Record<string, string>>): StoredJourney {
  const pending: Array<{ entry: OutboxEntry; seq: readonly [number, number] }> = [];
  for (const [field, raw] of Object.entries(fields)) {
    const id = outboxIdOf(field);
    if (id !== undefined) pending.push(decodeOutboxEntry(key, field, id, raw));
  }
  pending.sort((a, b) => a.seq[0] - b.seq[0] || a.seq[1] - b.seq[1] || compareIds(a.entry.id, b.entry.id));
  const linkedTo = fields[LINK_FIELD];
  const erasedAt = fields[ERASED_FIELD];
  return {
    version: decodeVersion(key, fields[VERSION_FIELD]),
    data: fields[DATA_FIELD] ?? null,
    emitted: fields[EMITTED_FIELD] ?? null,
    outbox: pending.map(({ entry }) => entry),
    ...(linkedTo !== undefined && { linkedTo: decodeLink(key, linkedTo) }),
    ...(erasedAt !== undefined && { erasedAt: decodeErasedAt(key, erasedAt) }),
  };
}

function decodeLink(key: string, raw: string): string {
  if (raw.length === 0) throw new JourneyDecodeError(key, LINK_FIELD, 'empty customer id');
  return raw;
}

function decodeErasedAt(key: string, raw: string): number {
  const at = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(at)) throw new JourneyDecodeError(key, ERASED_FIELD, 'not epoch milliseconds');
  return at;
}

function decodeVersion(key: string, raw: string | undefined): number {
  if (raw === undefined) return 0;
  const version = /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(version)) throw new JourneyDecodeError(key, VERSION_FIELD, 'not an integer');
  return version;
}

function decodeOutboxEntry(
  key: string,
  field: string,
  id: string,
  raw: string,
): { entry: OutboxEntry; seq: readonly [number, number] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new JourneyDecodeError(key, field, 'not JSON');
  }
  if (!isStoredOutboxEntry(parsed)) {
    throw new JourneyDecodeError(key, field, 'not an outbox entry {topic, key, value, seq}');
  }
  return { entry: { id, topic: parsed.topic, key: parsed.key, value: parsed.value }, seq: parsed.seq };
}

function isStoredOutboxEntry(value: unknown): value is StoredOutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  const seq = candidate.seq;
  return (
    typeof candidate.topic === 'string' &&
    (typeof candidate.key === 'string' || candidate.key === null) &&
    (typeof candidate.value === 'string' || candidate.value === null) &&
    Array.isArray(seq) &&
    seq.length === 2 &&
    seq.every((part) => Number.isSafeInteger(part))
  );
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
