import { SYNTHETIC_OPTIONS, offlinePopulation, syntheticCsv } from '../../test/synthetic-backtest.fixture';
import { buildBacktestReport } from './backtest-report';
import { fitBacktestModels } from './fit-models';

describe(buildBacktestReport.name, () => {
  const { population, source } = offlinePopulation(syntheticCsv(1_500, 7));
  const models = fitBacktestModels(population.customers.map((c) => c.calibration));
  const report = buildBacktestReport({
    options: SYNTHETIC_OPTIONS,
    source,
    population,
    models,
    generatedAt: new Date(Date.UTC(2026, 0, 1)),
  });

  it('states the time unit in every section that measures time', () => {
    expect(report.timeUnit).toBe('week');
    for (const section of [
      report.window,
      report.fit,
      report.conditionalExpectations,
      report.tracking,
      report.errors,
    ]) {
      expect(section.timeUnit).toBe('week');
    }
    expect(report.window).toMatchObject({ holdoutDays: 273, holdoutLength: 39, periods: 39 });
  });

  it('accounts for every cohort customer and holdout purchase the same way in bins, errors and tracking', () => {
    const { bins } = report.conditionalExpectations;
    expect(bins.reduce((sum, b) => sum + b.customers, 0)).toBe(population.customers.length);
    const binActual = bins.reduce((sum, b) => sum + (b.meanActual ?? 0) * b.customers, 0);
    const binPredicted = bins.reduce((sum, b) => sum + (b.meanPredicted ?? 0) * b.customers, 0);
    expect(binActual).toBeCloseTo(report.errors.totalActual, 6);
    expect(binPredicted).toBeCloseTo(report.errors.totalPredicted, 6);
    const last = report.tracking.periods[report.tracking.periods.length - 1];
    expect(last.cumulativeActual).toBe(report.errors.totalActual);
    expect(last.cumulativeConditional).toBeCloseTo(report.errors.totalPredicted, 6);
    expect(last.endsAt).toBe(new Date(SYNTHETIC_OPTIONS.holdoutEnd).toISOString());
    expect(report.population.customers).toBe(1_500);
    expect(report.errors.totalActual).toBe(
      population.customers.reduce((sum, c) => sum + c.holdoutDays.length, 0),
    );
  });

  it('prices only the calibration repeat buyers, in the pipeline currency', () => {
    expect(report.spend).toMatchObject({
      available: true,
      currency: 'EUR',
      customers: report.population.repeatBuyers,
    });
    expect(report.fit.gammaGamma).toMatchObject({ ok: true });
  });

  it('scores the Pareto/NBD beside the BG/NBD on the same customers, and names the model the refit would keep', () => {
    const { paretoNbd, modelComparison } = report;
    if (!report.fit.paretoNbd.ok || paretoNbd === null) throw new Error('Pareto/NBD not fitted');
    expect(report.fit.paretoNbd.converged).toBe(true);
    expect(paretoNbd.bins.map((b) => [b.frequency, b.customers, b.meanActual])).toEqual(
      report.conditionalExpectations.bins.map((b) => [b.frequency, b.customers, b.meanActual]),
    );
    expect(paretoNbd.errors.totalActual).toBe(report.errors.totalActual);
    expect(paretoNbd.errors.totalPredicted).not.toBeCloseTo(report.errors.totalPredicted, 3);
    expect(modelComparison.models.map((m) => m.model)).toEqual(['bg-nbd', 'pareto-nbd']);
    const [bg, pareto] = modelComparison.models;
    expect(bg.aic).toBeCloseTo(8 - 2 * report.fit.bgNbd.logLikelihood, 9);
    // The synthetic history is drawn from a BG/NBD: that model should fit it better.
    expect(bg.logLikelihood).toBeGreaterThan(pareto.logLikelihood);
    expect(modelComparison.kept).toBe('bg-nbd');
  });

  it('states Gamma-Gamma v in major units beside the minor units it is fitted in', () => {
    const { gammaGamma } = report.fit;
    if (!gammaGamma.ok) throw new Error('Gamma-Gamma not fitted');
    expect(gammaGamma.vMajorUnits * 100).toBeCloseTo(gammaGamma.params.v, 9);
    // The synthetic spend is drawn with v = 15 EUR.
    expect(gammaGamma.vMajorUnits).toBeGreaterThan(7.5);
    expect(gammaGamma.vMajorUnits).toBeLessThan(30);
  });

  it('reports the fitted parameters and log-likelihood of the domain fitter', () => {
    expect(report.fit.bgNbd).toMatchObject({
      params: models.bgNbd.params,
      logLikelihood: models.bgNbd.logLikelihood,
      customers: 1_500,
      converged: true,
    });
  });
});
