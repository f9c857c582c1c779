/**
 * Strength of seasonality of a strictly positive series (Wang, Smith & Hyndman 2006, "Characteristic-based
 * clustering for time series data", DMKD 13(3); the `seasonal_strength` feature of R's feasts), measured on a
 * classical multiplicative decomposition in logs.
 */
import { classicalDecomposition } from '../../core/stats/decompose.js';

/**
 * F_s = max(0, 1 - Var(log R) / Var(log S + log R)), where y = T·S·R is R's `decompose(type = "multiplicative")`
 * and the variances run over the observations where the centred moving-average trend T is defined.
 * 0 means no seasonal pattern beyond noise, 1 a pure seasonal pattern. Needs y > 0 and at least 2m observations;
 * returns 0 otherwise.
 *
 * @example
 * seasonalStrength(Float64Array.from({ length: 48 }, (_, t) => [1, 2, 3, 4][t % 4]), 4) // 1
 */
export function seasonalStrength(y: Float64Array, seasonLength: number): number {
  const m = seasonLength;
  const n = y.length;
  if (m < 2 || n < 2 * m) return 0;
  for (let t = 0; t < n; t++) if (!(y[t] > 0)) return 0;
  const { trend, seasonal } = classicalDecomposition(y, m, 'multiplicative');
  let count = 0,
    sumD = 0,
    sumR = 0,
    sumD2 = 0,
    sumR2 = 0;
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(trend[t]) || !(trend[t] > 0)) continue;
    const d = Math.log(y[t] / trend[t]);
    const r = d - Math.log(seasonal[t]);
    count++;
    sumD += d;
    sumD2 += d * d;
    sumR += r;
    sumR2 += r * r;
  }
  if (count < 2) return 0;
  const varD = sumD2 / count - (sumD / count) ** 2;
  const varR = sumR2 / count - (sumR / count) ** 2;
  if (!(varD > 0)) return 0;
  return Math.max(0, Math.min(1, 1 - varR / varD));
}
