import { RejectionCode } from '@pipeline/contracts';
import { OrderAdmission, OrderEventType, ReplayedRecord } from './order-admission';

/** A rejected record, for the report: where it is and why. */
export interface RejectedSample {
  readonly partition: number;
  readonly offset: string;
  readonly code: RejectionCode;
  readonly field?: string;
  readonly message: string;
}

/** What the replay found on the topic. */
export interface ReplayCounts {
  readonly records: number;
  readonly orderEvents: Readonly<Record<OrderEventType, number>>;
  /** Valid events of other types (a conversion topic carries only orders; another topic may not). */
  readonly otherEventTypes: number;
  /** Orders and refunds in a currency other than the pipeline's, left out. */
  readonly otherCurrency: number;
  /** The same, per currency: which currencies were left out, and how many of each. */
  readonly otherCurrencies: Readonly<Record<string, number>>;
  readonly rejected: {
    readonly total: number;
    readonly byCode: Readonly<Partial<Record<RejectionCode, number>>>;
    /** The first few, to find them on the topic. */
    readonly samples: readonly RejectedSample[];
  };
}

const MAX_SAMPLES = 20;

/** Counts the admissions of a replay. */
export class ReplayTally {
  private records = 0;
  private readonly orderEvents: Record<OrderEventType, number> = {
    order_placed: 0,
    order_refunded: 0,
    order_cancelled: 0,
  };
  private otherEventTypes = 0;
  private otherCurrency = 0;
  private readonly otherCurrencies: Record<string, number> = {};
  private readonly byCode: Partial<Record<RejectionCode, number>> = {};
  private readonly samples: RejectedSample[] = [];

  count(record: ReplayedRecord, admission: OrderAdmission): void {
    this.records += 1;
    switch (admission.kind) {
      case 'order':
        this.orderEvents[admission.event.type] += 1;
        break;
      case 'other-type':
        this.otherEventTypes += 1;
        break;
      case 'other-currency':
        this.otherCurrency += 1;
        this.otherCurrencies[admission.currency] = (this.otherCurrencies[admission.currency] ?? 0) + 1;
        break;
      case 'rejected': {
        const { code, field, message } = admission.reason;
        this.byCode[code] = (this.byCode[code] ?? 0) + 1;
        if (this.samples.length < MAX_SAMPLES) {
          this.samples.push({
            partition: record.partition,
            offset: record.offset,
            code,
            ...(field !== undefined && { field }),
            message,
          });
        }
        break;
      }
    }
  }

  counts(): ReplayCounts {
    const total = Object.values(this.byCode).reduce((sum, n) => sum + n, 0);
    return {
      records: this.records,
      orderEvents: { ...this.orderEvents },
      otherEventTypes: this.otherEventTypes,
      otherCurrency: this.otherCurrency,
      otherCurrencies: { ...this.otherCurrencies },
      rejected: { total, byCode: { ...this.byCode }, samples: [...this.samples] },
    };
  }
}
