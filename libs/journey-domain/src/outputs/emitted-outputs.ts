import { CHURN_BANDS, ChurnBand } from '@pipeline/contracts';

/** What was last emitted for a customer, kept beside the state to decide whether to emit again. */
export interface EmittedOutputs {
  readonly clv?: {
    readonly simpleMinor: number;
    readonly predictiveMinor: number | null;
    readonly modelVersion: string | null;
  };
  readonly churn?: { readonly band: ChurnBand; readonly score: number; readonly nextReviewAt: number | null };
  /** Digest of the content of the last `customer.profile.v1` emitted, to emit only on a change. */
  readonly profile?: string;
}

/** Reads the stored bookkeeping; anything unreadable counts as nothing emitted yet. */
export function parseEmittedOutputs(text: string | null): EmittedOutputs {
  if (text === null) return {};
  try {
    const value = JSON.parse(text) as EmittedOutputs;
    const churnOk =
      value.churn === undefined || (CHURN_BANDS as readonly string[]).includes(value.churn.band);
    const clvOk = value.clv === undefined || Number.isSafeInteger(value.clv.simpleMinor);
    return churnOk && clvOk ? value : {};
  } catch {
    return {};
  }
}
