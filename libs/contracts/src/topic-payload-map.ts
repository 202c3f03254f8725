import { IdentifyEnvelopeDto } from './envelope/identify-envelope.dto';
import { JourneyEventEnvelopeDto } from './envelope/journey-event-envelope.dto';
import { EventTypeOfStage } from './event-types';
import { ChurnRiskEventV1 } from './outbound/churn-risk.event';
import { ClvEventV1 } from './outbound/clv.event';
import { CustomerErasedEventV1 } from './outbound/customer-erased.event';
import { CustomerProfileV1 } from './outbound/customer-profile.event';
import { DeadLetterEventV1 } from './outbound/dead-letter.event';
import { StageChangedEventV1 } from './outbound/stage-changed.event';
import { IdentifyPropertiesDto } from './properties/identity-properties.dto';
import { PropertiesByType } from './properties/properties-by-type';
import { DEAD_LETTER_TOPIC, IDENTITY_TOPIC, INBOUND_TOPICS, JourneyStage, OUTBOUND_TOPICS } from './topics';

/** The wire envelope of one event type, with its typed properties. */
export type EnvelopeOf<T extends keyof PropertiesByType> = Omit<
  JourneyEventEnvelopeDto,
  'type' | 'properties'
> & {
  readonly type: T;
  readonly properties: PropertiesByType[T];
};

/** Any wire envelope an inbound topic of one stage accepts. */
export type StageEnvelope<S extends JourneyStage> = {
  [T in EventTypeOfStage<S>]: EnvelopeOf<T>;
}[EventTypeOfStage<S>];

/** The wire envelope of `identify` on the identity topic. */
export type IdentifyEnvelope = Omit<IdentifyEnvelopeDto, 'type' | 'properties'> & {
  readonly type: 'identify';
  readonly properties: IdentifyPropertiesDto;
};

/** Topic -> payload: publishing the wrong payload on a topic fails to compile. */
export interface TopicPayloadMap {
  [INBOUND_TOPICS.awareness]: StageEnvelope<'awareness'>;
  [INBOUND_TOPICS.consideration]: StageEnvelope<'consideration'>;
  [INBOUND_TOPICS.conversion]: StageEnvelope<'conversion'>;
  [INBOUND_TOPICS.retention]: StageEnvelope<'retention'>;
  [INBOUND_TOPICS.advocacy]: StageEnvelope<'advocacy'>;
  [IDENTITY_TOPIC]: IdentifyEnvelope;
  [OUTBOUND_TOPICS.clv]: ClvEventV1;
  [OUTBOUND_TOPICS.churnRisk]: ChurnRiskEventV1;
  [OUTBOUND_TOPICS.stageChanged]: StageChangedEventV1;
  [OUTBOUND_TOPICS.customerErased]: CustomerErasedEventV1;
  /** Null: the tombstone of an erased customer. */
  [OUTBOUND_TOPICS.profile]: CustomerProfileV1 | null;
  [DEAD_LETTER_TOPIC]: DeadLetterEventV1;
}
export type Topic = keyof TopicPayloadMap;
