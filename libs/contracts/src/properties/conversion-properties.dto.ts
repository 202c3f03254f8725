import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsCurrency } from './is-currency.decorator';
import { IsDecimalAmount } from './is-decimal-amount.decorator';
import { IsIdentifier } from './is-identifier.decorator';

export class OrderPlacedPropertiesDto {
  @IsIdentifier()
  orderId!: string;

  /** Order total in major units, at most the currency's minor digits ("19.99" or 19.99). */
  @IsDecimalAmount()
  amount!: number | string;

  @IsCurrency()
  currency!: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  itemCount?: number;
}

export class OrderRefundedPropertiesDto {
  @IsIdentifier()
  orderId!: string;

  /** Amount refunded, in major units; several partial refunds of one order add up. */
  @IsDecimalAmount()
  amount!: number | string;

  @IsCurrency()
  currency!: string;

  /** Distinguishes partial refunds of one order; defaults to the event id. */
  @IsOptional()
  @IsIdentifier()
  refundId?: string;
}

export class OrderCancelledPropertiesDto {
  @IsIdentifier()
  orderId!: string;
}
