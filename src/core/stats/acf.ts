import { ForesightError } from '../errors.js';

/**
 * Sample autocorrelation function, as R's `acf(x, lag.max, plot = FALSE)`:
 * r_k = sum_{t=1}^{n-k} (x_t - xbar)(x_{t+k} - xbar) / sum_{t=1}^{n} (x_t - xbar)^2.
 * Returns r_1..r_maxLag (r_0 = 1 is left out). A constant series has r_k = NaN, as in R.
 * Throws ForesightError('invalid_argument') when maxLag is negative.
 *
 * @example
 * acf(Float64Array.of(1, 2, 3, 4), 1)[0] // 0.25
 */
export function acf(x: ArrayLike<number>, maxLag: number): Float64Array {
  if (maxLag < 0)
    throw new ForesightError('invalid_argument', `acf: maxLag ${maxLag} is negative`, { value: String(maxLag) });
  const n = x.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i];
  mean /= n;
  const centered = new Float64Array(n);
  let denominator = 0;
  for (let i = 0; i < n; i++) {
    centered[i] = x[i] - mean;
    denominator += centered[i] * centered[i];
  }
  const out = new Float64Array(maxLag);
  for (let k = 1; k <= maxLag; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += centered[t] * centered[t + k];
    out[k - 1] = s / denominator;
  }
  return out;
}
