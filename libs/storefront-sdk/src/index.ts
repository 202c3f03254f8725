export * from './journey-tracker';
export * from './journey-tracker.options';
export * from './track-input';
export * from './track-validation.error';
export * from './buffer-full.error';
export * from './track-send.error';
export * from './tracker-closed.error';
export type { RetryPolicy } from './retry-backoff';
export type { EventIdGenerator } from './event-id';
export {
  ALL_EVENT_TYPES,
  CHANNELS,
  INBOUND_TOPICS,
  JOURNEY_STAGES,
  stageOfEventType,
  type Channel,
  type EnvelopeOf,
  type EventType,
  type JourneyStage,
  type PropertiesByType,
  type Rejection,
  type RejectionCode,
} from '@pipeline/contracts';
export { type IdentifyBatchInput, type IdentifyInput } from './prepare-identify';
