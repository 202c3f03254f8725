import type { KafkaBatchServer } from '@pipeline/kafka';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { MEMBERSHIP_EVENTS, nextMembership, type ConsumerMembership } from './consumer-membership';

/** The consumer being watched: its group and the physical topics it subscribes. */
export interface WatchedConsumer {
  readonly group: string;
  readonly topics: readonly string[];
}

/**
 * Follows one `KafkaBatchServer`'s group membership through its consumer instrumentation events, for
 * the readiness check, and names the group and topics whose lag the lag monitor reads. Call `watch`
 * before the server starts, so the first group join is seen.
 */
@Injectable()
export class ConsumerGroupWatch implements OnApplicationShutdown {
  private watched?: WatchedConsumer;
  private current: ConsumerMembership = { state: 'not-joined', since: Date.now(), rebalancing: false };
  private readonly unsubscribe: Array<() => void> = [];

  watch(server: KafkaBatchServer): void {
    if (this.watched) throw new Error('ConsumerGroupWatch already watches a consumer');
    this.watched = { group: server.consumerGroupId, topics: [...server.subscribedTopics] };
    for (const event of MEMBERSHIP_EVENTS) {
      this.unsubscribe.push(
        server.on(event, () => {
          this.current = nextMembership(this.current, event, Date.now());
        }),
      );
    }
  }

  /** The watched consumer, if any. */
  get consumer(): WatchedConsumer | undefined {
    return this.watched;
  }

  get membership(): ConsumerMembership {
    return this.current;
  }

  onApplicationShutdown(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }
}
