/** The five journey stages, in funnel order. */
export const JOURNEY_STAGES = ['awareness', 'consideration', 'conversion', 'retention', 'advocacy'] as const;
export type JourneyStage = (typeof JOURNEY_STAGES)[number];

/** Inbound topics, one per stage, keyed by customerId. */
export const INBOUND_TOPICS = {
  awareness: 'journey.awareness.v1',
  consideration: 'journey.consideration.v1',
  conversion: 'journey.conversion.v1',
  retention: 'journey.retention.v1',
  advocacy: 'journey.advocacy.v1',
} as const satisfies Record<JourneyStage, string>;
export type InboundTopic = (typeof INBOUND_TOPICS)[JourneyStage];

/**
 * Identity topic, keyed by the known customerId: `identify` links an anonymous id (a visitor's journey
 * before sign-in) to that customer.
 */
export const IDENTITY_TOPIC = 'journey.identity.v1' as const;
export type IdentityTopic = typeof IDENTITY_TOPIC;

/** Derived topics the pipeline produces, keyed by customerId. */
export const OUTBOUND_TOPICS = {
  clv: 'customer.clv.v1',
  churnRisk: 'customer.churn-risk.v1',
  stageChanged: 'customer.stage-changed.v1',
  /** The pipeline erased everything it kept about a customer (right to be forgotten). */
  customerErased: 'customer.erased.v1',
  /**
   * Compacted (cleanup.policy=compact): the latest record per customer is the current profile, a null
   * value the tombstone of an erased customer.
   */
  profile: 'customer.profile.v1',
} as const;

/** Derived topics created with cleanup.policy=compact: their latest record per key is what counts. */
export const COMPACTED_TOPICS: readonly OutboundTopic[] = [OUTBOUND_TOPICS.profile];
export type OutboundTopic = (typeof OUTBOUND_TOPICS)[keyof typeof OUTBOUND_TOPICS];

/** Where messages that fail validation go, with their original bytes and a typed reason. */
export const DEAD_LETTER_TOPIC = 'journey.dead-letter.v1' as const;
export type DeadLetterTopic = typeof DEAD_LETTER_TOPIC;

const STAGE_BY_TOPIC = new Map<string, JourneyStage>(
  JOURNEY_STAGES.map((stage) => [INBOUND_TOPICS[stage], stage] as const),
);

/** The stage an inbound topic carries, or undefined for any other topic. */
export function stageOfTopic(topic: string): JourneyStage | undefined {
  return STAGE_BY_TOPIC.get(topic);
}

/** The five stage topics in funnel order. */
export const ALL_INBOUND_TOPICS: readonly InboundTopic[] = JOURNEY_STAGES.map(
  (stage) => INBOUND_TOPICS[stage],
);

/** Every topic the journey processor consumes: the stage topics, then the identity topic. */
export const JOURNEY_INPUT_TOPICS: readonly (InboundTopic | IdentityTopic)[] = [
  ...ALL_INBOUND_TOPICS,
  IDENTITY_TOPIC,
];
