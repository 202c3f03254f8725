import { formatMinorUnits, minorDigitsOf } from '@pipeline/contracts';
import {
  BgNbdParams,
  GammaGammaParams,
  ParetoNbdParams,
  PurchaseModel,
  TimeUnit,
  aic,
  choosePurchaseModel,
  conditionalExpectedPurchases,
  conditionalExpectedSpend,
  paretoNbdConditionalExpectedPurchases,
} from '@pipeline/journey-domain';
import { BacktestPopulation } from '../history/backtest-population';
import { DAY_MS } from '../history/utc-day';
import { BacktestOptions } from '../options/backtest-options';
import { ReplayCounts } from '../replay/replay-tally';
import { ReplayedPartition } from '../replay/replay-topic';
import { BacktestModels, otherCurrencyNote } from './fit-models';
import { FrequencyBin, HoldoutPrediction, frequencyBins } from './frequency-bins';
import { HoldoutErrors, holdoutErrors } from './holdout-errors';
import { TrackingPeriod, holdoutTracking } from './holdout-tracking';
import { daysPerUnit, holdoutWindow } from './holdout-window';
import { spendCheck } from './spend-check';

/** Where the replayed records came from and what was in them. */
export type BacktestSource = ReplayCounts & {
  readonly topic: string;
  /** `earliest`, or the offset every partition was replayed from. */
  readonly fromOffset: string;
  readonly partitions: readonly ReplayedPartition[];
};

/** The spend check, or why there is none. */
export type SpendReport =
  | {
      readonly available: true;
      readonly currency: string;
      /** Repeat buyers of the calibration (x >= 1): the customers Gamma-Gamma prices. */
      readonly customers: number;
      /** Σ E[Z | x, m_x] x E[Y(t) | x, t_x, T], decimal major units. */
      readonly totalPredicted: string;
      readonly totalActual: string;
      readonly meanPredicted: string;
      readonly meanActual: string;
      readonly meanAbsoluteError: string;
      readonly relativeError: number | null;
    }
  | { readonly available: false; readonly reason: string };

/** Wall time of each step, ms. */
export interface BacktestTimings {
  readonly replayMs: number;
  readonly summarizeMs: number;
  readonly fitMs: { readonly bgNbd: number; readonly gammaGamma: number; readonly paretoNbd: number };
  readonly reportMs: number;
  readonly totalMs: number;
}

/** What a backtest found; every time quantity is in `timeUnit`, every amount in `currency`. */
export interface BacktestReport {
  readonly report: 'clv-backtest';
  readonly version: 1;
  readonly generatedAt: string;
  readonly timeUnit: TimeUnit;
  readonly currency: string;
  readonly source: BacktestSource;
  readonly window: {
    /** The last instant of the calibration, inclusive (a bare date is its day's last millisecond). */
    readonly calibrationEnd: string;
    /** The last instant of the holdout, inclusive. */
    readonly holdoutEnd: string;
    /** The boundaries in words, with the exact instants: what every output states. */
    readonly rule: string;
    readonly timeUnit: TimeUnit;
    /** Whole UTC days of the holdout (see `holdoutWindow`). */
    readonly holdoutDays: number;
    /** t of the holdout predictions, in time units. */
    readonly holdoutLength: number;
    readonly periods: number;
    /** The cohort's earliest first purchase, or null without customers. */
    readonly firstPurchase: string | null;
  };
  readonly population: {
    /** The calibration cohort: customers with a counted purchase by calibrationEnd. */
    readonly customers: number;
    /** Of them, with at least one repeat purchase in the calibration. */
    readonly repeatBuyers: number;
    /** Of them, with at least one purchase in the holdout. */
    readonly holdoutBuyers: number;
    /** First purchase in the holdout: not in the cohort, not scored. */
    readonly acquiredInHoldout: number;
    /** Order events but no counted purchase (all cancelled, say). */
    readonly withoutPurchases: number;
  };
  readonly fit: {
    readonly timeUnit: TimeUnit;
    readonly bgNbd: {
      /** r and alpha (a rate per time unit) of the purchase rates; a and b of the drop-out. */
      readonly params: BgNbdParams;
      readonly logLikelihood: number;
      /** 2k - 2 ln L with k = 4: comparable with the Pareto/NBD's on the same summaries. */
      readonly aic: number;
      readonly customers: number;
      readonly iterations: number;
      readonly converged: boolean;
    };
    readonly paretoNbd:
      | {
          readonly ok: true;
          /** r and alpha (a rate per time unit) of the purchase rates; s and beta of the lifetimes. */
          readonly params: ParetoNbdParams;
          readonly logLikelihood: number;
          readonly aic: number;
          readonly customers: number;
          readonly iterations: number;
          readonly converged: boolean;
        }
      | { readonly ok: false; readonly customers: number; readonly message: string };
    readonly gammaGamma:
      | {
          readonly ok: true;
          /** p and q are unitless; v is in minor units of `currency`. */
          readonly params: GammaGammaParams;
          /** v in major units of `currency` (v / 100 for EUR), as published fits state it. */
          readonly vMajorUnits: number;
          readonly logLikelihood: number;
          /** Repeat buyers with a positive spend. */
          readonly customers: number;
          readonly iterations: number;
          readonly converged: boolean;
          /** p v / (q - 1) in major units, or null when q <= 1 (no finite mean). */
          readonly populationMeanSpend: string | null;
        }
      | { readonly ok: false; readonly customers: number; readonly message: string };
  };
  readonly conditionalExpectations: {
    readonly timeUnit: TimeUnit;
    readonly holdoutLength: number;
    readonly bins: readonly FrequencyBin[];
  };
  readonly tracking: {
    readonly timeUnit: TimeUnit;
    readonly periods: ReadonlyArray<TrackingPeriod & { readonly endsAt: string }>;
  };
  readonly errors: HoldoutErrors & { readonly timeUnit: TimeUnit };
  /**
   * The Pareto/NBD's holdout predictions for the same customers, beside the BG/NBD's above (which
   * `conditionalExpectations`, `tracking` and `errors` hold); null when it could not be fitted.
   */
  readonly paretoNbd: { readonly bins: readonly FrequencyBin[]; readonly errors: HoldoutErrors } | null;
  /** Both purchase models side by side, and the one the refit's rule (lower AIC) would keep. */
  readonly modelComparison: {
    readonly rule: string;
    readonly kept: PurchaseModel;
    readonly reason: string;
    readonly models: ReadonlyArray<{
      readonly model: PurchaseModel;
      readonly logLikelihood: number;
      readonly aic: number;
      readonly holdoutTotalPredicted: number;
      readonly holdoutRelativeError: number | null;
      readonly holdoutMeanAbsoluteError: number;
    }>;
  };
  readonly spend: SpendReport;
  readonly warnings: readonly string[];
  readonly timings: BacktestTimings;
}

/** What {@link buildBacktestReport} reads. */
export interface BacktestReportInput {
  readonly options: BacktestOptions;
  readonly source: BacktestSource;
  readonly population: BacktestPopulation;
  readonly models: BacktestModels;
  readonly generatedAt: Date;
}

const iso = (epochMs: number): string => new Date(epochMs).toISOString();

/**
 * Scores the fitted models against the holdout: per-customer conditional expectations over the
 * holdout length (binned by calibration frequency, and their errors), the tracking of cumulative
 * repeat purchases per time unit, and predicted against actual holdout spend of the repeat buyers.
 * Pure: everything comes in as arguments; the timings are the caller's to add.
 */
export function buildBacktestReport(input: BacktestReportInput): Omit<BacktestReport, 'timings'> {
  const { options, source, population, models } = input;
  const { timeUnit, currency } = options;
  const window = holdoutWindow(options.calibrationEnd, options.holdoutEnd, timeUnit);
  const params = models.bgNbd.params;
  const predictions: HoldoutPrediction[] = population.customers.map(({ calibration, holdoutDays }) => ({
    frequency: calibration.frequency,
    actual: holdoutDays.length,
    predicted: conditionalExpectedPurchases(
      params,
      window.length,
      calibration.frequency,
      calibration.recency,
      calibration.age,
    ),
  }));
  const tracking = holdoutTracking(
    population.customers.map(({ calibration, holdoutDays }) => ({
      frequency: calibration.frequency,
      recency: calibration.recency,
      age: calibration.age,
      holdoutDays,
    })),
    params,
    window,
  );
  const firstPurchase = population.customers.reduce(
    (min, { calibration }) => Math.min(min, calibration.firstPurchaseAt),
    Infinity,
  );
  const repeatBuyers = population.customers.filter((c) => c.calibration.frequency > 0).length;
  const { gammaGamma } = models;
  const pareto = paretoSection(input, window.length);
  const bgErrors = holdoutErrors(predictions);
  return {
    report: 'clv-backtest',
    version: 1,
    generatedAt: input.generatedAt.toISOString(),
    timeUnit,
    currency,
    source,
    window: {
      calibrationEnd: iso(options.calibrationEnd),
      holdoutEnd: iso(options.holdoutEnd),
      rule: boundaryRule(options.calibrationEnd, options.holdoutEnd),
      timeUnit,
      holdoutDays: window.days,
      holdoutLength: window.length,
      periods: window.periodEnds.length,
      firstPurchase: Number.isFinite(firstPurchase) ? iso(firstPurchase) : null,
    },
    population: {
      customers: population.customers.length,
      repeatBuyers,
      holdoutBuyers: population.customers.filter((c) => c.holdoutDays.length > 0).length,
      acquiredInHoldout: population.acquiredInHoldout,
      withoutPurchases: population.withoutPurchases,
    },
    fit: {
      timeUnit,
      bgNbd: {
        params,
        logLikelihood: models.bgNbd.logLikelihood,
        aic: aic(models.bgNbd.logLikelihood, 4),
        customers: models.bgNbd.customers,
        iterations: models.bgNbd.iterations,
        converged: models.bgNbd.converged,
      },
      gammaGamma: gammaGamma.ok
        ? {
            ok: true,
            params: gammaGamma.params,
            vMajorUnits: gammaGamma.params.v / 10 ** minorDigitsOf(currency),
            logLikelihood: gammaGamma.logLikelihood,
            customers: gammaGamma.customers,
            iterations: gammaGamma.iterations,
            converged: gammaGamma.converged,
            populationMeanSpend:
              gammaGamma.params.q > 1
                ? money((gammaGamma.params.p * gammaGamma.params.v) / (gammaGamma.params.q - 1), currency)
                : null,
          }
        : { ok: false, customers: gammaGamma.customers, message: gammaGamma.message },
      paretoNbd: models.paretoNbd.ok
        ? {
            ok: true,
            params: models.paretoNbd.params,
            logLikelihood: models.paretoNbd.logLikelihood,
            aic: aic(models.paretoNbd.logLikelihood, 4),
            customers: models.paretoNbd.customers,
            iterations: models.paretoNbd.iterations,
            converged: models.paretoNbd.converged,
          }
        : { ok: false, customers: models.paretoNbd.customers, message: models.paretoNbd.message },
    },
    conditionalExpectations: { timeUnit, holdoutLength: window.length, bins: frequencyBins(predictions) },
    tracking: {
      timeUnit,
      periods: tracking.map((period) => ({
        ...period,
        endsAt: iso((window.firstDay + period.end * daysPerUnit(timeUnit)) * DAY_MS),
      })),
    },
    errors: { ...bgErrors, timeUnit },
    paretoNbd: pareto,
    modelComparison: modelComparison(input, bgErrors, pareto),
    spend: spendReport(input, predictions),
    warnings: warnings(input),
  };
}

/** The Pareto/NBD's per-customer holdout predictions, binned and scored as the BG/NBD's are. */
function paretoSection(
  { population, models }: BacktestReportInput,
  holdoutLength: number,
): BacktestReport['paretoNbd'] {
  const fit = models.paretoNbd;
  if (!fit.ok) return null;
  const rows = population.customers.map(({ calibration, holdoutDays }) => ({
    frequency: calibration.frequency,
    actual: holdoutDays.length,
    predicted: paretoNbdConditionalExpectedPurchases(
      fit.params,
      holdoutLength,
      calibration.frequency,
      calibration.recency,
      calibration.age,
    ),
  }));
  return { bins: frequencyBins(rows), errors: holdoutErrors(rows) };
}

function modelComparison(
  { models }: BacktestReportInput,
  bgErrors: HoldoutErrors,
  pareto: BacktestReport['paretoNbd'],
): BacktestReport['modelComparison'] {
  const choice = choosePurchaseModel(models.bgNbd, models.paretoNbd);
  const row = (model: PurchaseModel, logLikelihood: number, errors: HoldoutErrors) => ({
    model,
    logLikelihood,
    aic: aic(logLikelihood, 4),
    holdoutTotalPredicted: errors.totalPredicted,
    holdoutRelativeError: errors.relativeError,
    holdoutMeanAbsoluteError: errors.meanAbsoluteError,
  });
  return {
    rule: 'the lower AIC (2k - 2 ln L, k = 4) on the calibration summaries; only a converged fit',
    kept: choice.model,
    reason: choice.reason,
    models: [
      row('bg-nbd', models.bgNbd.logLikelihood, bgErrors),
      ...(models.paretoNbd.ok && pareto
        ? [row('pareto-nbd', models.paretoNbd.logLikelihood, pareto.errors)]
        : []),
    ],
  };
}

/** The calibration and holdout boundaries as exact instants, inclusive, in one sentence. */
export function boundaryRule(calibrationEnd: number, holdoutEnd: number): string {
  return (
    `calibration: orders placed at or before ${iso(calibrationEnd)}; ` +
    `holdout: orders placed after ${iso(calibrationEnd)} and at or before ${iso(holdoutEnd)}`
  );
}

function money(minor: number, currency: string): string {
  return formatMinorUnits(Math.round(minor), currency);
}

function spendReport(input: BacktestReportInput, predictions: readonly HoldoutPrediction[]): SpendReport {
  const { gammaGamma } = input.models;
  if (!gammaGamma.ok) return { available: false, reason: `Gamma-Gamma: ${gammaGamma.message}` };
  const { currency } = input.options;
  const rows = input.population.customers.flatMap(({ calibration, holdoutSpendMinor }, i) => {
    if (calibration.frequency === 0) return [];
    const perPurchase =
      conditionalExpectedSpend(
        gammaGamma.params,
        calibration.frequency,
        calibration.monetaryMinor,
        gammaGamma.meanSpendMinor,
      ) ?? gammaGamma.meanSpendMinor;
    return [{ predictedMinor: perPurchase * predictions[i].predicted, actualMinor: holdoutSpendMinor }];
  });
  const check = spendCheck(rows);
  return {
    available: true,
    currency,
    customers: check.customers,
    totalPredicted: money(check.totalPredictedMinor, currency),
    totalActual: money(check.totalActualMinor, currency),
    meanPredicted: money(check.meanPredictedMinor, currency),
    meanActual: money(check.meanActualMinor, currency),
    meanAbsoluteError: money(check.meanAbsoluteErrorMinor, currency),
    relativeError: check.relativeError,
  };
}

function warnings(input: BacktestReportInput): string[] {
  const { source, population, models } = input;
  const out: string[] = [];
  if (!models.bgNbd.converged)
    out.push('BG/NBD did not converge to a plausible optimum: read the predictions with care');
  if (!models.gammaGamma.ok) out.push(`Gamma-Gamma not fitted: ${models.gammaGamma.message}`);
  else if (!models.gammaGamma.converged) out.push('Gamma-Gamma did not converge to a plausible optimum');
  if (source.rejected.total > 0)
    out.push(`${source.rejected.total} records failed validation and were skipped`);
  const note = otherCurrencyNote({
    currency: input.options.currency,
    otherCurrencies: source.otherCurrencies,
  });
  if (note !== undefined) out.push(`${note[0].toUpperCase()}${note.slice(1)}`);
  if (population.acquiredInHoldout > 0) {
    out.push(`${population.acquiredInHoldout} customers first bought in the holdout and are not scored`);
  }
  return out;
}
