/**
 * The report page's script: draws the two charts from the report JSON embedded in the page. Plain
 * browser JavaScript, inlined as is; `window.backtestReport` tells a test when the charts are drawn.
 */
export const REPORT_PAGE_SCRIPT = String.raw`(function () {
  'use strict';
  var state = { ready: false, charts: {} };
  window.backtestReport = state;
  var report = JSON.parse(document.getElementById('backtest-report').textContent);
  var unit = report.timeUnit;
  var units = function (n) { return n === 1 ? unit : unit + 's'; };
  var ACTUAL = '#111827';
  var MODEL = '#2563eb';
  var CONDITIONAL = '#dc2626';
  var LEGEND = { position: 'bottom', labels: { usePointStyle: true, pointStyle: 'line', boxWidth: 32 } };
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

  function canvas(name) {
    return document.querySelector('canvas[data-chart="' + name + '"]');
  }
  function axis(text, extra) {
    var scale = { title: { display: true, text: text } };
    for (var key in extra) scale[key] = extra[key];
    return scale;
  }

  var bins = report.conditionalExpectations.bins;
  var length = report.conditionalExpectations.holdoutLength;
  state.charts.conditional = new Chart(canvas('conditional'), {
    type: 'line',
    data: {
      labels: bins.map(function (b) { return [b.frequency, 'n=' + b.customers.toLocaleString('en')]; }),
      datasets: [
        { label: 'Actual', data: bins.map(function (b) { return b.meanActual; }),
          borderColor: ACTUAL, backgroundColor: ACTUAL, pointRadius: 4 },
        { label: 'Predicted: E[Y(t) | x, t_x, T]', data: bins.map(function (b) { return b.meanPredicted; }),
          borderColor: MODEL, backgroundColor: MODEL, borderDash: [6, 4], pointRadius: 4 },
      ],
    },
    options: {
      plugins: { legend: LEGEND },
      scales: {
        x: axis('Repeat purchases in the calibration period (x)'),
        y: axis('Mean purchases in the holdout (' + +length.toFixed(2) + ' ' + units(length) + ')', { beginAtZero: true }),
      },
    },
  });

  var periods = report.tracking.periods;
  state.charts.tracking = new Chart(canvas('tracking'), {
    type: 'line',
    data: {
      labels: periods.map(function (p) { return +p.end.toFixed(2); }),
      datasets: [
        { label: 'Actual', data: periods.map(function (p) { return p.cumulativeActual; }),
          borderColor: ACTUAL, backgroundColor: ACTUAL, pointRadius: 0, borderWidth: 2 },
        { label: 'Expected: Σ E[X(T + t)] - E[X(T)]', data: periods.map(function (p) { return p.cumulativeExpected; }),
          borderColor: MODEL, backgroundColor: MODEL, borderDash: [6, 4], pointRadius: 0, borderWidth: 2 },
        { label: 'Conditional: Σ E[Y(t) | x, t_x, T]', data: periods.map(function (p) { return p.cumulativeConditional; }),
          borderColor: CONDITIONAL, backgroundColor: CONDITIONAL, borderDash: [2, 3], pointRadius: 0, borderWidth: 2 },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: LEGEND },
      scales: {
        x: axis(units(2).replace(/^./, function (c) { return c.toUpperCase(); }) + ' after the calibration end'),
        y: axis('Cumulative repeat purchases', { beginAtZero: true }),
      },
    },
  });
  state.ready = true;
})();
`;
