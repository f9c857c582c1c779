import { ForesightError } from '../errors.js';

/** Result of a classical decomposition: trend (NaN at the ends), seasonal component and the m seasonal indices. */
export interface Decomposition {
  trend: Float64Array;
  /** Seasonal component aligned with the input, `figure[t % m]`. */
  seasonal: Float64Array;
  /** One index per season position, normalized to mean 1 (multiplicative) or sum 0 (additive). */
  figure: Float64Array;
}

/**
 * Classical decomposition by moving averages, as R's `decompose(ts(x, frequency = m), type)`: the trend is the
 * centred moving average of order m (2 x m when m is even), the seasonal figure is the mean detrended value at
 * each season position, normalized. The first observation is season position 0.
 * Throws ForesightError('too_short') when the series has fewer than 2 full seasons, and ('invalid_input') for
 * a multiplicative decomposition of data with a zero trend value.
 *
 * @example
 * classicalDecomposition(Float64Array.of(1, 3, 1, 3, 1, 3), 2, 'additive').figure // Float64Array [-1, 1]
 */
export function classicalDecomposition(
  y: ArrayLike<number>,
  seasonLength: number,
  type: 'additive' | 'multiplicative',
): Decomposition {
  const m = seasonLength;
  const n = y.length;
  if (m < 2 || n < 2 * m) {
    throw new ForesightError(
      'too_short',
      `classical decomposition needs 2 full seasons (${2 * m} observations) but got ${n}`,
    );
  }
  const trend = new Float64Array(n).fill(NaN);
  const even = m % 2 === 0;
  const half = Math.floor(m / 2);
  for (let t = half; t < n - half; t++) {
    let s = 0;
    if (even) {
      s = 0.5 * y[t - half] + 0.5 * y[t + half];
      for (let k = -half + 1; k < half; k++) s += y[t + k];
    } else {
      for (let k = -half; k <= half; k++) s += y[t + k];
    }
    trend[t] = s / m;
  }
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(trend[t])) continue;
    if (type === 'multiplicative' && trend[t] === 0) {
      throw new ForesightError('invalid_input', `multiplicative decomposition: trend is 0 at index ${t}`);
    }
    const detrended = type === 'multiplicative' ? y[t] / trend[t] : y[t] - trend[t];
    sums[t % m] += detrended;
    counts[t % m] += 1;
  }
  const figure = new Float64Array(m);
  let total = 0;
  for (let i = 0; i < m; i++) {
    figure[i] = sums[i] / counts[i];
    total += figure[i];
  }
  const centre = total / m;
  for (let i = 0; i < m; i++) figure[i] = type === 'multiplicative' ? figure[i] / centre : figure[i] - centre;
  const seasonal = new Float64Array(n);
  for (let t = 0; t < n; t++) seasonal[t] = figure[t % m];
  return { trend, seasonal, figure };
}
