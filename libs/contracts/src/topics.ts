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

/** Derived topics the pipeline produces, keyed by customerId. */
export const OUTBOUND_TOPICS = {
  clv: 'customer.clv.v1',
  churnRisk: 'customer.churn-risk.v1',
  stageChanged: 'customer.stage-changed.v1',
} as const;
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

/** All inbound topics in funnel order. */
export const ALL_INBOUND_TOPICS: readonly InboundTopic[] = JOURNEY_STAGES.map(
  (stage) => INBOUND_TOPICS[stage],
);
