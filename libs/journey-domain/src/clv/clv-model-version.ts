import { createHash } from 'node:crypto';
import { BgNbdParams } from './bg-nbd';
import { GammaGammaParams } from './gamma-gamma';

/**
 * The id of a fit: `clv-<fittedAt ISO>-<8 hex>`, the hex a SHA-256 of the fitted parameters. The time
 * orders fits and tells them apart; the hash shows at a glance whether two fits found the same model.
 */
export function clvModelVersion(fittedAt: Date, bgNbd: BgNbdParams, gammaGamma: GammaGammaParams): string {
  const params = [bgNbd.r, bgNbd.alpha, bgNbd.a, bgNbd.b, gammaGamma.p, gammaGamma.q, gammaGamma.v];
  const hash = createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 8);
  return `clv-${fittedAt.toISOString()}-${hash}`;
}
