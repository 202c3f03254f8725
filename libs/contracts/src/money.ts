import { MAX_AMOUNT_MINOR } from './amount-bounds';

/**
 * ISO 4217 minor-unit exponents that differ from the usual two digits. Everything else that the
 * runtime knows as a currency has two.
 */
const MINOR_DIGITS_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

const KNOWN_CURRENCIES = new Set<string>(Intl.supportedValuesOf('currency'));

export const CURRENCY_PATTERN = /^[A-Z]{3}$/;

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY_PATTERN.test(value) && KNOWN_CURRENCIES.has(value);
}

/** Number of minor-unit digits of an ISO 4217 currency (2 for USD, 0 for JPY, 3 for KWD). */
export function minorDigitsOf(currency: string): number {
  return MINOR_DIGITS_EXCEPTIONS[currency] ?? 2;
}

export type MinorUnitsResult = { ok: true; minor: number } | { ok: false; message: string };

const PLAIN_DECIMAL = /^(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * Converts a non-negative amount in major units (a JSON number or a decimal string) into integer minor
 * units without floating-point arithmetic: the decimal text is split and the digits are concatenated.
 * A JSON number is read through its shortest round-trip text (`19.99` stays `"19.99"`). Amounts above
 * {@link MAX_AMOUNT_MINOR} minor units are refused with a message naming the bound.
 */
export function toMinorUnits(amount: unknown, currency: string): MinorUnitsResult {
  let text: string;
  if (typeof amount === 'number') {
    if (!Number.isFinite(amount)) return { ok: false, message: 'must be a finite number' };
    if (amount < 0 || Object.is(amount, -0)) return { ok: false, message: 'must not be negative' };
    text = String(amount);
  } else if (typeof amount === 'string') {
    text = amount;
    if (text.startsWith('-')) return { ok: false, message: 'must not be negative' };
  } else {
    return { ok: false, message: 'must be a decimal number in major units' };
  }
  const match = PLAIN_DECIMAL.exec(text);
  if (!match)
    return {
      ok: false,
      message: `must be a plain decimal number in major units, got ${JSON.stringify(text).slice(0, 40)}`,
    };
  const digits = minorDigitsOf(currency);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > digits) {
    return {
      ok: false,
      message: `has ${fraction.length} decimal places but ${currency} allows at most ${digits}`,
    };
  }
  const minorText = match[1] + fraction.padEnd(digits, '0');
  const minor = Number(minorText);
  // Number() of a long digit string is inexact but far above the bound, so the comparison still holds.
  if (!(minor <= MAX_AMOUNT_MINOR)) {
    return {
      ok: false,
      message: `exceeds the maximum amount per event, ${formatMinorUnits(MAX_AMOUNT_MINOR, currency)} ${currency} (${MAX_AMOUNT_MINOR} minor units)`,
    };
  }
  return { ok: true, minor };
}

/** Formats integer minor units as an exact decimal string in major units ("1999", "USD" -> "19.99"). */
export function formatMinorUnits(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`minor units must be a safe integer, got ${minor}`);
  const digits = minorDigitsOf(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor));
  if (digits === 0) return sign + abs;
  const padded = abs.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}
