import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CDNOW calibration summary, 2,357 customers in weeks (see cdnow-summary.csv's header). */
export function cdnowSummary(): Array<{ frequency: number; recency: number; age: number }> {
  return readFileSync(join(__dirname, 'cdnow-summary.csv'), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [x, tx, T] = line.split(',').map(Number);
      return { frequency: x, recency: tx, age: T };
    });
}
