// The operations dashboard: polls GET /ops/snapshot (lag, counters, their history) and GET /kpis (the
// population KPIs of the last 30 days) and draws them with Chart.js, served from node_modules.
// Plain browser script, no build step: it is served as is.
(function () {
  'use strict';

  const SNAPSHOT_EVERY_MS = 2000;
  const KPIS_EVERY_MS = 30000;
  const KPI_DAYS = 30;
  const PALETTE = ['#2563eb', '#16a34a', '#dc2626', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
  const BANDS = ['low', 'medium', 'high'];
  const BAND_COLOURS = { low: '#16a34a', medium: '#ca8a04', high: '#dc2626' };
  const SEGMENTS = ['top', 'high', 'medium', 'low', 'unranked'];
  const SEGMENT_COLOURS = {
    top: '#7c3aed',
    high: '#9333ea',
    medium: '#c084fc',
    low: '#e9d5ff',
    unranked: '#9ca3af',
  };

  /** What tests and curious operators can read: the charts, whether each source has loaded, and errors. */
  const state = { charts: {}, ready: { ops: false, kpis: false }, errors: [] };
  window.dashboard = state;

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";

  function canvas(name) {
    return document.querySelector('canvas[data-chart="' + name + '"]');
  }

  function clockTick(value) {
    return new Date(value).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  }

  // Partition lines are coloured by topic; the legend has one entry per topic that shows or hides all
  // of the topic's partitions.
  const topicLegend = {
    position: 'right',
    labels: {
      boxWidth: 10,
      font: { size: 11 },
      generateLabels(chart) {
        const seen = new Map();
        chart.data.datasets.forEach((dataset, i) => {
          if (seen.has(dataset.group)) return;
          seen.set(dataset.group, {
            text: dataset.group,
            fillStyle: dataset.borderColor,
            strokeStyle: dataset.borderColor,
            hidden: !chart.isDatasetVisible(i),
            datasetIndex: i,
          });
        });
        return [...seen.values()];
      },
    },
    onClick(_event, item, legend) {
      const chart = legend.chart;
      const group = chart.data.datasets[item.datasetIndex].group;
      const visible = !chart.isDatasetVisible(item.datasetIndex);
      chart.data.datasets.forEach((dataset, i) => {
        if (dataset.group === group) chart.setDatasetVisibility(i, visible);
      });
      chart.update();
    },
  };

  function timeSeriesChart(name, yTitle, legend) {
    return new Chart(canvas(name), {
      type: 'line',
      data: { datasets: [] },
      options: {
        parsing: false,
        normalized: true,
        elements: { point: { radius: 0 }, line: { borderWidth: 1.5 } },
        scales: {
          x: { type: 'linear', ticks: { callback: clockTick, maxTicksLimit: 8 } },
          y: { beginAtZero: true, title: { display: true, text: yTitle } },
        },
        plugins: { legend: legend ? topicLegend : { display: false } },
      },
    });
  }

  function barChart(name, options) {
    return new Chart(canvas(name), {
      type: 'bar',
      data: { labels: [], datasets: [{ label: options.label, data: [], backgroundColor: options.colour }] },
      options: {
        indexAxis: options.horizontal ? 'y' : 'x',
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0 } },
          y: { beginAtZero: true, ticks: { precision: 0 } },
        },
        plugins: { legend: { display: false } },
      },
    });
  }

  state.charts.lag = timeSeriesChart('lag', 'records', true);
  state.charts.throughput = timeSeriesChart('throughput', 'events / s', false);
  state.charts.deadLetters = barChart('dead-letters', {
    label: 'dead letters',
    colour: '#dc2626',
    horizontal: true,
  });
  state.charts.funnel = barChart('funnel', { label: 'customers', colour: '#2563eb', horizontal: false });
  state.charts.clv = barChart('clv', { label: 'customers', colour: '#9333ea', horizontal: false });
  state.charts.clvSegments = new Chart(canvas('clv-segments'), {
    type: 'bar',
    data: {
      labels: SEGMENTS,
      datasets: [{ label: 'customers', data: [], backgroundColor: SEGMENTS.map((s) => SEGMENT_COLOURS[s]) }],
    },
    options: {
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  });
  state.charts.churn = new Chart(canvas('churn'), {
    type: 'doughnut',
    data: { labels: BANDS, datasets: [{ data: [], backgroundColor: BANDS.map((b) => BAND_COLOURS[b]) }] },
    options: { plugins: { legend: { position: 'right' } } },
  });

  function setText(id, text) {
    const element = document.getElementById(id);
    element.textContent = text;
    element.title = text;
  }

  function setStatus(text, isError) {
    const status = document.getElementById('status');
    status.textContent = text;
    status.classList.toggle('error', Boolean(isError));
  }

  function formatCount(n) {
    return typeof n === 'number' ? n.toLocaleString() : '–';
  }

  function formatSeconds(s) {
    if (typeof s !== 'number') return '–';
    if (s < 1) return '0 s';
    if (s < 120) return Math.round(s) + ' s';
    if (s < 7200) return Math.round(s / 60) + ' min';
    return (s / 3600).toFixed(1) + ' h';
  }

  // History keys are `<topic>[<partition>]`.
  function topicOf(key) {
    return key.slice(0, key.lastIndexOf('['));
  }

  /** The longest prefix, ending at a '.', shared by every name: the topic prefix and "journey.". */
  function commonPrefix(names) {
    if (names.length === 0) return '';
    let prefix = names[0];
    for (const name of names) while (!name.startsWith(prefix)) prefix = prefix.slice(0, -1);
    return prefix.slice(0, prefix.lastIndexOf('.') + 1);
  }

  function sum(values) {
    return values.reduce((total, v) => total + v, 0);
  }

  function renderOps(snapshot) {
    const partitions = snapshot.lag ? snapshot.lag.partitions : [];
    setText('tile-group', snapshot.consumer ? snapshot.consumer.group : 'no consumer');
    setText(
      'tile-state',
      snapshot.consumer
        ? snapshot.consumer.state + (snapshot.consumer.rebalancing ? ' (rebalancing)' : '')
        : '–',
    );
    setText('tile-lag', snapshot.lag ? formatCount(snapshot.lag.total) : '–');
    setText('tile-lag-seconds', formatSeconds(Math.max(0, ...partitions.map((p) => p.lagSeconds))));
    setText('tile-processed', formatCount(sum(Object.values(snapshot.totals.processed))));
    setText('tile-dead', formatCount(sum(snapshot.totals.deadLettered.map((d) => d.count))));

    const keys = [];
    for (const point of snapshot.history) {
      for (const key of Object.keys(point.lag)) if (!keys.includes(key)) keys.push(key);
    }
    keys.sort();
    const topics = [...new Set(keys.map(topicOf))];
    const shared = commonPrefix(topics);
    const lag = state.charts.lag;
    const hidden = new Set(lag.data.datasets.filter((_d, i) => !lag.isDatasetVisible(i)).map((d) => d.label));
    lag.data.datasets = keys.map((key) => {
      const colour = PALETTE[topics.indexOf(topicOf(key)) % PALETTE.length];
      return {
        label: key.slice(shared.length),
        group: topicOf(key).slice(shared.length),
        data: snapshot.history.filter((p) => key in p.lag).map((p) => ({ x: p.at, y: p.lag[key] })),
        borderColor: colour,
        backgroundColor: colour,
        hidden: hidden.has(key.slice(shared.length)),
      };
    });
    lag.update();

    const throughput = state.charts.throughput;
    throughput.data.datasets = [
      {
        label: 'events / s',
        data: snapshot.throughput.map((r) => ({ x: r.at, y: r.perSecond })),
        borderColor: '#16a34a',
        backgroundColor: 'rgba(22, 163, 74, 0.15)',
        fill: true,
      },
    ];
    throughput.update();

    const byReason = {};
    for (const d of snapshot.totals.deadLettered) byReason[d.reason] = (byReason[d.reason] || 0) + d.count;
    const reasons = Object.keys(byReason).sort();
    const dead = state.charts.deadLetters;
    dead.data.labels = reasons;
    dead.data.datasets[0].data = reasons.map((r) => byReason[r]);
    dead.update();

    const readAt = snapshot.lag ? new Date(snapshot.lag.readAt).toLocaleTimeString() : 'never';
    setStatus(
      snapshot.lagError ? 'lag not readable: ' + snapshot.lagError : 'lag read at ' + readAt,
      Boolean(snapshot.lagError),
    );
  }

  // GET /kpis: funnel {cohort, steps: [{stage, reached}]} (or a bare array of steps), churnBands
  // {low, medium, high}, clv {currency, histogram: [{from, to, count}]} with amounts as decimal strings.
  function renderKpis(kpis) {
    const steps = Array.isArray(kpis.funnel) ? kpis.funnel : (kpis.funnel && kpis.funnel.steps) || [];
    const funnel = state.charts.funnel;
    funnel.data.labels = steps.map((s) => s.stage);
    funnel.data.datasets[0].data = steps.map((s) => s.reached);
    funnel.update();

    const bands = kpis.churnBands || {};
    const churn = state.charts.churn;
    churn.data.datasets[0].data = BANDS.map((b) => bands[b] || 0);
    churn.update();

    const clv = kpis.clv || {};
    const bins = clv.histogram || [];
    const chart = state.charts.clv;
    chart.data.labels = bins.map(binLabel);
    chart.data.datasets[0].data = bins.map((b) => b.count);
    chart.update();
    setText(
      'clv-currency',
      clv.currency ? '(' + clv.currency + ', ' + formatCount(clv.count) + ' customers)' : '',
    );

    // clv.segments {modelVersion, thresholds {top, high, medium} | null, counts {top, ..., unranked}}:
    // the tiers of the last refit; everyone is unranked before the first.
    const segments = clv.segments || { counts: {} };
    const bySegment = state.charts.clvSegments;
    bySegment.data.datasets[0].data = SEGMENTS.map((s) => segments.counts[s] || 0);
    bySegment.update();
    const t = segments.thresholds;
    setText(
      'clv-segments-model',
      t
        ? '(top ≥ ' +
            t.top +
            ', high ≥ ' +
            t.high +
            ', medium ≥ ' +
            t.medium +
            ' ' +
            (clv.currency || '') +
            ')'
        : '(no fitted model yet: all unranked)',
    );
  }

  function binLabel(bin) {
    if (bin.from === null || bin.from === undefined) return '< ' + bin.to;
    if (bin.to === null || bin.to === undefined) return '≥ ' + bin.from;
    return bin.from + '–' + bin.to;
  }

  async function getJson(url) {
    const response = await fetch(url, { cache: 'no-store', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(url.split('?')[0] + ' answered ' + response.status);
    return response.json();
  }

  function failed(source, error) {
    const message = source + ': ' + (error && error.message ? error.message : String(error));
    state.errors.push(message);
    setStatus(message, true);
  }

  async function refreshOps() {
    try {
      renderOps(await getJson('/ops/snapshot'));
      state.ready.ops = true;
    } catch (error) {
      failed('ops snapshot', error);
    } finally {
      setTimeout(refreshOps, SNAPSHOT_EVERY_MS);
    }
  }

  async function refreshKpis() {
    const to = new Date();
    const from = new Date(to.getTime() - KPI_DAYS * 86400000);
    const query =
      '?from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString());
    try {
      renderKpis(await getJson('/kpis' + query));
      state.ready.kpis = true;
    } catch (error) {
      failed('KPIs', error);
    } finally {
      setTimeout(refreshKpis, KPIS_EVERY_MS);
    }
  }

  void refreshOps();
  void refreshKpis();
})();
