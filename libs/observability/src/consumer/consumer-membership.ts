import type { KafkaConsumerEventName } from '@pipeline/kafka';

/** Where the consumer stands with its group, as its instrumentation events tell. */
export type MembershipState = 'not-joined' | 'joined' | 'crashed' | 'stopped' | 'disconnected';

export interface ConsumerMembership {
  readonly state: MembershipState;
  /** Epoch ms of the event that set the state (or of the start of watching). */
  readonly since: number;
  /** True between a rebalance starting and the next join. */
  readonly rebalancing: boolean;
}

/** The consumer's instrumentation events that change its membership. */
export const MEMBERSHIP_EVENTS = [
  'consumer.group_join',
  'consumer.rebalancing',
  'consumer.crash',
  'consumer.stop',
  'consumer.disconnect',
] as const satisfies readonly KafkaConsumerEventName[];

export type MembershipEvent = (typeof MEMBERSHIP_EVENTS)[number];

/**
 * The membership after `event`. Only a group join makes the consumer a member; a crash, a stop or a
 * disconnect ends it (kafkajs rejoins after a retriable crash, and the join then counts again). A
 * rebalance keeps the state: the member is rejoining and still holds its session.
 */
export function nextMembership(
  current: ConsumerMembership,
  event: MembershipEvent,
  at: number,
): ConsumerMembership {
  switch (event) {
    case 'consumer.group_join':
      return { state: 'joined', since: at, rebalancing: false };
    case 'consumer.rebalancing':
      return { ...current, rebalancing: true };
    case 'consumer.crash':
      return { state: 'crashed', since: at, rebalancing: false };
    case 'consumer.stop':
      return { state: 'stopped', since: at, rebalancing: false };
    case 'consumer.disconnect':
      return { state: 'disconnected', since: at, rebalancing: false };
  }
}
