/**
 * STL: seasonal-trend decomposition by loess (Cleveland, Cleveland, McRae & Terpenning 1990, "STL: A
 * seasonal-trend decomposition procedure based on loess", Journal of Official Statistics 6(1)), following the
 * reference Fortran implementation that R's `stl()` calls, step for step, so that decompositions match R's.
 *
 * Notation of the paper: n_p season length, n_s / n_t / n_l the seasonal, trend and low-pass loess windows,
 * n_i inner and n_o outer (robustness) iterations. Loess windows are odd and at least 3; the loess fits are
 * evaluated every `jump` points and linearly interpolated in between. Robust fits reproduce R's robustness
 * weights exactly, including the quirk of R's median of absolute residuals (see `partialSort`).
 */
import { ForesightError } from '../errors.js';

/** Options of {@link stl}; the defaults are R's `stl()` defaults. */
export interface StlOptions {
  /** Seasonal loess window n_s (odd, >= 7 recommended), or 'periodic' for a fixed seasonal pattern. */
  seasonalWindow: number | 'periodic';
  /** Degree of the seasonal loess: 0 (default) or 1. 'periodic' forces 0. */
  seasonalDegree?: 0 | 1;
  /** Trend window n_t. Default nextodd(ceil(1.5 n_p / (1 - 1.5 / n_s))). */
  trendWindow?: number;
  /** Degree of the trend loess. Default 1. */
  trendDegree?: 0 | 1;
  /** Low-pass window n_l. Default nextodd(n_p). */
  lowpassWindow?: number;
  /** Degree of the low-pass loess. Default the trend degree. */
  lowpassDegree?: 0 | 1;
  /** Evaluation steps of the three smoothers. Defaults ceil(window / 10). */
  seasonalJump?: number;
  trendJump?: number;
  lowpassJump?: number;
  /** Robust fitting: 15 outer iterations with bisquare weights, 1 inner (R's `robust = TRUE`). Default false. */
  robust?: boolean;
  /** Inner iterations n_i. Default 1 when robust, else 2. */
  inner?: number;
  /** Outer iterations n_o. Default 15 when robust, else 0. */
  outer?: number;
}

/** Result of {@link stl}: y = seasonal + trend + remainder. */
export interface StlResult {
  seasonal: Float64Array;
  trend: Float64Array;
  remainder: Float64Array;
  /** Final robustness weights (all 1 without outer iterations). */
  weights: Float64Array;
}

/**
 * Decomposes `y` with season length `seasonLength` into seasonal, trend and remainder, as R's
 * `stl(ts(y, frequency = seasonLength), s.window, ...)`. With `seasonalWindow: 'periodic'` the seasonal
 * component is replaced by its mean at each season position (the first observation is position 0).
 * Throws ForesightError('invalid_argument') for a season length below 2, non-finite data or bad options,
 * and ('too_short') when the series holds fewer than two full seasons.
 *
 * @example
 * const y = Float64Array.from({ length: 48 }, (_, t) => t / 10 + [3, -1, -2, 0][t % 4]);
 * stl(y, 4, { seasonalWindow: 'periodic' }).seasonal.slice(0, 4) // ≈ [2.985, -1.011, -1.989, 0.015] (the pattern 3, -1, -2, 0)
 */
export function stl(y: ArrayLike<number>, seasonLength: number, options: StlOptions): StlResult {
  const n = y.length;
  const period = seasonLength;
  if (!(Number.isInteger(period) && period >= 2)) {
    throw new ForesightError('invalid_argument', `stl: season length ${period} is not an integer of at least 2`);
  }
  if (n <= 2 * period) {
    throw new ForesightError(
      'too_short',
      `stl: season length ${period} needs more than two full seasons (${2 * period} observations) but got ${n}`,
    );
  }
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(y[t]))
      throw new ForesightError('invalid_argument', `stl: y[${t}] is ${y[t]}, not a finite number`);
  }
  const periodic = options.seasonalWindow === 'periodic';
  const seasonalWindow = periodic ? 10 * n + 1 : (options.seasonalWindow as number);
  if (!(seasonalWindow > 0)) {
    throw new ForesightError('invalid_argument', `stl: seasonal window ${options.seasonalWindow} is not positive`);
  }
  const seasonalDegree = periodic ? 0 : (options.seasonalDegree ?? 0);
  const trendWindow = options.trendWindow ?? nextOdd(Math.ceil((1.5 * period) / (1 - 1.5 / seasonalWindow)));
  const trendDegree = options.trendDegree ?? 1;
  const lowpassWindow = options.lowpassWindow ?? nextOdd(period);
  const lowpassDegree = options.lowpassDegree ?? trendDegree;
  const robust = options.robust ?? false;
  const params: StlParameters = {
    period,
    seasonalWindow: oddAtLeast3(seasonalWindow),
    trendWindow: oddAtLeast3(trendWindow),
    lowpassWindow: oddAtLeast3(lowpassWindow),
    seasonalDegree,
    trendDegree,
    lowpassDegree,
    seasonalJump: options.seasonalJump ?? Math.ceil(seasonalWindow / 10),
    trendJump: options.trendJump ?? Math.ceil(trendWindow / 10),
    lowpassJump: options.lowpassJump ?? Math.ceil(lowpassWindow / 10),
    inner: options.inner ?? (robust ? 1 : 2),
  };
  const outer = options.outer ?? (robust ? 15 : 0);
  const x = Float64Array.from(y);
  const seasonal = new Float64Array(n);
  const trend = new Float64Array(n);
  const weights = new Float64Array(n).fill(1);
  const work = new StlWork(n, period);
  let useWeights = false;
  for (let k = 0; ; k++) {
    innerLoop(x, params, useWeights, weights, seasonal, trend, work);
    if (k >= outer) break;
    const fit = work.w1;
    for (let i = 0; i < n; i++) fit[i] = trend[i] + seasonal[i];
    robustnessWeights(x, fit, weights);
    useWeights = true;
  }
  if (outer <= 0) weights.fill(1);
  if (periodic) {
    const sums = new Float64Array(period);
    const counts = new Float64Array(period);
    for (let i = 0; i < n; i++) {
      sums[i % period] += seasonal[i];
      counts[i % period] += 1;
    }
    for (let i = 0; i < n; i++) seasonal[i] = sums[i % period] / counts[i % period];
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) remainder[i] = x[i] - seasonal[i] - trend[i];
  return { seasonal, trend, remainder, weights };
}

/** The reference Fortran writes these thresholds as single-precision literals (`.999`, `.001`); same values here. */
const POINT_999 = Math.fround(0.999);
const POINT_001 = Math.fround(0.001);

/** R's `nextodd`: round, then add 1 if even. */
function nextOdd(x: number): number {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
}

function oddAtLeast3(window: number): number {
  const w = Math.max(3, Math.floor(window));
  return w % 2 === 0 ? w + 1 : w;
}

interface StlParameters {
  period: number;
  seasonalWindow: number;
  trendWindow: number;
  lowpassWindow: number;
  seasonalDegree: number;
  trendDegree: number;
  lowpassDegree: number;
  seasonalJump: number;
  trendJump: number;
  lowpassJump: number;
  inner: number;
}

/** Scratch arrays reused across iterations (the Fortran `work(n + 2 n_p, 5)`). */
class StlWork {
  readonly w1: Float64Array;
  readonly w2: Float64Array;
  readonly w3: Float64Array;
  readonly w4: Float64Array;
  readonly w5: Float64Array;
  /** Cycle-subseries buffers, each long enough for one subseries plus its two extensions. */
  readonly sub: Float64Array;
  readonly subWeights: Float64Array;
  readonly subSmooth: Float64Array;
  readonly subScratch: Float64Array;

  constructor(n: number, period: number) {
    const len = n + 2 * period;
    this.w1 = new Float64Array(len);
    this.w2 = new Float64Array(len);
    this.w3 = new Float64Array(len);
    this.w4 = new Float64Array(len);
    this.w5 = new Float64Array(len);
    const subLen = Math.floor(n / period) + 3;
    this.sub = new Float64Array(subLen);
    this.subWeights = new Float64Array(subLen);
    this.subSmooth = new Float64Array(subLen);
    this.subScratch = new Float64Array(Math.max(subLen, len));
  }
}

/** The inner loop (Fortran `stlstp`): n_i passes of detrend, cycle-subseries smoothing, low-pass, deseasonalize, trend. */
function innerLoop(
  y: Float64Array,
  p: StlParameters,
  useWeights: boolean,
  rw: Float64Array,
  season: Float64Array,
  trend: Float64Array,
  work: StlWork,
): void {
  const n = y.length;
  const np = p.period;
  const { w1, w2, w3, w4, w5 } = work;
  for (let pass = 0; pass < p.inner; pass++) {
    for (let i = 0; i < n; i++) w1[i] = y[i] - trend[i];
    cycleSubseriesSmooth(w1, n, p, useWeights, rw, w2, work);
    lowPassFilter(w2, n + 2 * np, np, w3, w1);
    loess(w3, n, p.lowpassWindow, p.lowpassDegree, p.lowpassJump, false, rw, w1, w4);
    for (let i = 0; i < n; i++) season[i] = w2[np + i] - w1[i];
    for (let i = 0; i < n; i++) w1[i] = y[i] - season[i];
    loess(w1, n, p.trendWindow, p.trendDegree, p.trendJump, useWeights, rw, trend, w5);
  }
}

/**
 * Smooths each cycle subseries by loess and extends it one season at each end (Fortran `stlss`); writes the
 * n + 2 n_p values of the extended seasonal into `season`.
 */
function cycleSubseriesSmooth(
  y: Float64Array,
  n: number,
  p: StlParameters,
  useWeights: boolean,
  rw: Float64Array,
  season: Float64Array,
  work: StlWork,
): void {
  const np = p.period;
  const ns = p.seasonalWindow;
  const { sub, subWeights, subSmooth, subScratch } = work;
  for (let j = 0; j < np; j++) {
    const k = Math.floor((n - j - 1) / np) + 1;
    for (let i = 0; i < k; i++) sub[i] = y[i * np + j];
    if (useWeights) for (let i = 0; i < k; i++) subWeights[i] = rw[i * np + j];
    // smoothed values go to subSmooth[1..k], extensions to subSmooth[0] and subSmooth[k + 1]
    loess(sub, k, ns, p.seasonalDegree, p.seasonalJump, useWeights, subWeights, subSmooth.subarray(1), subScratch);
    const right = Math.min(ns, k);
    const before = loessAt(sub, k, ns, p.seasonalDegree, 0, 1, right, subScratch, useWeights, subWeights);
    subSmooth[0] = Number.isNaN(before) ? subSmooth[1] : before;
    const left = Math.max(1, k - ns + 1);
    const after = loessAt(sub, k, ns, p.seasonalDegree, k + 1, left, k, subScratch, useWeights, subWeights);
    subSmooth[k + 1] = Number.isNaN(after) ? subSmooth[k] : after;
    for (let m = 0; m < k + 2; m++) season[m * np + j] = subSmooth[m];
  }
}

/** Moving averages of lengths n_p, n_p and 3 (Fortran `stlfts`); input length `len`, output length len - 2 n_p. */
function lowPassFilter(x: Float64Array, len: number, np: number, out: Float64Array, work: Float64Array): void {
  movingAverage(x, len, np, out);
  movingAverage(out, len - np + 1, np, work);
  movingAverage(work, len - 2 * np + 2, 3, out);
}

/** Running mean of `window` consecutive values (Fortran `stlma`): n - window + 1 outputs. */
function movingAverage(x: Float64Array, n: number, window: number, out: Float64Array): void {
  const count = n - window + 1;
  let sum = 0;
  for (let i = 0; i < window; i++) sum += x[i];
  out[0] = sum / window;
  for (let j = 1; j < count; j++) {
    sum = sum - x[j - 1] + x[window + j - 1];
    out[j] = sum / window;
  }
}

/**
 * Loess smoothing of y[0..n-1] at every `jump`-th point with linear interpolation between (Fortran `stless`);
 * results into ys[0..n-1]. Where the local fit fails (all weights zero) the data value is kept.
 */
function loess(
  y: Float64Array,
  n: number,
  len: number,
  degree: number,
  jump: number,
  useWeights: boolean,
  rw: Float64Array,
  ys: Float64Array,
  scratch: Float64Array,
): void {
  if (n < 2) {
    ys[0] = y[0];
    return;
  }
  const step = Math.min(jump, n - 1);
  let left = 1;
  let right = n;
  const fitAt = (i: number): void => {
    const v = loessAt(y, n, len, degree, i, left, right, scratch, useWeights, rw);
    ys[i - 1] = Number.isNaN(v) ? y[i - 1] : v;
  };
  if (len >= n) {
    left = 1;
    right = n;
    for (let i = 1; i <= n; i += step) fitAt(i);
  } else if (step === 1) {
    const half = (len + 1) >> 1;
    left = 1;
    right = len;
    for (let i = 1; i <= n; i++) {
      if (i > half && right !== n) {
        left++;
        right++;
      }
      fitAt(i);
    }
  } else {
    const half = (len + 1) >> 1;
    for (let i = 1; i <= n; i += step) {
      if (i < half) {
        left = 1;
        right = len;
      } else if (i >= n - half + 1) {
        left = n - len + 1;
        right = n;
      } else {
        left = i - half + 1;
        right = len + i - half;
      }
      fitAt(i);
    }
  }
  if (step !== 1) {
    for (let i = 1; i <= n - step; i += step) {
      const delta = (ys[i + step - 1] - ys[i - 1]) / step;
      for (let j = i + 1; j <= i + step - 1; j++) ys[j - 1] = ys[i - 1] + delta * (j - i);
    }
    const k = Math.floor((n - 1) / step) * step + 1;
    if (k !== n) {
      fitAt(n);
      if (k !== n - 1) {
        const delta = (ys[n - 1] - ys[k - 1]) / (n - k);
        for (let j = k + 1; j <= n - 1; j++) ys[j - 1] = ys[k - 1] + delta * (j - k);
      }
    }
  }
}

/**
 * One local fit (Fortran `stlest`): tricube weights over positions left..right (1-based) around xs with
 * bandwidth max(xs - left, right - xs) (widened when the window exceeds n), times robustness weights; local
 * constant or, for degree 1, local linear. Returns NaN when every weight is zero.
 */
function loessAt(
  y: Float64Array,
  n: number,
  len: number,
  degree: number,
  xs: number,
  left: number,
  right: number,
  w: Float64Array,
  useWeights: boolean,
  rw: Float64Array,
): number {
  const range = n - 1;
  let h = Math.max(xs - left, right - xs);
  if (len > n) h += Math.floor((len - n) / 2);
  const h9 = POINT_999 * h;
  const h1 = POINT_001 * h;
  let a = 0;
  for (let j = left; j <= right; j++) {
    w[j - 1] = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      if (r <= h1) w[j - 1] = 1;
      else {
        const q = r / h;
        const c = 1 - q * q * q;
        w[j - 1] = c * c * c;
      }
      if (useWeights) w[j - 1] *= rw[j - 1];
      a += w[j - 1];
    }
  }
  if (a <= 0) return NaN;
  for (let j = left; j <= right; j++) w[j - 1] /= a;
  if (h > 0 && degree > 0) {
    let centre = 0;
    for (let j = left; j <= right; j++) centre += w[j - 1] * j;
    let b = xs - centre;
    let c = 0;
    for (let j = left; j <= right; j++) c += w[j - 1] * (j - centre) * (j - centre);
    if (Math.sqrt(c) > POINT_001 * range) {
      b /= c;
      for (let j = left; j <= right; j++) w[j - 1] *= b * (j - centre) + 1;
    }
  }
  let value = 0;
  for (let j = left; j <= right; j++) value += w[j - 1] * y[j - 1];
  return value;
}

/**
 * Bisquare robustness weights (Fortran `stlrwt`): with h = 6 · "median" |y - fit|, weight 1 below 0.001 h,
 * (1 - (r/h)²)² below 0.999 h, else 0. The "median" is R's: the mean of the values that {@link partialSort}
 * leaves at positions n/2 + 1 and n - n/2 (1-based) when asked for them in that (decreasing) order, which for
 * even n is not always the true median (see there). Reproduced on purpose, so robust fits match R's.
 */
function robustnessWeights(y: Float64Array, fit: Float64Array, rw: Float64Array): void {
  const n = y.length;
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) r[i] = Math.abs(y[i] - fit[i]);
  const m1 = Math.floor(n / 2) + 1;
  const m2 = n - m1 + 1;
  const partial = Float64Array.from(r);
  partialSort(partial, [m1, m2]);
  const cmad = 3 * (partial[m1 - 1] + partial[m2 - 1]);
  const c9 = POINT_999 * cmad;
  const c1 = POINT_001 * cmad;
  for (let i = 0; i < n; i++) {
    if (r[i] <= c1) rw[i] = 1;
    else if (r[i] <= c9) {
      const q = r[i] / cmad;
      rw[i] = (1 - q * q) * (1 - q * q);
    } else rw[i] = 0;
  }
}

/**
 * Partial quicksort (Singleton 1969, CACM Algorithm 347; the `psort` of R's stl.f): rearranges `a` in place,
 * partitioning around median-of-three pivots and working only on segments that contain one of the 1-based
 * `targets`, so that — when `targets` is increasing — the values at those positions are the ones a full sort
 * puts there. With decreasing targets (as R's stl passes them) the bookkeeping drops segments too early and
 * the result can be wrong: for 43 27 37 32 66 72 87 86 56 11 32 41 and targets 7, 6, positions 6 and 7 end up
 * holding 41 and 87 where a sort gives 41 and 43.
 * Throws nothing.
 *
 * @example
 * const a = Float64Array.of(5, 1, 4, 2, 3);
 * partialSort(a, [3]); a[2] // 3
 */
export function partialSort(a: Float64Array, targets: readonly number[]): void {
  const n = a.length;
  if (n < 2 || targets.length === 0) return;
  const at = (p: number): number => a[p - 1];
  const put = (p: number, v: number): void => {
    a[p - 1] = v;
  };
  // Pending segments [lo, hi] with the slice [tLo, tHi] of `targets` assigned to them.
  const lo: number[] = [];
  const hi: number[] = [];
  const tLo: number[] = [];
  const tHi: number[] = [];
  let i = 1;
  let j = n;
  let first = 1;
  let last = targets.length;
  let step: 'check' | 'pop' | 'size' = 'check';
  for (;;) {
    if (step === 'pop') {
      if (lo.length === 0) return;
      i = lo.pop() as number;
      j = hi.pop() as number;
      first = tLo.pop() as number;
      last = tHi.pop() as number;
      step = first <= last ? 'size' : 'pop';
      continue;
    }
    if (step === 'size' && j - i <= 10) {
      if (i === 1) {
        // the leftmost segment has no sentinel below it: keep partitioning instead
        step = 'check';
        continue;
      }
      // straight insertion; a[i - 1] bounds the segment from below
      for (let p = i; p < j; p++) {
        const v = at(p + 1);
        if (at(p) > v) {
          let q = p;
          do {
            put(q + 1, at(q));
            q--;
          } while (!(v >= at(q)));
          put(q + 1, v);
        }
      }
      step = 'pop';
      continue;
    }
    if (step === 'check' && !(i < j)) {
      step = 'pop';
      continue;
    }
    // partition a[i..j] around the median of a[i], a[mid], a[j]
    const mid = Math.floor((i + j) / 2);
    let pivot = at(mid);
    if (at(i) > pivot) {
      put(mid, at(i));
      put(i, pivot);
      pivot = at(mid);
    }
    if (at(j) < pivot) {
      put(mid, at(j));
      put(j, pivot);
      pivot = at(mid);
      if (at(i) > pivot) {
        put(mid, at(i));
        put(i, pivot);
        pivot = at(mid);
      }
    }
    let k = i;
    let l = j;
    for (;;) {
      l--;
      if (at(l) <= pivot) {
        const v = at(l);
        do k++;
        while (!(at(k) >= pivot));
        if (k > l) break;
        put(l, at(k));
        put(k, v);
      }
    }
    // keep the larger part for later, go on with the smaller one, and split the targets between them
    lo.push(l - i <= j - k ? k : i);
    hi.push(l - i <= j - k ? j : l);
    tLo.push(first);
    tHi.push(last);
    if (l - i <= j - k) {
      j = l;
      while (first <= last && targets[last - 1] > j) last--;
      if (first > last) {
        step = 'pop';
        continue;
      }
      tLo[tLo.length - 1] = last + 1;
    } else {
      i = k;
      while (first <= last && targets[first - 1] < i) first++;
      if (first > last) {
        step = 'pop';
        continue;
      }
      tHi[tHi.length - 1] = first - 1;
    }
    step = 'size';
  }
}
