import { SYNTHETIC_OPTIONS, offlinePopulation, syntheticCsv } from '../../test/synthetic-backtest.fixture';
import { BacktestReport, buildBacktestReport } from '../report/backtest-report';
import { fitBacktestModels } from '../report/fit-models';
import { readChartJsBundle } from './chart-js-bundle';
import { renderBacktestHtml } from './render-report-html';

describe(renderBacktestHtml.name, () => {
  const { population, source } = offlinePopulation(syntheticCsv(600, 3));
  const findings = buildBacktestReport({
    options: SYNTHETIC_OPTIONS,
    source,
    population,
    models: fitBacktestModels(population.customers.map((c) => c.calibration)),
    generatedAt: new Date(Date.UTC(2026, 0, 1)),
  });
  const report: BacktestReport = {
    ...findings,
    warnings: ['a warning with </script><script>alert(1)</script> in it'],
    timings: {
      replayMs: 1,
      summarizeMs: 2,
      fitMs: { bgNbd: 3, gammaGamma: 4, paretoNbd: 5 },
      reportMs: 5,
      totalMs: 15,
    },
  };
  const html = renderBacktestHtml(report, readChartJsBundle());

  it('inlines Chart.js and the report, so the page needs nothing from the network', () => {
    expect(html).toContain('Chart.js v4');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
    expect(html).not.toContain('sourceMappingURL');
    const json = /<script type="application\/json" id="backtest-report">(.*?)<\/script>/s.exec(html)?.[1];
    expect(JSON.parse(json ?? 'null')).toEqual(report);
  });

  it('has the two standard charts and states the time unit', () => {
    expect(html.match(/<canvas data-chart="(\w+)"/g)).toEqual([
      '<canvas data-chart="conditional"',
      '<canvas data-chart="tracking"',
    ]);
    expect(html).toContain('Time unit: <b>week</b>');
    expect(html).toContain(
      `Calibration: orders placed at or before ${new Date(SYNTHETIC_OPTIONS.calibrationEnd).toISOString()}`,
    );
    expect(html).toContain('Fitted models (time unit: week)');
    expect(html).toContain('<h3>Both purchase models side by side</h3>');
    expect(html).toContain('Pareto/NBD mean predicted');
  });

  it('escapes report text: a warning cannot close the script or inject markup', () => {
    expect(html.match(/<\/script>/g)).toHaveLength(3);
    expect(html).toContain('a warning with &#60;/script&#62;');
  });
});
