import { EnvelopeOf, INBOUND_TOPICS, parseJourneyEvent, topicMessage } from '@pipeline/contracts';
import { createHash } from 'node:crypto';
import { CsvProblem, OrderCsvRow } from './orders-csv';

/** An order ready to publish: keyed by customer, its envelope validated by the contract. */
export interface OrderMessage {
  readonly line: number;
  readonly key: string;
  readonly eventId: string;
  readonly value: string;
  /** The order's currency, from its row or the default. */
  readonly currency: string;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function digest(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

/**
 * The `order_placed` envelope of one CSV row. A bare date is taken as 12:00 UTC of that day, safely
 * inside the UTC day the purchase models merge orders on; a date-time must carry its offset. Ids are
 * deterministic, so loading the same file twice publishes the same events, which the pipeline counts
 * once: with an order_id, eventId hashes customer and order_id; without one, orderId and eventId hash
 * customer, date, amount and the line number (two identical rows on different lines are two orders).
 */
export function orderEnvelope(row: OrderCsvRow, defaultCurrency: string): EnvelopeOf<'order_placed'> {
  const hash = row.orderId
    ? digest('order', row.customer, row.orderId)
    : digest('row', row.customer, row.date, row.amount, String(row.line));
  return {
    eventId: `csv-order-placed-${hash}`,
    customerId: row.customer,
    type: 'order_placed',
    occurredAt: DATE_ONLY.test(row.date) ? `${row.date}T12:00:00Z` : row.date,
    properties: {
      orderId: row.orderId ?? `csv-${hash}`,
      amount: row.amount,
      currency: row.currency ?? defaultCurrency,
    },
    schemaVersion: 1,
  };
}

/**
 * Turns CSV rows into order messages, validating each envelope with the contract exactly as the
 * pipeline will: a row the contract rejects, dated after `now`, or a second row with the same eventId
 * (the same order_id of the same customer) becomes a problem naming its line and column, and is not
 * published.
 */
export function orderMessages(
  rows: readonly OrderCsvRow[],
  options: { readonly defaultCurrency: string; readonly now: number },
): { messages: OrderMessage[]; problems: CsvProblem[] } {
  const messages: OrderMessage[] = [];
  const problems: CsvProblem[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const envelope = orderEnvelope(row, options.defaultCurrency);
    const { value } = topicMessage(INBOUND_TOPICS.conversion, row.customer, envelope);
    const parsed = parseJourneyEvent(value, { topic: INBOUND_TOPICS.conversion });
    if (!parsed.ok) {
      const { field, message } = parsed.reason;
      problems.push({ line: row.line, message: field ? `${csvColumn(field)} ${message}` : message });
      continue;
    }
    if (parsed.event.occurredAt > options.now) {
      problems.push({ line: row.line, message: 'date is in the future: the pipeline would dead-letter it' });
      continue;
    }
    const first = seen.get(envelope.eventId);
    if (first !== undefined) {
      problems.push({
        line: row.line,
        message: `repeats order_id ${row.orderId} of ${row.customer} from line ${first}`,
      });
      continue;
    }
    seen.set(envelope.eventId, row.line);
    const { currency } = envelope.properties;
    messages.push({ line: row.line, key: row.customer, eventId: envelope.eventId, value, currency });
  }
  return { messages, problems };
}

/** The CSV column a contract field comes from, so a problem points at what to fix. */
function csvColumn(field: string): string {
  switch (field) {
    case 'customerId':
      return 'customer';
    case 'occurredAt':
      return 'date';
    case 'properties.amount':
      return 'amount';
    case 'properties.currency':
      return 'currency';
    case 'properties.orderId':
      return 'order_id';
    default:
      return field;
  }
}
