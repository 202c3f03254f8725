import {
  BgNbdParams,
  ClvModelSnapshot,
  ClvSegmentThresholds,
  CustomerActivity,
  GammaGammaParams,
  ParetoNbdParams,
  PurchaseModel,
  PurchaseSummary,
  addCurrencyCounts,
  clvSegmentThresholds,
  customerActivityFromState,
  decodeJourneyState,
  deriveOutputs,
  fitClvModels,
  observedRelationshipYears,
  otherCurrencyOrders,
  otherCurrencyOrdersNote,
  purchaseSummary,
} from '@pipeline/journey-domain';
import { minorDigitsOf } from '@pipeline/contracts';
import { JobLease, JobLeases, JourneyIndexRepository, JourneyStateRepository } from '@pipeline/redis-store';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { performance } from 'node:perf_hooks';
import { buyerIdsFromOrderIndex } from './buyer-ids';
import { buildClvModelSnapshot } from './clv-model-snapshot.factory';
import { ClvModelRepository } from './clv-model.repository';
import { DerivedOutputsWriter } from './derived-outputs.writer';
import { pacedChunkSize, pacingDelayMs } from './emit-pacing';
import { NO_OUTPUTS, OutputCounts, addOutputCounts } from './output-counts';
import { pause } from './pause';
import { SCHEDULER_SETTINGS, SchedulerSettings } from './scheduler-settings';

export const CLV_REFIT_JOB = 'clv-refit';

/** Orders the refit did not value for being in another currency than the pipeline's. */
export interface ExcludedOrders {
  /** The pipeline currency, the only one valued. */
  readonly currency: string;
  readonly total: number;
  readonly byCurrency: Readonly<Record<string, number>>;
}

/** What a refit did. */
export type ClvRefitOutcome =
  | { readonly status: 'busy' }
  | {
      readonly status: 'refused';
      readonly reasons: readonly string[];
      readonly customers: number;
      readonly repeatBuyers: number;
      readonly excludedOrders: ExcludedOrders;
    }
  | {
      readonly status: 'fitted';
      readonly modelVersion: string;
      readonly customers: number;
      readonly repeatBuyers: number;
      readonly excludedOrders: ExcludedOrders;
      /** Gamma-Gamma's v in minor units of the pipeline currency, as the models compute. */
      readonly params: {
        readonly bgNbd: BgNbdParams;
        readonly gammaGamma: GammaGammaParams;
        /** Absent when the Pareto/NBD could not be fitted. */
        readonly paretoNbd?: ParetoNbdParams;
      };
      /** The purchase model that values customers, by the lower AIC on the same summaries, and why. */
      readonly purchaseModel: PurchaseModel;
      readonly purchaseModelReason: string;
      /** v in major units (v / 100 for EUR), as published fits state it. */
      readonly gammaGammaVMajorUnits: number;
      readonly logLikelihoods: {
        readonly bgNbd: number;
        readonly gammaGamma: number;
        readonly paretoNbd?: number;
      };
      readonly fitMs: number;
      readonly observedRelationshipYears: number | null;
      readonly segmentThresholds: ClvSegmentThresholds | null;
      readonly emitted: OutputCounts;
      /** Wall time of each phase: reading the population, fitting, re-emitting (paced). */
      readonly timings: { readonly gatherMs: number; readonly fitMs: number; readonly emitMs: number };
      /** Shutdown stopped the re-emission part way; the rest follows at the next refit. */
      readonly interrupted: boolean;
    };

interface Population {
  readonly buyers: ReadonlyArray<{ readonly customerId: string; readonly summary: PurchaseSummary }>;
  readonly activities: readonly CustomerActivity[];
  readonly excludedOrders: ExcludedOrders;
}

/**
 * Refits the CLV models on every buyer and re-values the population with them:
 * 1. under a lease, so one instance refits at a time;
 * 2. reads every buyer (the order index) in chunks and summarises them in weeks, as of now;
 * 3. fits BG/NBD, Pareto/NBD and Gamma-Gamma; if BG/NBD or Gamma-Gamma fails, stores nothing and says
 *    why; the purchase model that values customers is the one with the lower AIC on the same summaries
 *    (`choosePurchaseModel`);
 * 4. derives the relationship length from the population churn rate over the last year, and the CLV
 *    tiers from every buyer's predictive CLV under the new models, and stores the snapshot;
 * 5. re-emits CLV where a value moved by more than the configured minimum, paced, through the same
 *    compare-and-set, outbox and index path as the stream.
 */
@Injectable()
export class ClvRefitService {
  private readonly logger = new Logger(ClvRefitService.name);

  constructor(
    private readonly leases: JobLeases,
    private readonly repository: JourneyStateRepository,
    private readonly indexes: JourneyIndexRepository,
    private readonly models: ClvModelRepository,
    private readonly writer: DerivedOutputsWriter,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  async refit(signal?: AbortSignal): Promise<ClvRefitOutcome> {
    const lease = await this.leases.acquire(CLV_REFIT_JOB);
    if (!lease) return { status: 'busy' };
    try {
      return await this.refitUnderLease(lease, signal);
    } finally {
      await lease.release();
    }
  }

  private async refitUnderLease(lease: JobLease, signal?: AbortSignal): Promise<ClvRefitOutcome> {
    const fittedAt = new Date();
    const now = fittedAt.getTime();
    const gatherStarted = performance.now();
    const { buyers, activities, excludedOrders } = await this.gather(now, lease);
    const gatherMs = Math.round(performance.now() - gatherStarted);
    const summaries = buyers.map((buyer) => buyer.summary);
    const repeatBuyers = summaries.filter((summary) => summary.frequency > 0).length;

    const fitStarted = performance.now();
    const fit = fitClvModels(summaries);
    const fitMs = Math.round(performance.now() - fitStarted);
    await lease.renew();
    const currencyNote = otherCurrencyOrdersNote(excludedOrders.currency, excludedOrders.byCurrency);
    if (currencyNote !== undefined) this.logger.warn(`CLV refit: ${currencyNote}`);
    if (!fit.ok) {
      const reasons = [
        ...fit.reasons.map((reason) => `${reason} (buyers in ${excludedOrders.currency})`),
        ...(currencyNote !== undefined ? [currencyNote] : []),
      ];
      this.logger.warn(`CLV refit stored nothing: ${reasons.join('; ')}`);
      return { status: 'refused', reasons, customers: summaries.length, repeatBuyers, excludedOrders };
    }
    const { outputs } = this.settings;
    const snapshot = buildClvModelSnapshot({
      fit,
      fittedAt,
      fitMs,
      currency: outputs.currency,
      observedRelationshipYears: observedRelationshipYears(
        activities,
        now,
        this.settings.activityWindowMs,
        this.settings.refit.minChurnPopulation,
      ),
      segmentThresholds: clvSegmentThresholds(summaries, fit.models, {
        horizonMonths: outputs.horizonMonths,
        annualDiscountRate: outputs.annualDiscountRate,
      }),
    });
    await this.models.save(snapshot);
    this.logger.log(
      `stored CLV model ${snapshot.version} fitted on ${summaries.length} buyers in ${fitMs} ms; ` +
        `purchase model ${fit.purchaseModel.model} (${fit.purchaseModel.reason})`,
    );

    const emitStarted = performance.now();
    const { counts, interrupted } = await this.reemit(
      buyers.map((buyer) => buyer.customerId),
      snapshot,
      lease,
      signal,
    );
    const emitMs = Math.round(performance.now() - emitStarted);
    this.logger.log(
      `re-valued ${counts.customers} buyers with ${snapshot.version}: ${counts.clvEvents} CLV and ` +
        `${counts.churnRiskEvents} churn-risk events in ${emitMs} ms${interrupted ? ' (interrupted)' : ''}`,
    );
    return {
      status: 'fitted',
      modelVersion: snapshot.version,
      customers: summaries.length,
      repeatBuyers,
      excludedOrders,
      params: {
        bgNbd: snapshot.bgNbd.params,
        gammaGamma: snapshot.gammaGamma.params,
        ...(snapshot.paretoNbd && { paretoNbd: snapshot.paretoNbd.params }),
      },
      purchaseModel: fit.purchaseModel.model,
      purchaseModelReason: fit.purchaseModel.reason,
      gammaGammaVMajorUnits: snapshot.gammaGamma.params.v / 10 ** minorDigitsOf(outputs.currency),
      logLikelihoods: {
        bgNbd: snapshot.bgNbd.logLikelihood,
        gammaGamma: snapshot.gammaGamma.logLikelihood,
        ...(snapshot.paretoNbd && { paretoNbd: snapshot.paretoNbd.logLikelihood }),
      },
      fitMs,
      observedRelationshipYears: snapshot.observedRelationshipYears,
      segmentThresholds: snapshot.segmentThresholds,
      emitted: counts,
      timings: { gatherMs, fitMs, emitMs },
      interrupted,
    };
  }

  /** Every buyer's purchase summary in the pipeline currency and purchase activity, as of `now`. */
  private async gather(now: number, lease: JobLease): Promise<Population> {
    const ids = buyerIdsFromOrderIndex(await this.indexes.all('orders'));
    const { currency } = this.settings.outputs;
    const buyers: Array<{ customerId: string; summary: PurchaseSummary }> = [];
    const activities: CustomerActivity[] = [];
    const byCurrency: Record<string, number> = {};
    for (let i = 0; i < ids.length; i += this.settings.refit.loadChunk) {
      const stored = await this.repository.loadMany(ids.slice(i, i + this.settings.refit.loadChunk));
      for (const [customerId, journey] of stored) {
        if (journey.data === null) continue;
        const parsed = decodeJourneyState(journey.data);
        if (!parsed.ok) {
          this.logger.warn(`stored journey of ${customerId} is unreadable, left out: ${parsed.message}`);
          continue;
        }
        activities.push(customerActivityFromState(customerId, parsed.state));
        const summary = purchaseSummary(parsed.state, { currency, unit: 'week', now });
        if (summary) buyers.push({ customerId, summary });
        if (summary === undefined || summary.excludedOrders > 0) {
          addCurrencyCounts(byCurrency, otherCurrencyOrders(parsed.state, currency, now));
        }
      }
      await lease.renew();
    }
    const total = Object.values(byCurrency).reduce((sum, n) => sum + n, 0);
    return { buyers, activities, excludedOrders: { currency, total, byCurrency } };
  }

  private async reemit(
    customerIds: readonly string[],
    model: ClvModelSnapshot,
    lease: JobLease,
    signal?: AbortSignal,
  ): Promise<{ counts: OutputCounts; interrupted: boolean }> {
    const { emitPerSecond, loadChunk, minChangeMinor } = this.settings.refit;
    const chunk = pacedChunkSize(emitPerSecond, loadChunk);
    const trigger = { kind: 'refit', modelVersion: model.version } as const;
    const started = performance.now();
    let counts = NO_OUTPUTS;
    for (let i = 0; i < customerIds.length; i += chunk) {
      if (signal?.aborted) return { counts, interrupted: true };
      // Wall time per chunk: churn risk is about now, and a paced re-emission may take minutes, during
      // which the stream scores the same customers at its own now.
      const now = Date.now();
      const report = await this.writer.write(customerIds.slice(i, i + chunk), (customerId, state, previous) =>
        deriveOutputs({
          customerId,
          state,
          previous,
          now,
          clvAsOf: now,
          trigger,
          settings: this.settings.outputs,
          model,
          recomputeClv: true,
          clvMinChangeMinor: minChangeMinor,
        }),
      );
      counts = addOutputCounts(counts, report.counts);
      await lease.renew();
      const done = Math.min(customerIds.length, i + chunk);
      const delay = pacingDelayMs(done, performance.now() - started, emitPerSecond);
      if (delay > 0 && done < customerIds.length) await pause(delay, signal);
    }
    return { counts, interrupted: false };
  }
}
