import { Channel } from './envelope/channels';
import { IdentityEventType } from './event-types';

/**
 * A validated `identify`: the anonymous journey kept under `properties.anonymousId` belongs to
 * `customerId`. Not a journey event: it has no stage.
 */
export interface IdentifyEvent {
  readonly eventId: string;
  /** The known customer. */
  readonly customerId: string;
  readonly type: IdentityEventType;
  /** Event time, epoch milliseconds. */
  readonly occurredAt: number;
  readonly sentAt?: number;
  readonly receivedAt?: number;
  readonly channel?: Channel;
  readonly properties: { readonly anonymousId: string };
  readonly schemaVersion: 1;
}
