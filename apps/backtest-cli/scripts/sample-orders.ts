// Writes docs/backtest/sample-orders.csv: 4,000 synthetic customers drawn from known BG/NBD and
// Gamma-Gamma parameters (the CDNOW-like population of the tests), acquired over 12 weeks from
// 2024-06-03 and followed for 78 weeks, so a backtest with --calibration-end 2025-03-03
// --holdout-end 2025-12-01 has 39 weeks of calibration and 39 of holdout. Seeded: the file is the
// same on every run.
//
//   TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register \
//     apps/backtest-cli/scripts/sample-orders.ts [out.csv]
import { syntheticOrdersCsv } from '@pipeline/backtest';
import { generateSyntheticCustomers, seededUniform } from '@pipeline/journey-domain';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SAMPLE_TRUTH = {
  bgNbd: { r: 0.25, alpha: 4, a: 0.8, b: 2.5 },
  gammaGamma: { p: 6, q: 4, v: 15 },
} as const;

const out = process.argv[2] ?? join(__dirname, '..', '..', '..', 'docs', 'backtest', 'sample-orders.csv');
const customers = generateSyntheticCustomers({
  customers: 4_000,
  ...SAMPLE_TRUTH,
  observationEnd: 78,
  acquisitionWindow: 12,
  random: seededUniform(2024),
});
const csv = syntheticOrdersCsv(customers, {
  origin: Date.UTC(2024, 5, 3),
  timeUnit: 'week',
  currency: 'EUR',
  customerPrefix: 'c',
});
writeFileSync(out, csv);
process.stdout.write(
  `${out}: ${csv.split('\n').length - 2} orders of ${customers.length} customers, ${csv.length} bytes\n`,
);
