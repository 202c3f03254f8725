import { JourneyState } from './journey-state';
import { assertKafkaOffset, compareKafkaOffsets } from './kafka-offset';
import { ownValue, withSortedEntry } from './sorted-record';

/** Where a message was read from. */
export interface Delivery {
  readonly topic: string;
  readonly partition: number;
  /** 64-bit offset as a decimal string, as kafkajs gives it. */
  readonly offset: string;
}

/** Why a message was not applied: seen at this offset before, or the same event id sent again. */
export type DuplicateKind = 'redelivery' | 'event-id';

/** The dedupe bookkeeping of a state. */
export type DeliveryBookkeeping = Pick<JourneyState, 'wm' | 'ids'>;

function watermarkKey(delivery: Delivery): string {
  if (!Number.isSafeInteger(delivery.partition) || delivery.partition < 0) {
    throw new RangeError(`not a Kafka partition: ${delivery.partition}`);
  }
  return `${delivery.topic}:${delivery.partition}`;
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
  const window = applied.recentEventIds;
  const ids = window === 0 ? [] : [...(state?.ids ?? []), fingerprint].slice(-window);
  return { wm, ids };
}
