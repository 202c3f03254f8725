import { CHURN_BANDS, JOURNEY_STAGES, JourneyStage } from '@pipeline/contracts';
import {
  CustomerActivity,
  customerCountsForPeriod,
  funnel,
  latestAnswersInWindow,
  netPromoterScore,
} from '@pipeline/journey-domain';
import { IndexEntry, JourneyIndexRepository } from '@pipeline/redis-store';
import { Inject, Injectable } from '@nestjs/common';
import { ClvModelCache } from '../clv-model.cache';
import { PROCESSOR_SETTINGS, ProcessorSettings } from '../processor-settings';
import { clvSegments } from './clv-segments';
import { clvSummary } from './clv-summary';
import { customerOfOrder, npsAnswerOf } from './index-members';
import { kpiDefinitions } from './kpi-definitions';
import { KpiPeriod } from './kpi-period';
import { ChurnBandsDto, FunnelKpiDto, KpiReportDto, NpsKpiDto, RetentionKpiDto } from './kpi-report';
import { KPI_SETTINGS, KpiSettings } from './kpi-settings';

const DAY_MS = 86_400_000;

/**
 * The population KPIs of one period: reads the processor's population indexes (each paged by the
 * repository) and computes every figure with the domain's KPI functions.
 */
@Injectable()
export class KpiService {
  constructor(
    private readonly indexes: JourneyIndexRepository,
    @Inject(PROCESSOR_SETTINGS) private readonly settings: ProcessorSettings,
    @Inject(KPI_SETTINGS) private readonly kpiSettings: KpiSettings,
    private readonly clvModels: ClvModelCache,
  ) {}

  async report(period: KpiPeriod, now: Date = new Date()): Promise<KpiReportDto> {
    const { from, to } = period;
    // Every purchase is read once: retention needs them up to `to`, CLV needs to know who has one.
    const [orders, nps, funnelReport, clvEntries, churnBands, clvModel] = await Promise.all([
      this.indexes.all('orders'),
      this.nps(period),
      this.funnel(period),
      this.indexes.all('clv'),
      this.churnBands(),
      this.clvModels.current(),
    ]);
    const clvValues = clvEntries.map((entry) => entry.score);
    const { currency } = this.settings.outputs;
    return {
      period: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      generatedAt: now.toISOString(),
      definitions: kpiDefinitions(this.kpiSettings.activityWindowMs / DAY_MS),
      nps,
      retention: this.retention(orders, period),
      funnel: funnelReport,
      // The processor drops a customer from idx:clv once no counted order is left.
      clv: { ...clvSummary(clvValues, currency), segments: clvSegments(clvValues, clvModel, currency) },
      churnBands,
    };
  }

  private async nps({ from, to }: KpiPeriod): Promise<NpsKpiDto> {
    const answers = (await this.indexes.range('nps', from, to)).map(npsAnswerOf);
    const score = netPromoterScore(latestAnswersInWindow(answers, from, to).map((answer) => answer.score));
    const { respondents, promoters, passives, detractors } = score;
    return { respondents, promoters, passives, detractors, nps: score.exact, npsRounded: score.nps };
  }

  /** `orders` is in placed-at order, so each customer's purchase times come out ascending. */
  private retention(orders: readonly IndexEntry[], { from, to }: KpiPeriod): RetentionKpiDto {
    const purchases = new Map<string, number[]>();
    for (const entry of orders) {
      if (entry.score >= to) continue;
      const customerId = customerOfOrder(entry);
      const times = purchases.get(customerId) ?? [];
      times.push(entry.score);
      purchases.set(customerId, times);
    }
    const customers = [...purchases].map(([customerId, purchaseTimes]): CustomerActivity => ({
      customerId,
      firstOrderAt: purchaseTimes[0] ?? null,
      purchaseTimes,
    }));
    const windowMs = this.kpiSettings.activityWindowMs;
    const counts = customerCountsForPeriod(customers, from, to, windowMs);
    return {
      activityWindowDays: windowMs / DAY_MS,
      startCount: counts.startCount,
      endCount: counts.endCount,
      acquired: counts.acquired,
      retained: counts.retained,
      reactivated: counts.reactivated,
      lost: counts.lost,
      averageCustomers: (counts.startCount + counts.endCount) / 2,
      retentionRate: counts.retentionRate,
      retentionClamped: counts.retentionClamped,
      churnRate: counts.churnRate,
    };
  }

  /**
   * A customer first seen at or after `from` entered every stage at or after `from`, so reading each
   * stage index over the period finds every stage the cohort entered before `to`.
   */
  private async funnel({ from, to }: KpiPeriod): Promise<FunnelKpiDto> {
    const inPeriod = (entries: readonly IndexEntry[]): IndexEntry[] => entries.filter((e) => e.score < to);
    const [cohort, ...entered] = await Promise.all([
      this.indexes.range('customers', from, to).then(inPeriod),
      ...JOURNEY_STAGES.map((stage) => this.indexes.range(`stage:${stage}`, from, to).then(inPeriod)),
    ]);
    const furthest = new Map<string, JourneyStage>((cohort ?? []).map((e) => [e.member, 'awareness']));
    JOURNEY_STAGES.forEach((stage, rank) => {
      // Stages in rank order: the last one a customer entered is their furthest.
      for (const { member } of entered[rank] ?? []) if (furthest.has(member)) furthest.set(member, stage);
    });
    const steps = funnel([...furthest.values()].map((furthestStage) => ({ furthestStage })));
    return { cohort: furthest.size, steps };
  }

  private async churnBands(): Promise<ChurnBandsDto> {
    const [low, medium, high] = await Promise.all(
      CHURN_BANDS.map((_, score) => this.indexes.count('churn-band', score, score)),
    );
    return {
      low: low ?? 0,
      medium: medium ?? 0,
      high: high ?? 0,
      total: (low ?? 0) + (medium ?? 0) + (high ?? 0),
    };
  }
}
