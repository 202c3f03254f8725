import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Chart.js's UMD bundle from node_modules, as the ops dashboard serves it, for inlining into a report
 * that must work offline. The source-map comment is dropped: the map is not inlined.
 */
export function readChartJsBundle(): string {
  // chart.js's `require` entry is dist/chart.cjs; the UMD bundle sits beside it.
  const path = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
  return readFileSync(path, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}
