/**
 * Time-series features for feature-based combination weights (FFORMA, Montero-Manso, Athanasopoulos, Hyndman &
 * Talagala 2020, "FFORMA: Feature-based forecast model averaging", IJF 36(1)). The definitions follow R's
 * `tsfeatures` package (Hyndman, Kang, Montero-Manso, Talagala, Wang, Yang & O'Hara-Wild) on the series scaled
 * to mean 0 and variance 1, with the simplifications noted per feature; the decomposition is STL (Wang, Smith &
 * Hyndman 2006, "Characteristic-based clustering for time series data").
 */
import { ForesightError } from '../core/errors.js';
import { acf } from '../core/stats/acf.js';
import { stl } from '../core/stats/stl.js';
import { variance as sampleVariance } from '../core/stats/summary.js';

/**
 * The features returned by {@link seriesFeatures}, in order:
 * - `log_length`: log(n);
 * - `log_season`: log(m) (0 without seasonality), so that one model serves several frequencies;
 * - `trend_strength`: max(0, 1 - var(R) / var(T + R)) of the decomposition y = T + S + R (tsfeatures `trend`);
 * - `seasonal_strength`: max(0, 1 - var(R) / var(S + R)) (tsfeatures `seasonal_strength`; 0 without a seasonal part);
 * - `spectral_entropy`: Shannon entropy of the normalized periodogram over the Fourier frequencies, divided by
 *   its maximum log(K), of the last 1024 observations (tsfeatures `entropy` estimates the spectrum with an AR
 *   fit instead of the raw periodogram: near 1 for noise, near 0 for a pure cycle);
 * - `x_acf1`, `diff1_acf1`, `e_acf1`: lag-1 autocorrelation of the series, of its first differences and of the
 *   remainder R;
 * - `seas_acf1`: autocorrelation at lag m (0 without seasonality or when n <= m + 1);
 * - `linearity`, `curvature`: coefficients of the trend T on orthonormal polynomials of time of degree 1 and 2
 *   (tsfeatures `linearity`, `curvature`);
 * - `cv`: coefficient of variation sd / |mean| of the raw series, capped at 10;
 * - `zero_share`: share of observations equal to 0;
 * - `lumpiness`, `stability`: variance of the variances and of the means of non-overlapping windows of width m
 *   (10 without seasonality) of the scaled series (tsfeatures `lumpiness`, `stability`);
 * - `diff1_acf10`: sum of squares of the first 10 autocorrelations of the first differences (tsfeatures
 *   `diff1_acf10`).
 */
export const FEATURE_NAMES: readonly string[] = [
  'log_length',
  'log_season',
  'trend_strength',
  'seasonal_strength',
  'spectral_entropy',
  'x_acf1',
  'diff1_acf1',
  'e_acf1',
  'seas_acf1',
  'linearity',
  'curvature',
  'cv',
  'zero_share',
  'lumpiness',
  'stability',
  'diff1_acf10',
];

const ENTROPY_WINDOW = 1024;
const CV_CAP = 10;

/**
 * Computes the {@link FEATURE_NAMES} features of `y` with season length `seasonLength`.
 *
 * Decomposition: STL with seasonal window 13 (as `forecast::mstl`) when m >= 2 and n > 2m; otherwise no
 * seasonal part and a trend by a centered moving average of width 2·floor(n / 20) + 1 (at least 3; shorter at
 * the ends), a cheap stand-in for tsfeatures' `supsmu`. Degenerate rule: a feature that is undefined (an
 * autocorrelation of a constant series, a 0/0 strength) is 0, so the result is always finite.
 * Throws ForesightError('too_short') for fewer than 4 observations and ('invalid_input') for non-finite values.
 *
 * @example
 * const y = Float64Array.from({ length: 40 }, (_, t) => t);
 * seriesFeatures(y, 1)[FEATURE_NAMES.indexOf('trend_strength')] // 1 (a straight line is all trend)
 */
export function seriesFeatures(y: Float64Array, seasonLength: number): Float64Array {
  const n = y.length;
  if (n < 4) throw new ForesightError('too_short', `seriesFeatures: ${n} observations, at least 4 needed`);
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(y[t]))
      throw new ForesightError('invalid_input', `seriesFeatures: y[${t}] is ${y[t]}, not a finite number`);
  }
  const m = Number.isInteger(seasonLength) && seasonLength >= 2 ? seasonLength : 1;
  const mean = average(y);
  const sd = Math.sqrt(variance(y));
  const x = sd > 0 ? y.map((v) => (v - mean) / sd) : new Float64Array(n);

  const seasonal = m >= 2 && n > 2 * m;
  let trend: Float64Array;
  let season: Float64Array;
  if (seasonal && sd > 0) {
    const d = stl(x, m, { seasonalWindow: 13 });
    trend = d.trend;
    season = d.seasonal;
  } else {
    trend = movingAverage(x, Math.max(3, 2 * Math.floor(n / 20) + 1));
    season = new Float64Array(n);
  }
  const remainder = x.map((v, t) => v - trend[t] - season[t]);
  const varR = variance(remainder);
  const strength = (component: Float64Array): number => {
    const v = variance(component.map((c, t) => c + remainder[t]));
    return v > 0 ? Math.max(0, 1 - varR / v) : 0;
  };
  const diff = x.subarray(1).map((v, t) => v - x[t]);
  const diffAcf = acf(diff, Math.min(10, diff.length - 1));
  let diffAcf10 = 0;
  for (const r of diffAcf) diffAcf10 += finite(r) ** 2;
  const [linearity, curvature] = polynomialCoefficients(trend);
  const width = m >= 2 ? m : 10;
  const [lumpiness, stability] = windowVariances(x, width);
  let zeros = 0;
  for (let t = 0; t < n; t++) if (y[t] === 0) zeros++;

  return Float64Array.of(
    Math.log(n),
    Math.log(m),
    strength(trend),
    seasonal ? strength(season) : 0,
    spectralEntropy(x.subarray(Math.max(0, n - ENTROPY_WINDOW))),
    finite(acf(x, 1)[0]),
    finite(diffAcf[0]),
    finite(acf(remainder, 1)[0]),
    m >= 2 && n > m + 1 ? finite(acf(x, m)[m - 1]) : 0,
    linearity,
    curvature,
    mean !== 0 ? Math.min(CV_CAP, sd / Math.abs(mean)) : sd > 0 ? CV_CAP : 0,
    zeros / n,
    lumpiness,
    stability,
    diffAcf10,
  );
}

function finite(v: number | undefined): number {
  return v !== undefined && Number.isFinite(v) ? v : 0;
}

function average(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return x.length ? s / x.length : 0;
}

/** Sample variance (core/stats, divisor n - 1 as R's var); 0 instead of NaN for fewer than 2 values. */
function variance(x: ArrayLike<number>): number {
  return x.length < 2 ? 0 : sampleVariance(x);
}

/** Centered moving average of odd width, the window shrinking symmetrically at the ends. */
function movingAverage(x: Float64Array, width: number): Float64Array {
  const n = x.length;
  const half = Math.floor(width / 2);
  const prefix = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) prefix[t + 1] = prefix[t] + x[t];
  return Float64Array.from({ length: n }, (_, t) => {
    const k = Math.min(half, t, n - 1 - t);
    return (prefix[t + k + 1] - prefix[t - k]) / (2 * k + 1);
  });
}

/** Inner products of `trend` with the orthonormal polynomials of degree 1 and 2 in t = 1..n (R's poly(t, 2)). */
function polynomialCoefficients(trend: Float64Array): [number, number] {
  const n = trend.length;
  const tbar = (n + 1) / 2;
  const p1 = Float64Array.from({ length: n }, (_, i) => i + 1 - tbar);
  const q = Float64Array.from(p1, (v) => v * v);
  const qbar = average(q);
  const n1 = norm(p1);
  let proj = 0;
  for (let i = 0; i < n; i++) proj += (q[i] - qbar) * p1[i];
  proj /= n1 * n1;
  const p2 = Float64Array.from(q, (v, i) => v - qbar - proj * p1[i]);
  const n2 = norm(p2);
  let a = 0,
    b = 0;
  for (let i = 0; i < n; i++) {
    a += (trend[i] * p1[i]) / n1;
    if (n2 > 0) b += (trend[i] * p2[i]) / n2;
  }
  return [a, b];
}

function norm(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

/** [variance of window variances, variance of window means] over non-overlapping windows of `width`. */
function windowVariances(x: Float64Array, width: number): [number, number] {
  const means: number[] = [];
  const variances: number[] = [];
  for (let start = 0; start + width <= x.length; start += width) {
    const w = x.subarray(start, start + width);
    means.push(average(w));
    variances.push(variance(w));
  }
  return [variance(variances), variance(means)];
}

/**
 * Normalized spectral entropy of the periodogram I(f_k) = |sum_t x_t e^{-2 pi i k t / n}|^2 at k = 1..floor(n/2).
 * The angle rotation is updated by recurrence, so the O(n^2) transform needs no trigonometric call per term.
 */
function spectralEntropy(x: Float64Array): number {
  const n = x.length;
  const K = Math.floor(n / 2);
  if (K < 2) return 1;
  const mu = average(x);
  const power = new Float64Array(K);
  let total = 0;
  for (let k = 1; k <= K; k++) {
    const c = Math.cos((2 * Math.PI * k) / n);
    const s = Math.sin((2 * Math.PI * k) / n);
    let re = 0,
      im = 0,
      cr = 1,
      ci = 0;
    for (let t = 0; t < n; t++) {
      const v = x[t] - mu;
      re += v * cr;
      im -= v * ci;
      const next = cr * c - ci * s;
      ci = cr * s + ci * c;
      cr = next;
    }
    power[k - 1] = re * re + im * im;
    total += power[k - 1];
  }
  if (!(total > 0)) return 0;
  let h = 0;
  for (const p of power) if (p > 0) h -= (p / total) * Math.log(p / total);
  return h / Math.log(K);
}
