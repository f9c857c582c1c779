import { ForesightError } from '../errors.js';
import { normalQuantile } from './normal.js';

/**
 * Quantile of Student's t distribution with `df` degrees of freedom (R's `qt(p, df)`): exact closed forms for
 * df = 1 and 2, otherwise the Cornish–Fisher expansion in 1/df around the normal quantile (Abramowitz & Stegun
 * 26.7.5, terms to 1/df^4). Relative error for p up to 0.995: under 1e-2 at df = 3, 1e-3 at df = 5, 1e-6 at df >= 30.
 * Throws ForesightError('invalid_argument') for p outside (0, 1) or df < 1.
 *
 * @example
 * studentTQuantile(0.975, 2) // 4.302652729749464
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1))
    throw new ForesightError('invalid_argument', `studentTQuantile: p = ${p} is not in (0, 1)`, { value: String(p) });
  if (!(df >= 1))
    throw new ForesightError('invalid_argument', `studentTQuantile: df = ${df} is below 1`, { value: String(df) });
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (!Number.isFinite(df)) return normalQuantile(p);
  const z = normalQuantile(p);
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}
