import { IsIn } from 'class-validator';
import { ALL_EVENT_TYPES, EventType } from '../event-types';
import { EnvelopeFieldsDto } from './envelope-fields.dto';

/**
 * The JSON envelope every stage event travels in (schema version 1). `properties` is validated
 * separately against the DTO of the event's type.
 */
export class JourneyEventEnvelopeDto extends EnvelopeFieldsDto {
  @IsIn(ALL_EVENT_TYPES as EventType[], { message: '$property must be a known event type' })
  type!: EventType;
}
