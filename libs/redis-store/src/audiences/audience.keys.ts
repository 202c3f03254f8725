import { CHURN_BANDS, CLV_SEGMENTS, CONSENT_CHANNELS, JOURNEY_STAGES } from '@pipeline/contracts';

/**
 * The audience indexes, a view of the latest `customer.profile.v1` of every customer. All share the
 * hash tag `{audiences}`, so on Redis Cluster they live in one slot and one script or transaction can
 * read and write them together (the price: that slot's node holds and serves all of them).
 *
 *   `<prefix>aud:{audiences}:profiles`          hash: customerId -> {"n": events applied, "profile": ...}
 *   `<prefix>aud:{audiences}:all`               every customer with a profile (score 0: by id)
 *   `<prefix>aud:{audiences}:band:<band>`       current churn band (score 0)
 *   `<prefix>aud:{audiences}:segment:<segment>` CLV segment (score 0)
 *   `<prefix>aud:{audiences}:stage:<stage>`     current stage (score 0)
 *   `<prefix>aud:{audiences}:consent:<channel>` latest answer granted (score 0)
 *   `<prefix>aud:{audiences}:clv`               score = CLV in minor units (predictive, else simple)
 *   `<prefix>aud:{audiences}:seen`              score = last seen, epoch ms
 *
 * The score-0 sets are walked in customerId order (ZRANGEBYLEX), which no update changes: a walk with
 * a cursor never returns a customer twice, nor skips one that matched throughout.
 */
export interface AudienceKeys {
  readonly profiles: string;
  readonly all: string;
  readonly clv: string;
  readonly seen: string;
  /** Every score-0 membership set but `all`, in a fixed order. */
  readonly sets: readonly string[];
  readonly band: (band: string) => string;
  readonly segment: (segment: string) => string;
  readonly stage: (stage: string) => string;
  readonly consent: (channel: string) => string;
  /** A scratch key for a count, in the same slot. */
  readonly scratch: (name: string) => string;
}

export function audienceKeys(prefix: string): AudienceKeys {
  const base = `${prefix}aud:{audiences}:`;
  const band = (v: string): string => `${base}band:${v}`;
  const segment = (v: string): string => `${base}segment:${v}`;
  const stage = (v: string): string => `${base}stage:${v}`;
  const consent = (v: string): string => `${base}consent:${v}`;
  return {
    profiles: `${base}profiles`,
    all: `${base}all`,
    clv: `${base}clv`,
    seen: `${base}seen`,
    sets: [
      ...CHURN_BANDS.map(band),
      ...CLV_SEGMENTS.map(segment),
      ...JOURNEY_STAGES.map(stage),
      ...CONSENT_CHANNELS.map(consent),
    ],
    band,
    segment,
    stage,
    consent,
    scratch: (name) => `${base}scratch:${name}`,
  };
}
