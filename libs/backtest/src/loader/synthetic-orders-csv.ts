import { formatMinorUnits } from '@pipeline/contracts';
import { SyntheticCustomer, TimeUnit, unitMs } from '@pipeline/journey-domain';

/** How synthetic model time maps onto a calendar. */
export interface SyntheticCsvOptions {
  /** Epoch ms of model time 0. */
  readonly origin: number;
  /** The unit the synthetic population was drawn in. */
  readonly timeUnit: TimeUnit;
  readonly currency: string;
  /** Customer ids are this prefix and a zero-padded index. */
  readonly customerPrefix: string;
  /** Purchases after this model time are left out (the end of the simulated history). */
  readonly until?: number;
}

/**
 * A synthetic population (from the journey domain's `generateSyntheticCustomers`) as an orders CSV
 * the loader reads: `customer,date,amount,currency`, one line per purchase, dates as UTC instants to
 * the second, amounts as exact decimals, lines in time order.
 */
export function syntheticOrdersCsv(
  customers: readonly SyntheticCustomer[],
  options: SyntheticCsvOptions,
): string {
  const unit = unitMs(options.timeUnit);
  const width = String(customers.length).length;
  const rows: Array<{ at: number; line: string }> = [];
  customers.forEach((customer, i) => {
    const id = `${options.customerPrefix}${String(i + 1).padStart(width, '0')}`;
    customer.purchaseTimes.forEach((t, j) => {
      if (options.until !== undefined && t > options.until) return;
      const at = Math.floor((options.origin + t * unit) / 1000) * 1000;
      const date = new Date(at).toISOString().replace('.000Z', 'Z');
      rows.push({
        at,
        line: `${id},${date},${formatMinorUnits(customer.amountsMinor[j], options.currency)},${options.currency}`,
      });
    });
  });
  rows.sort((a, b) => a.at - b.at);
  return `customer,date,amount,currency\n${rows.map((r) => r.line).join('\n')}\n`;
}
