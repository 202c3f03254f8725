import { ChurnBand } from '@pipeline/contracts';
import { ChurnThresholds } from './churn-thresholds';

/** The band of a score: low below `bands.medium`, high from `bands.high`, medium in between. */
export function churnBandOf(score: number, bands: ChurnThresholds['bands']): ChurnBand {
  if (score >= bands.high) return 'high';
  return score >= bands.medium ? 'medium' : 'low';
}

/**
 * Whether a `customer.churn-risk` event is due: on the first score of a customer (`previous` null)
 * and on every band change after it. Score moves within a band are not news.
 */
export function churnBandChanged(previous: ChurnBand | null, next: ChurnBand): boolean {
  return previous !== next;
}
