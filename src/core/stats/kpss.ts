/**
 * The KPSS level-stationarity test (Kwiatkowski, Phillips, Schmidt & Shin 1992) as urca's `ur.kpss(type = "mu")`
 * computes it, and the number of first differences it calls for, as forecast's `ndiffs(test = "kpss")`.
 */
import { ForesightError } from '../errors.js';
import { isConstant } from './summary.js';

/** Critical values of the level test at 10%, 5%, 2.5% and 1% (KPSS 1992, Table 1; urca's `cval`). */
const CRITICAL = [0.347, 0.463, 0.574, 0.739];
const LEVELS = [0.1, 0.05, 0.025, 0.01];

/**
 * KPSS statistic for level stationarity: sum of squared partial sums of the demeaned series over n^2 times the
 * Bartlett-weighted long-run variance with `lags` lags (default trunc(3·sqrt(n)/13), forecast's `ndiffs`).
 * Throws ForesightError('too_short') for fewer than 2 observations.
 *
 * @example
 * kpssStatistic(Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8)) // 0.4444... (a trend looks non-stationary)
 */
export function kpssStatistic(x: ArrayLike<number>, lags?: number): number {
  const n = x.length;
  if (n < 2) throw new ForesightError('too_short', `KPSS test needs at least 2 observations but got ${n}`);
  const L = lags ?? Math.trunc((3 * Math.sqrt(n)) / 13);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t];
  mean /= n;
  const e = Float64Array.from({ length: n }, (_, t) => x[t] - mean);
  let s = 0;
  let num = 0;
  let s2 = 0;
  for (let t = 0; t < n; t++) {
    s += e[t];
    num += s * s;
    s2 += e[t] * e[t];
  }
  num /= n * n;
  s2 /= n;
  let out = 0;
  for (let l = 1; l <= L; l++) {
    let c = 0;
    for (let t = l; t < n; t++) c += e[t] * e[t - l];
    out += (1 - l / (L + 1)) * c;
  }
  return num / (s2 + (2 / n) * out);
}

/**
 * p-value of a KPSS level statistic by linear interpolation in the critical-value table, clamped to
 * [0.01, 0.1] (urca table with R's `approx(rule = 2)`, as forecast's `ndiffs`).
 *
 * @example
 * kpssPValue(0.463) // 0.05
 */
export function kpssPValue(statistic: number): number {
  if (statistic <= CRITICAL[0]) return LEVELS[0];
  for (let i = 1; i < CRITICAL.length; i++) {
    if (statistic <= CRITICAL[i]) {
      const f = (statistic - CRITICAL[i - 1]) / (CRITICAL[i] - CRITICAL[i - 1]);
      return LEVELS[i - 1] + f * (LEVELS[i] - LEVELS[i - 1]);
    }
  }
  return LEVELS[LEVELS.length - 1];
}

/**
 * Number of first differences (0..maxD) after which the KPSS test no longer rejects level stationarity at
 * `alpha` (default 0.05), as forecast's `ndiffs(x, test = "kpss")`: stops early when the series (or its
 * difference) is constant.
 *
 * @example
 * kpssDifferences(Float64Array.from({ length: 100 }, (_, t) => t * t)) // 2
 */
export function kpssDifferences(x: ArrayLike<number>, maxD = 2, alpha = 0.05): number {
  let w = Float64Array.from(x);
  let d = 0;
  if (isConstant(w) || w.length < 2) return 0;
  let dodiff = kpssPValue(kpssStatistic(w)) < alpha;
  while (dodiff && d < maxD) {
    d++;
    const next = new Float64Array(w.length - 1);
    for (let t = 0; t < next.length; t++) next[t] = w[t + 1] - w[t];
    w = next;
    if (w.length < 2 || isConstant(w)) return d;
    dodiff = kpssPValue(kpssStatistic(w)) < alpha;
  }
  return d;
}
