import { BacktestReport } from '../report/backtest-report';
import { REPORT_PAGE_SCRIPT } from './report-page-script';

const STYLE = `
  :root { color-scheme: light; }
  body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif;
    margin: 0 auto; max-width: 1200px; padding: 24px; color: #111827; background: #fff; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  h2 { font-size: 16px; margin: 28px 0 8px; }
  p.lead { color: #374151; margin: 0 0 16px; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 10px; }
  .tile { border: 1px solid #e5e7eb; border-radius: 8px; padding: 10px 12px; }
  .tile .label { display: block; color: #6b7280; font-size: 12px; }
  .tile .value { display: block; font-size: 20px; font-weight: 600; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 16px; margin-top: 16px; }
  figure { margin: 0; border: 1px solid #e5e7eb; border-radius: 8px; padding: 12px; }
  figcaption { font-weight: 600; margin-bottom: 4px; }
  figure p { color: #4b5563; font-size: 12px; margin: 6px 0 0; }
  .chart { position: relative; height: 340px; }
  table { border-collapse: collapse; margin: 4px 0; font-variant-numeric: tabular-nums; }
  th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 10px; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  th { color: #374151; font-weight: 600; background: #f9fafb; }
  .warnings { background: #fffbeb; border: 1px solid #fcd34d; border-radius: 8px; padding: 8px 12px; }
  code { font-size: 13px; }
  details { margin-top: 8px; }
`;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A number for a table cell: fixed digits, thousands separated, or an en dash for "none". */
function num(value: number | null, digits = 3): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function int(value: number): string {
  return value.toLocaleString('en-US');
}

function percent(value: number | null): string {
  return value === null ? '–' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = head.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<table><thead><tr>${th}</tr></thead><tbody>${body.join('')}</tbody></table>`;
}

function tile(label: string, value: string): string {
  return `<div class="tile"><span class="label">${escapeHtml(label)}</span><span class="value">${escapeHtml(value)}</span></div>`;
}

/** Inline `<script>` content must not close its element early. */
function inlineScript(source: string): string {
  return source.replace(/<\/(script)/gi, '<\\/$1');
}

function plural(unit: string, n: number): string {
  return n === 1 ? unit : `${unit}s`;
}

function fitTables(report: BacktestReport): string {
  const { bgNbd, gammaGamma } = report.fit;
  const unit = report.timeUnit;
  const bg = table(
    ['BG/NBD', 'value'],
    [
      ['r', num(bgNbd.params.r, 4)],
      [`alpha (${plural(unit, 2)})`, num(bgNbd.params.alpha, 4)],
      ['a', num(bgNbd.params.a, 4)],
      ['b', num(bgNbd.params.b, 4)],
      ['log-likelihood', num(bgNbd.logLikelihood, 2)],
      ['customers', int(bgNbd.customers)],
      ['converged', bgNbd.converged ? 'yes' : 'no'],
    ],
  );
  const gg = gammaGamma.ok
    ? table(
        ['Gamma-Gamma', 'value'],
        [
          ['p', num(gammaGamma.params.p, 4)],
          ['q', num(gammaGamma.params.q, 4)],
          [`v (major units of ${report.currency})`, num(gammaGamma.vMajorUnits, 4)],
          [`v (minor units of ${report.currency})`, num(gammaGamma.params.v, 2)],
          ['mean spend p v / (q - 1)', `${gammaGamma.populationMeanSpend ?? '–'} ${report.currency}`],
          ['log-likelihood', num(gammaGamma.logLikelihood, 2)],
          ['repeat buyers used', int(gammaGamma.customers)],
          ['converged', gammaGamma.converged ? 'yes' : 'no'],
        ],
      )
    : `<p>Gamma-Gamma not fitted: ${escapeHtml(gammaGamma.message)}</p>`;
  const { paretoNbd } = report.fit;
  const pareto = paretoNbd.ok
    ? table(
        ['Pareto/NBD', 'value'],
        [
          ['r', num(paretoNbd.params.r, 4)],
          [`alpha (${plural(unit, 2)})`, num(paretoNbd.params.alpha, 4)],
          ['s', num(paretoNbd.params.s, 4)],
          [`beta (${plural(unit, 2)})`, num(paretoNbd.params.beta, 4)],
          ['log-likelihood', num(paretoNbd.logLikelihood, 2)],
          ['customers', int(paretoNbd.customers)],
          ['converged', paretoNbd.converged ? 'yes' : 'no'],
        ],
      )
    : `<p>Pareto/NBD not fitted: ${escapeHtml(paretoNbd.message)}</p>`;
  const comparison = report.modelComparison;
  const side = table(
    [
      'purchase model',
      'log-likelihood',
      'AIC',
      'holdout predicted',
      'predicted / actual - 1',
      'mean abs. error',
    ],
    comparison.models.map((m) => [
      m.model === comparison.kept ? `${m.model} (kept)` : m.model,
      num(m.logLikelihood, 2),
      num(m.aic, 2),
      num(m.holdoutTotalPredicted, 1),
      percent(m.holdoutRelativeError),
      num(m.holdoutMeanAbsoluteError),
    ]),
  );
  return `<div class="charts">${bg}${pareto}${gg}</div>
<h3>Both purchase models side by side</h3>
${side}
<p>The refit keeps ${escapeHtml(comparison.rule)}: here ${escapeHtml(comparison.kept)} (${escapeHtml(comparison.reason)}).</p>`;
}

function spendTable(report: BacktestReport): string {
  const { spend } = report;
  if (!spend.available) return `<p>${escapeHtml(spend.reason)}</p>`;
  return table(
    [`Repeat buyers (${int(spend.customers)})`, 'predicted', 'actual'],
    [
      [`total holdout spend (${spend.currency})`, spend.totalPredicted, spend.totalActual],
      [`mean per customer (${spend.currency})`, spend.meanPredicted, spend.meanActual],
      ['mean absolute error per customer', spend.meanAbsoluteError, ''],
      ['predicted / actual - 1', percent(spend.relativeError), ''],
    ],
  );
}

/** ` (1200 USD, 3 GBP)`, or nothing when no other currency was seen. */
function currencyBreakdown(byCurrency: Readonly<Record<string, number>>): string {
  const entries = Object.entries(byCurrency);
  return entries.length === 0 ? '' : ` (${entries.map(([c, n]) => `${int(n)} ${c}`).join(', ')})`;
}

/** A whole day's last millisecond as its date (what a bare date means), any other instant in full. */
function shortInstant(iso: string): string {
  return iso.endsWith('T23:59:59.999Z') ? iso.slice(0, 10) : iso;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The backtest report as one self-contained HTML page: tiles, the two standard charts (conditional
 * expectations by calibration frequency; cumulative tracking over the holdout) drawn with the inlined
 * Chart.js bundle from the embedded report JSON, and the tables. Works offline, from a file.
 */
export function renderBacktestHtml(report: BacktestReport, chartJsBundle: string): string {
  const unit = report.timeUnit;
  const { window, population, errors, source } = report;
  const length = `${num(window.holdoutLength, window.holdoutLength % 1 === 0 ? 0 : 2)} ${plural(unit, window.holdoutLength)}`;
  const title = `CLV backtest: calibration through ${shortInstant(window.calibrationEnd)}, holdout through ${shortInstant(window.holdoutEnd)}`;
  const paretoBins = report.paretoNbd?.bins;
  const bins = table(
    [
      'calibration x',
      'customers',
      'mean actual',
      'BG/NBD mean predicted',
      'BG/NBD mean abs. error',
      'Pareto/NBD mean predicted',
      'Pareto/NBD mean abs. error',
    ],
    report.conditionalExpectations.bins.map((b, i) => [
      b.frequency,
      int(b.customers),
      num(b.meanActual),
      num(b.meanPredicted),
      num(b.meanAbsoluteError),
      num(paretoBins?.[i]?.meanPredicted ?? null),
      num(paretoBins?.[i]?.meanAbsoluteError ?? null),
    ]),
  );
  const tracking = table(
    [unit, 'ends', 'actual', 'expected', 'conditional', 'cum. actual', 'cum. expected', 'cum. conditional'],
    report.tracking.periods.map((p) => [
      num(p.end, p.end % 1 === 0 ? 0 : 2),
      p.endsAt.slice(0, 10),
      int(p.actual),
      num(p.expected, 1),
      num(p.conditional, 1),
      int(p.cumulativeActual),
      num(p.cumulativeExpected, 1),
      num(p.cumulativeConditional, 1),
    ]),
  );
  const rejected = Object.entries(source.rejected.byCode).map(([code, n]) => `${code} ${int(n)}`);
  const sourceTable = table(
    ['Replay', 'value'],
    [
      ['topic', source.topic],
      ['from offset', source.fromOffset],
      [
        'partitions [from, to)',
        source.partitions.map((p) => `${p.partition}: [${p.from}, ${p.to})`).join('; '),
      ],
      ['records', int(source.records)],
      [
        'order_placed / order_refunded / order_cancelled',
        Object.values(source.orderEvents).map(int).join(' / '),
      ],
      [
        'other event types / other currencies',
        `${int(source.otherEventTypes)} / ${int(source.otherCurrency)}${currencyBreakdown(source.otherCurrencies)}`,
      ],
      ['rejected', rejected.length > 0 ? rejected.join(', ') : '0'],
      ['first purchase in the cohort', window.firstPurchase ?? '–'],
      [
        'timings (ms): replay, summarise, fit BG/NBD, fit Gamma-Gamma, fit Pareto/NBD, report',
        [
          report.timings.replayMs,
          report.timings.summarizeMs,
          report.timings.fitMs.bgNbd,
          report.timings.fitMs.gammaGamma,
          report.timings.fitMs.paretoNbd,
          report.timings.reportMs,
        ]
          .map(int)
          .join(', '),
      ],
    ],
  );
  const warnings =
    report.warnings.length > 0
      ? `<div class="warnings">${report.warnings.map((w) => `<p>${escapeHtml(w)}</p>`).join('')}</div>`
      : '';
  // The prettier-ignore keeps formatters off a generated page whose inlined Chart.js they would reflow.
  return `<!doctype html>
<!-- prettier-ignore -->
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:," />
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="lead">Replayed <code>${escapeHtml(source.topic)}</code> from the Kafka log. Time unit: <b>${unit}</b>; money in <b>${escapeHtml(report.currency)}</b>. ${escapeHtml(capitalised(window.rule))} (${escapeHtml(length)}). Generated ${escapeHtml(report.generatedAt)}.</p>
</header>
${warnings}
<section class="tiles" aria-label="Summary">
${tile('Customers (calibration cohort)', int(population.customers))}
${tile('Repeat buyers in calibration', int(population.repeatBuyers))}
${tile('Holdout purchases: actual', int(errors.totalActual))}
${tile('Holdout purchases: predicted', num(errors.totalPredicted, 1))}
${tile('Predicted / actual - 1', percent(errors.relativeError))}
${tile('Mean absolute error per customer', num(errors.meanAbsoluteError))}
${tile(`Repeat buyers' holdout spend: predicted / actual - 1`, report.spend.available ? percent(report.spend.relativeError) : '–')}
</section>
<section class="charts">
<figure>
<figcaption>Conditional expectations by calibration frequency</figcaption>
<div class="chart"><canvas data-chart="conditional" role="img" aria-label="Mean holdout purchases by calibration frequency, actual and predicted"></canvas></div>
<p>Customers grouped by their repeat purchases in the calibration period (x). Per group: the mean number of purchase days each had in the holdout, against the mean of the model's per-customer prediction E[Y(t) | x, t<sub>x</sub>, T] for t = ${escapeHtml(length)}. The lines should lie on each other; n is the group size.</p>
</figure>
<figure>
<figcaption>Tracking: cumulative repeat purchases over the holdout, per ${unit}</figcaption>
<div class="chart"><canvas data-chart="tracking" role="img" aria-label="Cumulative repeat purchases in the holdout, actual and expected"></canvas></div>
<p>The whole cohort's repeat purchase days since the calibration end, cumulated per ${unit}. Expected: Σ<sub>i</sub> E[X(T<sub>i</sub> + t)] - E[X(T<sub>i</sub>)], each customer's unconditional expectation counted from its first purchase, T<sub>i</sub> ${plural(unit, 2)} before the calibration end. Conditional: Σ<sub>i</sub> E[Y(t) | x<sub>i</sub>, t<sub>x,i</sub>, T<sub>i</sub>], the per-customer predictions.</p>
</figure>
</section>
<h2>Fitted models (time unit: ${unit})</h2>
${fitTables(report)}
<h2>Holdout purchases by calibration frequency (holdout of ${escapeHtml(length)})</h2>
${bins}
<h2>Errors over all ${int(errors.customers)} customers</h2>
${table(
  ['', 'value'],
  [
    ['total actual holdout purchases', int(errors.totalActual)],
    ['total predicted (conditional)', num(errors.totalPredicted, 1)],
    [
      'total expected (unconditional, tracking)',
      num(report.tracking.periods.at(-1)?.cumulativeExpected ?? 0, 1),
    ],
    ['predicted / actual - 1', percent(errors.relativeError)],
    ['mean absolute error per customer', num(errors.meanAbsoluteError)],
    ['root mean square error per customer', num(errors.rootMeanSquareError)],
  ],
)}
<h2>Holdout spend of the repeat buyers: Gamma-Gamma E[Z | x, m<sub>x</sub>] × E[Y(t) | x, t<sub>x</sub>, T]</h2>
${spendTable(report)}
<h2>Tracking per ${unit}</h2>
<details><summary>${int(report.tracking.periods.length)} periods</summary>${tracking}</details>
<h2>Source</h2>
${sourceTable}
<script type="application/json" id="backtest-report">${JSON.stringify(report).replace(/</g, '\\u003c')}</script>
<script>${inlineScript(chartJsBundle)}</script>
<script>${inlineScript(REPORT_PAGE_SCRIPT)}</script>
</body>
</html>
`;
}
