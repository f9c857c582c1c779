/**
 * The seasonal adjustment of R's `thetaf` (and of the M3 Theta method): when m > 1, the series is not
 * constant, has more than 2m observations and its lag-m autocorrelation exceeds the 90% one-sided limit
 * |r_m| > qnorm(0.95) · sqrt((1 + 2 Σ_{k<m} r_k²) / n), the series is divided by the seasonal indices of a
 * classical multiplicative decomposition (R's `decompose`), and forecasts are multiplied by the indices of the
 * last m observations. Differs from the M4 benchmarks' rule only in the length condition (n > 2m here, as in
 * `thetaf`). For data that are not strictly positive an additive decomposition is used instead (statsforecast's
 * AutoTheta rule; R would divide anyway), and indices within 1e-4 of zero cancel the adjustment (R's rule).
 */
import { acf } from '../../core/stats/acf.js';
import { classicalDecomposition } from '../../core/stats/decompose.js';

/** qnorm(0.95), the one-sided 90% critical value R's thetaf uses. */
const Z_95 = 1.6448536269514722;

/** Outcome of {@link thetaSeasonalAdjustment}. */
export interface ThetaAdjustment {
  type: 'none' | 'multiplicative' | 'additive';
  /** The series the Theta model sees (the input itself when not adjusted). */
  adjusted: Float64Array;
  /** Seasonal index (multiplicative) or component (additive) per observation; null when not adjusted. */
  inSample: Float64Array | null;
  /** The last m indices: step h uses `future[(h - 1) % m]`; null when not adjusted. */
  future: number[] | null;
  /** Why the series was or was not adjusted. */
  reason: string;
}

/**
 * R thetaf's seasonality test: true when the lag-m autocorrelation is significant at 90% (one-sided).
 * False for m <= 1, n <= 2m and constant series.
 *
 * @example
 * thetaSeasonalityTest(Float64Array.from({ length: 36 }, (_, t) => [1, 5, 2, 8][t % 4]), 4) // true
 */
export function thetaSeasonalityTest(y: ArrayLike<number>, seasonLength: number): boolean {
  const m = seasonLength;
  const n = y.length;
  if (m <= 1 || n <= 2 * m) return false;
  const r = acf(y, m);
  let sumSquares = 0;
  for (let k = 0; k < m - 1; k++) sumSquares += r[k] * r[k];
  const rm = r[m - 1];
  return Number.isFinite(rm) && Math.abs(rm) / Math.sqrt((1 + 2 * sumSquares) / n) > Z_95;
}

/**
 * Decides on and applies thetaf's seasonal adjustment (see the module comment). Never throws for finite data.
 *
 * @example
 * thetaSeasonalAdjustment(Float64Array.of(1, 2, 3), 1).type // 'none'
 */
export function thetaSeasonalAdjustment(y: Float64Array, seasonLength: number): ThetaAdjustment {
  const m = seasonLength;
  const none = (reason: string): ThetaAdjustment => ({
    type: 'none',
    adjusted: y,
    inSample: null,
    future: null,
    reason,
  });
  if (m <= 1) return none(`season length ${m}`);
  if (y.length <= 2 * m) return none(`not more than 2 seasons (${y.length} <= ${2 * m} observations)`);
  if (!thetaSeasonalityTest(y, m)) return none(`not seasonal at lag ${m} by the 90% autocorrelation test`);
  let positive = true;
  for (let t = 0; t < y.length && positive; t++) if (!(y[t] > 0)) positive = false;
  const type = positive ? 'multiplicative' : 'additive';
  let seasonal: Float64Array;
  try {
    seasonal = classicalDecomposition(y, m, type).seasonal;
  } catch {
    return none(`${type} classical decomposition failed`);
  }
  const adjusted = new Float64Array(y.length);
  if (type === 'multiplicative') {
    for (let t = 0; t < y.length; t++) {
      if (Math.abs(seasonal[t]) < 1e-4) return none('seasonal indices close to zero');
    }
    for (let t = 0; t < y.length; t++) adjusted[t] = y[t] / seasonal[t];
  } else {
    for (let t = 0; t < y.length; t++) adjusted[t] = y[t] - seasonal[t];
  }
  return {
    type,
    adjusted,
    inSample: seasonal,
    future: Array.from(seasonal.subarray(y.length - m)),
    reason: `seasonal at lag ${m}: ${type} classical adjustment`,
  };
}

/**
 * Puts the season back into values for future steps 1..h (in place): multiply or add `future[(h-1) % m]`.
 * Throws nothing; 'none' or a null `future` leaves the values as they are.
 *
 * @example
 * const v = Float64Array.of(10, 10, 10);
 * reseasonalizeInPlace(v, 'multiplicative', [0.5, 1.5]); // v = [5, 15, 5]
 */
export function reseasonalizeInPlace(
  values: Float64Array,
  type: ThetaAdjustment['type'],
  future: readonly number[] | null,
): void {
  if (!future || type === 'none') return;
  const m = future.length;
  for (let h = 0; h < values.length; h++) {
    values[h] = type === 'multiplicative' ? values[h] * future[h % m] : values[h] + future[h % m];
  }
}
