/**
 * The seasonal-differencing decision of R forecast's `nsdiffs(test = "seas")`, the default of `auto.arima`:
 * difference seasonally when the STL seasonal strength (Wang, Smith & Hyndman 2006) exceeds 0.64.
 */
import { mstlDecompose } from '../mstl/decompose.js';
import { isConstant, variance } from '../../core/stats/summary.js';

/** Strength above which a seasonal difference is taken (forecast's `nsdiffs`). */
export const SEASONAL_STRENGTH_THRESHOLD = 0.64;

/**
 * Seasonal strength max(0, min(1, 1 - var(R) / var(S + R))) from an STL decomposition with seasonal window 11,
 * as forecast's `seas.heuristic` (via `mstl`). NaN when the series holds fewer than two full seasons.
 *
 * @example
 * seasonalStrength(Float64Array.from({ length: 48 }, (_, t) => [5, -5, 0, 0][t % 4] + t * 0.1), 4) // ≈ 1
 */
export function seasonalStrength(x: ArrayLike<number>, m: number): number {
  const dec = mstlDecompose(x, [m]);
  if (dec.seasonals.length === 0) return NaN;
  const seasonal = dec.seasonals[0];
  const rem = dec.remainder;
  const both = Float64Array.from(rem, (r, t) => r + seasonal[t]);
  const vr = variance(rem);
  const vb = variance(both);
  if (!(vb > 0)) return 0;
  return Math.max(0, Math.min(1, 1 - vr / vb));
}

/**
 * Number of seasonal differences (0..maxD) by the seasonal-strength rule, as forecast's
 * `nsdiffs(x, test = "seas", max.D)`: 0 for a constant series or one shorter than a season; a failed
 * decomposition counts as "no difference" (R warns and uses 0).
 *
 * @example
 * seasonalDifferences(Float64Array.from({ length: 48 }, (_, t) => [5, -5, 0, 0][t % 4]), 4) // 1
 */
export function seasonalDifferences(x: ArrayLike<number>, m: number, maxD = 1): number {
  let w = Float64Array.from(x);
  let D = 0;
  if (isConstant(w) || m <= 1 || m >= w.length) return 0;
  const test = (v: Float64Array): boolean => {
    try {
      return seasonalStrength(v, m) > SEASONAL_STRENGTH_THRESHOLD;
    } catch {
      return false;
    }
  };
  let dodiff = test(w);
  while (dodiff && D < maxD) {
    D++;
    const next = new Float64Array(w.length - m);
    for (let t = 0; t < next.length; t++) next[t] = w[t + m] - w[t];
    w = next;
    if (isConstant(w)) return D;
    dodiff = w.length >= 2 * m && D < maxD ? test(w) : false;
  }
  return D;
}
