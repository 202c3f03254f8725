import { IsIn } from 'class-validator';
import { IDENTITY_EVENT_TYPES, IdentityEventType } from '../event-types';
import { EnvelopeFieldsDto } from './envelope-fields.dto';

/**
 * The envelope of the identity topic: the shared envelope fields with an identity event type. The
 * envelope's `customerId` is the known customer; `properties.anonymousId` names the anonymous journey.
 */
export class IdentifyEnvelopeDto extends EnvelopeFieldsDto {
  @IsIn(IDENTITY_EVENT_TYPES, { message: `$property must be ${IDENTITY_EVENT_TYPES.join(', ')}` })
  type!: IdentityEventType;
}
