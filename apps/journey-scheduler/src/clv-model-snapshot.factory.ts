import {
  ClvModelSnapshot,
  ClvModelsFit,
  ClvSegmentThresholds,
  clvModelVersion,
} from '@pipeline/journey-domain';

export interface ClvModelSnapshotInput {
  readonly fit: Extract<ClvModelsFit, { ok: true }>;
  readonly fittedAt: Date;
  readonly fitMs: number;
  readonly currency: string;
  readonly observedRelationshipYears: number | null;
  readonly segmentThresholds: ClvSegmentThresholds | null;
}

/** The snapshot the refit stores and the stream reads: the fitted models with their provenance. */
export function buildClvModelSnapshot(input: ClvModelSnapshotInput): ClvModelSnapshot {
  const { fit, fittedAt } = input;
  return {
    version: clvModelVersion(fittedAt, fit.bgNbd.params, fit.gammaGamma.params),
    fittedAt: fittedAt.toISOString(),
    fitMs: input.fitMs,
    unit: fit.models.unit,
    currency: input.currency,
    bgNbd: {
      params: fit.bgNbd.params,
      logLikelihood: fit.bgNbd.logLikelihood,
      customers: fit.bgNbd.customers,
    },
    ...(fit.paretoNbd.ok && {
      paretoNbd: {
        params: fit.paretoNbd.params,
        logLikelihood: fit.paretoNbd.logLikelihood,
        customers: fit.paretoNbd.customers,
        converged: fit.paretoNbd.converged,
      },
    }),
    purchaseModel: fit.purchaseModel.model,
    purchaseModelReason: fit.purchaseModel.reason,
    gammaGamma: {
      params: fit.gammaGamma.params,
      logLikelihood: fit.gammaGamma.logLikelihood,
      customers: fit.gammaGamma.customers,
    },
    fallbackSpendMinor: fit.models.fallbackSpendMinor,
    observedRelationshipYears: input.observedRelationshipYears,
    segmentThresholds: input.segmentThresholds,
  };
}
