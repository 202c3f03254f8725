import { BacktestReport } from '@pipeline/backtest';

const fixed = (value: number | null, digits = 3): string => (value === null ? '-' : value.toFixed(digits));
const percent = (value: number | null): string =>
  value === null ? '-' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;

/** A short plain-text reading of a backtest report for the terminal. */
export function formatBacktestSummary(report: BacktestReport): string {
  const { window, population, fit, errors, spend, source, timings } = report;
  const unit = report.timeUnit;
  const { r, alpha, a, b } = fit.bgNbd.params;
  const lines = [
    `CLV backtest of ${source.topic} (${source.records} records, ${source.rejected.total} rejected)`,
    `time unit: ${unit}; holdout ${fixed(window.holdoutLength, 2)} ${unit}s (${window.holdoutDays} days)`,
    `${window.rule}`,
    `customers ${population.customers}, repeat buyers ${population.repeatBuyers}, acquired in the holdout (not scored) ${population.acquiredInHoldout}`,
    `BG/NBD (${unit}s): r=${fixed(r, 4)} alpha=${fixed(alpha, 4)} a=${fixed(a, 4)} b=${fixed(b, 4)} ` +
      `LL=${fixed(fit.bgNbd.logLikelihood, 2)} converged=${fit.bgNbd.converged}`,
    fit.gammaGamma.ok
      ? `Gamma-Gamma: p=${fixed(fit.gammaGamma.params.p, 4)} q=${fixed(fit.gammaGamma.params.q, 4)} ` +
        `v=${fixed(fit.gammaGamma.vMajorUnits, 4)} ${report.currency} (${fixed(fit.gammaGamma.params.v, 2)} minor units) LL=${fixed(fit.gammaGamma.logLikelihood, 2)} ` +
        `converged=${fit.gammaGamma.converged}`
      : `Gamma-Gamma: not fitted (${fit.gammaGamma.message})`,
    fit.paretoNbd.ok
      ? `Pareto/NBD (${unit}s): r=${fixed(fit.paretoNbd.params.r, 4)} alpha=${fixed(fit.paretoNbd.params.alpha, 4)} ` +
        `s=${fixed(fit.paretoNbd.params.s, 4)} beta=${fixed(fit.paretoNbd.params.beta, 4)} ` +
        `LL=${fixed(fit.paretoNbd.logLikelihood, 2)} converged=${fit.paretoNbd.converged}`
      : `Pareto/NBD: not fitted (${fit.paretoNbd.message})`,
    `kept by the refit's rule (${report.modelComparison.rule}): ${report.modelComparison.kept} (${report.modelComparison.reason})`,
    '',
    `x      customers  mean actual  BG/NBD predicted  Pareto/NBD predicted`,
    ...report.conditionalExpectations.bins.map(
      (bin, i) =>
        `${bin.frequency.padEnd(6)} ${String(bin.customers).padStart(9)}  ${fixed(bin.meanActual).padStart(11)}  ` +
        `${fixed(bin.meanPredicted).padStart(16)}  ${fixed(report.paretoNbd?.bins[i]?.meanPredicted ?? null).padStart(20)}`,
    ),
    '',
    `holdout purchases: actual ${errors.totalActual}, BG/NBD predicted ${fixed(errors.totalPredicted, 1)} (${percent(errors.relativeError)}); ` +
      `MAE per customer ${fixed(errors.meanAbsoluteError)}`,
    ...(report.paretoNbd
      ? [
          `holdout purchases: Pareto/NBD predicted ${fixed(report.paretoNbd.errors.totalPredicted, 1)} ` +
            `(${percent(report.paretoNbd.errors.relativeError)}); MAE per customer ${fixed(report.paretoNbd.errors.meanAbsoluteError)}`,
        ]
      : []),
    spend.available
      ? `repeat buyers' holdout spend (${spend.currency}): predicted ${spend.totalPredicted}, actual ${spend.totalActual} (${percent(spend.relativeError)})`
      : `spend: ${spend.reason}`,
    `timings: replay ${timings.replayMs} ms, summarise ${timings.summarizeMs} ms, ` +
      `fit BG/NBD ${timings.fitMs.bgNbd} ms, Gamma-Gamma ${timings.fitMs.gammaGamma} ms, ` +
      `Pareto/NBD ${timings.fitMs.paretoNbd} ms, report ${timings.reportMs} ms`,
    ...report.warnings.map((warning) => `warning: ${warning}`),
  ];
  return `${lines.join('\n')}\n`;
}
