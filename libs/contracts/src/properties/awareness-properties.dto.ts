import { IsOptional, ValidateIf } from 'class-validator';
import { IsCurrency } from './is-currency.decorator';
import { IsDecimalAmount } from './is-decimal-amount.decorator';
import { IsLabel } from './is-label.decorator';

/** Properties of every awareness event (ad_impression, ad_click, referral_visit, search_visit, social_visit). */
export class AwarenessPropertiesDto {
  /** Where the visit came from: an ad network, a search engine, a referring site or network. */
  @IsLabel(128)
  source!: string;

  @IsOptional()
  @IsLabel()
  campaign?: string;

  @IsOptional()
  @IsLabel(128)
  medium?: string;

  /** Acquisition spend attributed to this customer, in major units of `currency`. */
  @IsOptional()
  @IsDecimalAmount()
  cost?: number | string;

  /** Required with `cost`. */
  @ValidateIf((o: AwarenessPropertiesDto) => o.cost !== undefined || o.currency !== undefined)
  @IsCurrency()
  currency?: string;
}
