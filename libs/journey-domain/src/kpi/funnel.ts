import { JOURNEY_STAGES, JourneyStage } from '@pipeline/contracts';
import { stageRank } from '../journey-stages';

/** One step of the funnel. */
export interface FunnelStep {
  readonly stage: JourneyStage;
  /** Customers whose furthest stage is this one or a later one. */
  readonly reached: number;
  /** reached / reached of the previous stage x 100; null for awareness and when the previous is 0. */
  readonly conversionRate: number | null;
}

/**
 * The journey funnel: how many customers reached each stage, awareness first, and the stage-to-stage
 * conversion rates in percent. Counted from the furthest stage, so a customer who bought without
 * browsing counts in consideration too: reaching a stage implies having passed the ones before it,
 * which keeps every count at most the previous one and every rate at most 100%.
 */
export function funnel(customers: ReadonlyArray<{ readonly furthestStage: JourneyStage }>): FunnelStep[] {
  const atLeast = JOURNEY_STAGES.map(() => 0);
  for (const { furthestStage } of customers) {
    for (let rank = 0; rank <= stageRank(furthestStage); rank += 1) atLeast[rank] = (atLeast[rank] ?? 0) + 1;
  }
  return JOURNEY_STAGES.map((stage, rank) => {
    const reached = atLeast[rank] ?? 0;
    const previous = rank === 0 ? 0 : (atLeast[rank - 1] ?? 0);
    return { stage, reached, conversionRate: previous === 0 ? null : (100 * reached) / previous };
  });
}
