import { ChurnBand, JourneyStage } from '@pipeline/contracts';
import { RetentionClamp } from '@pipeline/journey-domain';
import { ClvSummaryDto } from './clv-summary';
import { KpiDefinitions } from './kpi-definitions';

export interface NpsKpiDto {
  readonly respondents: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** % promoters - % detractors, unrounded, in [-100, 100]; null without respondents. */
  readonly nps: number | null;
  readonly npsRounded: number | null;
}

export interface RetentionKpiDto {
  readonly activityWindowDays: number;
  /** S */
  readonly startCount: number;
  /** E */
  readonly endCount: number;
  /** N */
  readonly acquired: number;
  readonly retained: number;
  readonly reactivated: number;
  readonly lost: number;
  /** (S + E) / 2 */
  readonly averageCustomers: number;
  /** Percent, null when S = 0. */
  readonly retentionRate: number | null;
  readonly retentionClamped: RetentionClamp | null;
  /** Percent, null when the average is 0. */
  readonly churnRate: number | null;
}

export interface FunnelKpiDto {
  /** Customers first seen within the period. */
  readonly cohort: number;
  readonly steps: ReadonlyArray<{
    readonly stage: JourneyStage;
    readonly reached: number;
    /** Percent of the previous stage; null for awareness and after a stage nobody reached. */
    readonly conversionRate: number | null;
  }>;
}

export type ChurnBandsDto = Readonly<Record<ChurnBand | 'total', number>>;

/** `GET /kpis` body. Times are ISO-8601 UTC, rates are percent, money is exact decimal text. */
export interface KpiReportDto {
  readonly period: { readonly from: string; readonly to: string };
  readonly generatedAt: string;
  readonly definitions: KpiDefinitions;
  readonly nps: NpsKpiDto;
  readonly retention: RetentionKpiDto;
  readonly funnel: FunnelKpiDto;
  readonly clv: ClvSummaryDto;
  readonly churnBands: ChurnBandsDto;
}
