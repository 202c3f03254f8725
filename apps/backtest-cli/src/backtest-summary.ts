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
    '',
    `x      customers  mean actual  mean predicted`,
    ...report.conditionalExpectations.bins.map(
      (bin) =>
        `${bin.frequency.padEnd(6)} ${String(bin.customers).padStart(9)}  ${fixed(bin.meanActual).padStart(11)}  ${fixed(bin.meanPredicted).padStart(14)}`,
    ),
    '',
    `holdout purchases: actual ${errors.totalActual}, predicted ${fixed(errors.totalPredicted, 1)} (${percent(errors.relativeError)}); ` +
      `MAE per customer ${fixed(errors.meanAbsoluteError)}`,
    spend.available
      ? `repeat buyers' holdout spend (${spend.currency}): predicted ${spend.totalPredicted}, actual ${spend.totalActual} (${percent(spend.relativeError)})`
      : `spend: ${spend.reason}`,
    `timings: replay ${timings.replayMs} ms, summarise ${timings.summarizeMs} ms, ` +
      `fit ${timings.fitMs.bgNbd} + ${timings.fitMs.gammaGamma} ms, report ${timings.reportMs} ms`,
    ...report.warnings.map((warning) => `warning: ${warning}`),
  ];
  return `${lines.join('\n')}\n`;
}
