import { acf } from './acf.js';

/**
 * The seasonality test of the M3/M4 benchmarks (and R's `thetaf`): a series is seasonal when its
 * autocorrelation at lag m exceeds the 90% one-sided limit under Bartlett's variance,
 * |r_m| > z * sqrt((1 + 2 * sum_{k<m} r_k^2) / n), with z = 1.645. Series shorter than 3m, m <= 1 and
 * constant series are never seasonal.
 *
 * @example
 * isSeasonal(Float64Array.from({ length: 48 }, (_, t) => [1, 5, 2, 8][t % 4]), 4) // true
 */
export function isSeasonal(y: ArrayLike<number>, seasonLength: number, z = 1.645): boolean {
  const m = seasonLength;
  const n = y.length;
  if (m <= 1 || n < 3 * m) return false;
  const r = acf(y, m);
  let sumSquares = 0;
  for (let k = 0; k < m - 1; k++) sumSquares += r[k] * r[k];
  const limit = z * Math.sqrt((1 + 2 * sumSquares) / n);
  const rm = r[m - 1];
  return Number.isFinite(rm) && Math.abs(rm) > limit;
}
