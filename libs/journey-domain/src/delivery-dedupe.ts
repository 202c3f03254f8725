import { eventFingerprint } from './event-fingerprint';
import { JourneyState } from './journey-state';
import { assertKafkaOffset, compareKafkaOffsets } from './kafka-offset';
import { ownValue, withSortedEntry } from './sorted-record';

/** Where a message was read from. */
export interface Delivery {
  readonly topic: string;
  readonly partition: number;
  /** 64-bit offset as a decimal string, as kafkajs gives it. */
  readonly offset: string;
  /**
   * The id the event was sent under when it was routed to the customer that id is linked to (an
   * anonymous id after `identify`). Its offsets are tracked apart from the customer's own: the two ids
   * usually sit on different partitions, and even on the same one their events interleave.
   */
  readonly via?: string;
}

/** Why a message was not applied: seen at this offset before, or the same event id sent again. */
export type DuplicateKind = 'redelivery' | 'event-id';

/** The dedupe bookkeeping of a state. */
export type DeliveryBookkeeping = Pick<JourneyState, 'wm' | 'ids'>;

/**
 * Separates the watermark of a routed id from the partition's: `topic:partition~anonymousId`. Kafka
 * topic names cannot contain `~` or `:`, so keys stay unambiguous.
 */
export const ROUTED_WATERMARK_SEPARATOR = '~';

function watermarkKey(delivery: Delivery): string {
  if (!Number.isSafeInteger(delivery.partition) || delivery.partition < 0) {
    throw new RangeError(`not a Kafka partition: ${delivery.partition}`);
  }
  const key = `${delivery.topic}:${delivery.partition}`;
  return delivery.via === undefined ? key : `${key}${ROUTED_WATERMARK_SEPARATOR}${delivery.via}`;
}

/**
 * Whether a message is a duplicate for this customer: a redelivery (its offset is at or below the
 * highest offset already applied from its topic-partition) or a producer duplicate (its event id is
 * among the recently applied ones).
 */
export function findDuplicate(
  state: JourneyState | undefined,
  delivery: Delivery,
  fingerprint: string,
): DuplicateKind | undefined {
  assertKafkaOffset(delivery.offset);
  const watermark = ownValue(state?.wm, watermarkKey(delivery));
  if (watermark !== undefined && compareKafkaOffsets(delivery.offset, watermark) <= 0) return 'redelivery';
  if (state?.ids?.includes(fingerprint)) return 'event-id';
  return undefined;
}

/**
 * The bookkeeping after a message was read: its offset becomes the watermark of its topic-partition,
 * and, if it was applied, its fingerprint joins the window of the `recentEventIds` latest.
 */
export function recordDelivery(
  state: JourneyState | undefined,
  delivery: Delivery,
  fingerprint: string,
  applied: { readonly recentEventIds: number } | undefined,
): DeliveryBookkeeping {
  const key = watermarkKey(delivery);
  const watermark = ownValue(state?.wm, key);
  const wm =
    watermark !== undefined && compareKafkaOffsets(delivery.offset, watermark) <= 0
      ? state?.wm
      : withSortedEntry(state?.wm, key, delivery.offset);
  if (applied === undefined) return { wm, ids: state?.ids };
  return { wm, ids: recentIdsWith(state?.ids ?? [], fingerprint, applied.recentEventIds) };
}

/**
 * The last `window` ids of `ids` followed by `fingerprint`. Copies only what is kept, in one pass,
 * instead of copying the whole window and then slicing it again.
 */
export function recentIdsWith(ids: readonly string[], fingerprint: string, window: number): string[] {
  if (window === 0) return [];
  // Callers validate the window; anything else keeps the slice's own reading of it.
  if (!Number.isSafeInteger(window) || window < 0) return [...ids, fingerprint].slice(-window);
  const kept: string[] = [];
  for (let i = Math.max(0, ids.length + 1 - window); i < ids.length; i += 1) kept.push(ids[i]);
  kept.push(fingerprint);
  return kept;
}

/** Whether a state already holds this event: a redelivery, or a producer duplicate within the window. */
export function isAlreadyApplied(
  state: JourneyState | undefined,
  eventId: string,
  delivery: Delivery,
): boolean {
  return findDuplicate(state, delivery, eventFingerprint(eventId)) !== undefined;
}
