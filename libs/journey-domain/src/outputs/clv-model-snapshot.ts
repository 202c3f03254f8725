import { BgNbdParams } from '../clv/bg-nbd';
import { GammaGammaParams } from '../clv/gamma-gamma';
import { ParetoNbdParams } from '../clv/pareto-nbd';
import { PurchaseModel } from '../clv/purchase-model';
import { TimeUnit } from '../clv/time-unit';

/** Population CLV tiers: the quantiles of the population's CLV at the last refit, minor units. */
export interface ClvSegmentThresholds {
  readonly p50: number;
  readonly p75: number;
  readonly p90: number;
}

/**
 * The fitted population models the stream uses, as the scheduled refit stores them: parameters,
 * fit quality, and the population figures derived from the same run.
 */
export interface ClvModelSnapshot {
  /** Stable id of this fit, carried by every CLV event computed with it. */
  readonly version: string;
  readonly fittedAt: string;
  readonly fitMs: number;
  readonly unit: TimeUnit;
  readonly currency: string;
  readonly bgNbd: {
    readonly params: BgNbdParams;
    readonly logLikelihood: number;
    readonly customers: number;
  };
  /** The Pareto/NBD fitted on the same summaries, when it could be (absent in older snapshots). */
  readonly paretoNbd?: {
    readonly params: ParetoNbdParams;
    readonly logLikelihood: number;
    readonly customers: number;
    readonly converged: boolean;
  };
  /** The purchase model that values customers (absent in older snapshots: `bg-nbd`), and why. */
  readonly purchaseModel?: PurchaseModel;
  readonly purchaseModelReason?: string;
  readonly gammaGamma: {
    readonly params: GammaGammaParams;
    readonly logLikelihood: number;
    readonly customers: number;
  };
  /** Spend per purchase for customers the Gamma-Gamma cannot price, minor units. */
  readonly fallbackSpendMinor: number;
  /** Expected relationship length from the observed population churn rate, when there was enough data. */
  readonly observedRelationshipYears: number | null;
  readonly segmentThresholds: ClvSegmentThresholds | null;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasNumbers(value: unknown, keys: readonly string[]): boolean {
  return isRecord(value) && keys.every((key) => isFiniteNumber(value[key]));
}

/** Reads a stored snapshot; undefined when it is missing or not a snapshot this code understands. */
export function parseClvModelSnapshot(text: string | null): ClvModelSnapshot | undefined {
  if (text === null) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  const ok =
    typeof value.version === 'string' &&
    typeof value.fittedAt === 'string' &&
    (value.unit === 'day' || value.unit === 'week') &&
    typeof value.currency === 'string' &&
    isFiniteNumber(value.fallbackSpendMinor) &&
    isRecord(value.bgNbd) &&
    hasNumbers(value.bgNbd.params, ['r', 'alpha', 'a', 'b']) &&
    isRecord(value.gammaGamma) &&
    hasNumbers(value.gammaGamma.params, ['p', 'q', 'v']) &&
    (value.observedRelationshipYears === null || isFiniteNumber(value.observedRelationshipYears)) &&
    (value.segmentThresholds === null || hasNumbers(value.segmentThresholds, ['p50', 'p75', 'p90'])) &&
    (value.paretoNbd === undefined ||
      (isRecord(value.paretoNbd) && hasNumbers(value.paretoNbd.params, ['r', 'alpha', 's', 'beta']))) &&
    (value.purchaseModel === undefined ||
      value.purchaseModel === 'bg-nbd' ||
      (value.purchaseModel === 'pareto-nbd' && value.paretoNbd !== undefined));
  return ok ? (value as unknown as ClvModelSnapshot) : undefined;
}
