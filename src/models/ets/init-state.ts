/**
 * Heuristic initial states for ETS optimization, as R forecast's `initstate` (Hyndman et al. 2008, §2.6.1).
 */
import { ForesightError } from '../../core/errors.js';
import { classicalDecomposition } from '../../core/stats/decompose.js';

/**
 * Starting values [l, b?, s_0, ..., s_{m-2}] (the last seasonal state is implied by normalization) for trend
 * 0 none / 1 additive and season 0 none / 1 additive / 2 multiplicative:
 * - seasonal: classical decomposition when n >= 3m, otherwise a regression on a linear trend and one Fourier
 *   pair; s_j is the seasonal component of observation m - j (1-based), multiplicative indices floored at 0.01;
 * - level (and slope): mean (least-squares line) of the first max(10, 2m) seasonally adjusted values.
 * Throws ForesightError('too_short') for a seasonal form on fewer than 4 observations.
 *
 * @example
 * initialState(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 1, 0, 1) // Float64Array [0, 1] (level at t=0, slope)
 */
export function initialState(y: Float64Array, trend: 0 | 1, season: 0 | 1 | 2, m: number): Float64Array {
  const n = y.length;
  let ysa: Float64Array = y;
  let seas: Float64Array | null = null;
  let mm = 1;
  if (season > 0) {
    mm = m;
    if (n < 4)
      throw new ForesightError('too_short', `ETS seasonal initial states need at least 4 observations, got ${n}`);
    let seasonal: Float64Array;
    if (n < 3 * m) {
      seasonal = fourierSeasonal(y, m, season as 1 | 2);
    } else {
      seasonal = classicalDecomposition(y, m, season === 1 ? 'additive' : 'multiplicative').seasonal;
    }
    seas = new Float64Array(m - 1);
    // rev(seasonal[2:m]) in R's 1-based indexing
    for (let j = 0; j < m - 1; j++) seas[j] = seasonal[m - 1 - j];
    ysa = new Float64Array(n);
    if (season === 1) {
      for (let t = 0; t < n; t++) ysa[t] = y[t] - seasonal[t];
    } else {
      let sum = 0;
      for (let j = 0; j < m - 1; j++) {
        seas[j] = Math.max(seas[j], 0.01);
        sum += seas[j];
      }
      if (sum > m) {
        const d = sum + 0.01 * (m - 1);
        for (let j = 0; j < m - 1; j++) seas[j] /= d;
      }
      for (let t = 0; t < n; t++) ysa[t] = y[t] / Math.max(seasonal[t], 0.01);
    }
  }
  const maxn = Math.min(Math.max(10, 2 * mm), n);
  const out = new Float64Array(1 + trend + (seas ? seas.length : 0));
  if (trend === 0) {
    let s = 0;
    for (let t = 0; t < maxn; t++) s += ysa[t];
    out[0] = s / maxn;
  } else {
    // least-squares line on x = 1..maxn
    let sx = 0,
      sy = 0;
    for (let t = 0; t < maxn; t++) {
      sx += t + 1;
      sy += ysa[t];
    }
    const mx = sx / maxn,
      my = sy / maxn;
    let sxx = 0,
      sxy = 0;
    for (let t = 0; t < maxn; t++) {
      const dx = t + 1 - mx;
      sxx += dx * dx;
      sxy += dx * (ysa[t] - my);
    }
    let b0 = sxx > 0 ? sxy / sxx : 0;
    let l0 = my - b0 * mx;
    if (Math.abs(l0 + b0) < 1e-8) {
      l0 *= 1 + 0.001;
      b0 *= 1 - 0.001;
    }
    out[0] = l0;
    out[1] = b0;
  }
  if (seas) out.set(seas, 1 + trend);
  return out;
}

/**
 * Seasonal component for short series (n < 3m), R's `initstate` branch: regress y on (1, t, sin(2πt/m),
 * cos(2πt/m)) for t = 1..n, then y minus (multiplicative: divided by) the fitted linear trend part.
 */
function fourierSeasonal(y: Float64Array, m: number, season: 1 | 2): Float64Array {
  const n = y.length;
  // R's fourier() drops the sine column when it is identically zero (m = 2)
  const useSin = m > 2;
  const p = useSin ? 4 : 3;
  const X: Float64Array[] = [];
  for (let j = 0; j < p; j++) X.push(new Float64Array(n));
  for (let t = 0; t < n; t++) {
    const tt = t + 1;
    X[0][t] = 1;
    X[1][t] = tt;
    const angle = (2 * Math.PI * tt) / m;
    if (useSin) {
      X[2][t] = Math.sin(angle);
      X[3][t] = Math.cos(angle);
    } else {
      X[2][t] = Math.cos(angle);
    }
  }
  const coef = leastSquares(X, y);
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const trendPart = coef[0] + coef[1] * (t + 1);
    out[t] = season === 1 ? y[t] - trendPart : y[t] / trendPart;
  }
  return out;
}

/** Ordinary least squares by Householder-free modified Gram–Schmidt QR; columns in X. */
function leastSquares(X: Float64Array[], y: Float64Array): Float64Array {
  const p = X.length;
  const n = y.length;
  const Q = X.map((c) => Float64Array.from(c));
  const R = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < j; i++) {
      let d = 0;
      for (let t = 0; t < n; t++) d += Q[i][t] * Q[j][t];
      R[i * p + j] = d;
      for (let t = 0; t < n; t++) Q[j][t] -= d * Q[i][t];
    }
    let norm = 0;
    for (let t = 0; t < n; t++) norm += Q[j][t] * Q[j][t];
    norm = Math.sqrt(norm);
    R[j * p + j] = norm;
    if (norm > 0) for (let t = 0; t < n; t++) Q[j][t] /= norm;
  }
  const qty = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    let d = 0;
    for (let t = 0; t < n; t++) d += Q[j][t] * y[t];
    qty[j] = d;
  }
  const beta = new Float64Array(p);
  for (let j = p - 1; j >= 0; j--) {
    let s = qty[j];
    for (let k = j + 1; k < p; k++) s -= R[j * p + k] * beta[k];
    beta[j] = R[j * p + j] > 0 ? s / R[j * p + j] : 0;
  }
  return beta;
}
