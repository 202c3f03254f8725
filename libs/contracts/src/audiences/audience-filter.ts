// Part of the public audience API: what its filters mean, as the processor serves them.
import {
  ChurnBand,
  ClvSegment,
  ConsentChannel,
  CustomerProfileV1,
  JourneyStage,
  minorDigitsOf,
} from '../index';

/**
 * Who belongs to an audience: every given criterion holds (values of one criterion are alternatives).
 * CLV bounds are minor units of the pipeline currency, inclusive; last-seen bounds are epoch ms,
 * `lastSeenAfter` inclusive and `lastSeenBefore` exclusive. A customer without a CLV (no counted
 * purchase) matches no CLV bound, segment or churn band.
 */
export interface AudienceFilter {
  readonly churnBands?: readonly ChurnBand[];
  readonly clvSegments?: readonly ClvSegment[];
  readonly stages?: readonly JourneyStage[];
  readonly minClvMinor?: number;
  readonly maxClvMinor?: number;
  readonly lastSeenAfter?: number;
  readonly lastSeenBefore?: number;
  /** Channels the customer's latest answer granted, every one of them. */
  readonly consent?: readonly ConsentChannel[];
}

/** What the audience indexes keep of a profile, and what the filter reads. */
export interface AudienceAttributes {
  readonly churnBand: ChurnBand | null;
  readonly clvSegment: ClvSegment | null;
  readonly stage: JourneyStage;
  /** The CLV the indexes rank by (predictive, else simple), minor units; null without a CLV. */
  readonly clvMinor: number | null;
  readonly lastSeen: number;
  readonly granted: readonly ConsentChannel[];
}

/** The audience attributes of a profile. */
export function audienceAttributes(profile: CustomerProfileV1): AudienceAttributes {
  const clv = profile.clv;
  return {
    churnBand: profile.churn?.band ?? null,
    clvSegment: clv?.segment ?? null,
    stage: profile.stages.current,
    clvMinor: clv ? signedMinor(clv.predictive ?? clv.simple, clv.currency) : null,
    lastSeen: Date.parse(profile.lastSeenAt),
    granted: (Object.keys(profile.consent) as ConsentChannel[])
      .filter((channel) => profile.consent[channel]?.status === 'granted')
      .sort(),
  };
}

/** Whether a customer with these attributes belongs to the audience. */
export function matchesAudience(a: AudienceAttributes, filter: AudienceFilter): boolean {
  const within = <T>(values: readonly T[] | undefined, value: T | null): boolean =>
    values === undefined || (value !== null && values.includes(value));
  if (!within(filter.churnBands, a.churnBand)) return false;
  if (!within(filter.clvSegments, a.clvSegment)) return false;
  if (!within(filter.stages, a.stage)) return false;
  if (filter.minClvMinor !== undefined && (a.clvMinor === null || a.clvMinor < filter.minClvMinor))
    return false;
  if (filter.maxClvMinor !== undefined && (a.clvMinor === null || a.clvMinor > filter.maxClvMinor))
    return false;
  if (filter.lastSeenAfter !== undefined && a.lastSeen < filter.lastSeenAfter) return false;
  if (filter.lastSeenBefore !== undefined && a.lastSeen >= filter.lastSeenBefore) return false;
  return (filter.consent ?? []).every((channel) => a.granted.includes(channel));
}

const DECIMAL = /^(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * A decimal amount in major units, negative or not, as integer minor units of `currency`. Unlike the
 * contract's `toMinorUnits` it takes any size a CLV or a total can reach (not only what one event may
 * carry), as long as it is a safe integer of minor units.
 */
export function signedMinor(amount: string, currency: string): number {
  const match = DECIMAL.exec(amount);
  const digits = minorDigitsOf(currency);
  if (!match || (match[3] ?? '').length > digits)
    throw new RangeError(`not an amount of ${currency}: ${amount}`);
  const minor = Number(`${match[2]}${(match[3] ?? '').padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`not an amount of ${currency}: ${amount}`);
  return match[1] === '-' && minor !== 0 ? -minor : minor;
}
