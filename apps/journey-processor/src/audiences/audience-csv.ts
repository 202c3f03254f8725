import { CONSENT_CHANNELS, CustomerProfileV1 } from '@pipeline/contracts';

const COLUMNS = [
  'customerId',
  'currentStage',
  'furthestStage',
  'currency',
  'clvSimple',
  'clvPredictive',
  'clvSegment',
  'churnBand',
  'churnScore',
  'orderCount',
  'netRevenue',
  'firstSeenAt',
  'lastSeenAt',
  ...CONSENT_CHANNELS.map((channel) => `consent_${channel}`),
] as const;

/** RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is defused. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  // A spreadsheet would run a cell starting with one of these as a formula (CSV injection).
  if (/^[=+@\t\r]/.test(text) || (/^-/.test(text) && typeof value === 'string' && !/^-\d/.test(text))) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated) of a profile. */
function row(p: CustomerProfileV1): string {
  const values = [
    p.customerId,
    p.stages.current,
    p.stages.furthest,
    p.clv?.currency,
    p.clv?.simple,
    p.clv?.predictive,
    p.clv?.segment,
    p.churn?.band,
    p.churn?.score,
    p.orders.count,
    p.orders.netRevenue,
    p.firstSeenAt,
    p.lastSeenAt,
    ...CONSENT_CHANNELS.map((channel) => p.consent[channel]?.status),
  ];
  return `${values.map(cell).join(',')}\r\n`;
}

/** A page of profiles as CSV with a header line, for a list import. */
export function audienceCsv(profiles: readonly CustomerProfileV1[]): string {
  return `${COLUMNS.join(',')}\r\n${profiles.map(row).join('')}`;
}
