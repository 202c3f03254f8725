import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file the dashboard serves, read once. */
export interface DashboardAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

/** Served under /dashboard/assets/<name>; nothing else from the folder is reachable. */
const PAGE_ASSETS: Readonly<Record<string, string>> = {
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
};

/**
 * The dashboard's files: the page, its script and style (copied next to the compiled code by the
 * journey-processor build's `assets` entry in nest-cli.json), and Chart.js's UMD bundle straight from
 * node_modules, so the page needs nothing from a CDN.
 */
export function loadDashboardAssets(folder = join(__dirname, 'assets')): {
  page: DashboardAsset;
  files: ReadonlyMap<string, DashboardAsset>;
  chartJs: DashboardAsset;
} {
  const files = new Map(
    Object.entries(PAGE_ASSETS).map(([name, contentType]) => [
      name,
      { contentType, body: readFileSync(join(folder, name)) },
    ]),
  );
  return {
    page: { contentType: 'text/html; charset=utf-8', body: readFileSync(join(folder, 'index.html')) },
    files,
    chartJs: {
      contentType: 'text/javascript; charset=utf-8',
      // chart.js's `require` entry is dist/chart.cjs; the UMD bundle sits beside it.
      body: readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js')),
    },
  };
}
