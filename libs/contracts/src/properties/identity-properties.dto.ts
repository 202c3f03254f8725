import { IsIdentifier } from './is-identifier.decorator';

/** `identify`: the anonymous id whose journey, kept under that id so far, belongs to the customer. */
export class IdentifyPropertiesDto {
  @IsIdentifier()
  anonymousId!: string;
}
