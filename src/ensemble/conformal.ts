/**
 * Calibration of the fused prediction intervals from the validation windows (in the spirit of normalized
 * split-conformal prediction, Vovk, Gammerman & Shafer 2005; Lei et al. 2018). Each validation point gives a
 * score s = |y - yhat| / se, with se the standard error implied by the combined 95% interval and yhat
 * cross-fitted (weights and bias learned on the other windows). A series has a few dozen scores from two or
 * three windows: too few to read a 95% quantile from, so they feed a two-parameter model instead:
 *   scale  c^2 = (sum s^2 + n0) / (n + n0), n0 = 10 pseudo-scores at the members' own scale (c = 1);
 *   drift  the future window's error scale differs from c by a factor u with log u ~ N(-sigma^2, sigma^2)
 *          (so E u^2 = 1): sigma^2 is the between-window variance of the windows' log rms scores, shrunk
 *          toward a prior of 0.02 with the weight of half a window, times (1 + 1/W) for the error of c itself;
 *   interval yhat ± c · q_L(sigma^2) · se, with q_L the L-quantile of |Z u|, Z standard normal.
 * Why a scale mixture: within a series the scores look nearly normal, yet across series the errors of the
 * next window are heavy-tailed, because each series' scale moves between windows (and is estimated from few of
 * them). How much it moves is what the windows disagree on. The rule and its two constants were chosen on a
 * pseudo-test inside the M4 training data (the last validation window as the target, bench/ensemble-study.ts),
 * then confirmed once on the test periods; the study's README section gives the numbers.
 */
import { normalCdf, normalDensity, normalQuantile } from '../core/stats/normal.js';

/** Prior of the between-window log-scale variance and its weight in windows. */
export const SCALE_DRIFT_PRIOR = { variance: 0.02, windows: 0.5 } as const;
/**
 * Largest drift variance sigma^2 of either calibration. At sigma^2 = 2 the scale factor u has a median of
 * e^-2 (0.14) and E u^2 = 1: the drift is then mostly in the tails, and more of it narrows the central intervals.
 */
export const MAX_LOG_VARIANCE = 2;
/** Pseudo-scores of the scale prior (c = 1). */
const SCALE_PRIOR_WEIGHT = 10;

/** What the validation scores say about the interval scale (see the module comment). */
export interface ScoreScale {
  /** c: the multiplier of the members' implied standard error. */
  scale: number;
  /** sigma^2: the variance of the log scale factor of the next window. */
  logVariance: number;
  /** Windows that gave scores. */
  windows: number;
}

/**
 * Scale and scale drift from the scores of each validation window (non-finite scores are ignored; empty
 * windows do not count). With no scores: c = 1 and the prior drift. `prior` defaults to
 * {@link SCALE_DRIFT_PRIOR} (other values serve the study that chose it, bench/ensemble-study.ts).
 *
 * @example
 * scoreScale([[1, 1], [1, 1]]).scale // 1
 * scoreScale([[2, 2], [0.5, 0.5]]).logVariance // about 1.44: the windows disagree by a factor of 4
 */
export function scoreScale(
  windows: readonly (readonly (number | null)[])[],
  prior: { variance: number; windows: number } = SCALE_DRIFT_PRIOR,
): ScoreScale {
  let sumSquares = 0,
    count = 0;
  const logs: number[] = [];
  for (const scores of windows) {
    let ss = 0,
      n = 0;
    for (const s of scores) {
      if (s === null || !Number.isFinite(s)) continue;
      ss += s * s;
      n++;
    }
    if (n === 0) continue;
    sumSquares += ss;
    count += n;
    logs.push(0.5 * Math.log(Math.max(ss / n, 1e-300)));
  }
  const W = logs.length;
  const scale = Math.sqrt((sumSquares + SCALE_PRIOR_WEIGHT) / (count + SCALE_PRIOR_WEIGHT));
  let between = 0;
  if (W >= 2) {
    const mean = logs.reduce((a, b) => a + b, 0) / W;
    between = logs.reduce((s, x) => s + (x - mean) ** 2, 0) / (W - 1);
  }
  const dof = Math.max(0, W - 1);
  const { variance, windows: weight } = prior;
  const drift = ((dof * between + weight * variance) / (dof + weight)) * (1 + 1 / Math.max(1, W));
  // at most MAX_LOG_VARIANCE, as the pooled rule: beyond it the mixture puts most of its mass near 0 and the
  // interval multiplier falls toward 0 (q_95 is 0.006 at sigma^2 = 10), so that windows disagreeing wildly (a
  // huge outlier in one of them) would give a near-zero interval instead of a wide one
  const logVariance = Math.min(MAX_LOG_VARIANCE, drift);
  return { scale, logVariance, windows: W };
}

/**
 * The q with P(|Z u| <= q) = level / 100, Z standard normal and log u ~ N(-sigma2, sigma2) independent of Z;
 * the normal quantile when sigma2 = 0. The mixture over u is integrated on a grid of 241 points in ±6
 * standard deviations, and q is found by Newton's method on that coverage (its derivative is the mixture
 * density, so few steps reach the last digits), kept inside a bracket that bisection takes over whenever a
 * Newton step would leave it. It is called for every fused forecast and level, and the bisection it replaced
 * cost 60 passes over the grid.
 *
 * @example
 * mixtureQuantile(95, 0) // 1.959963984540054
 * mixtureQuantile(95, 0.1) // about 2.0239
 */
export function mixtureQuantile(level: number, sigma2: number): number {
  const p = level / 100;
  if (!(sigma2 > 0)) return normalQuantile(0.5 + p / 2);
  const sigma = Math.sqrt(sigma2);
  const u = new Float64Array(241);
  const w = new Float64Array(241);
  let norm = 0;
  for (let k = -120; k <= 120; k++) {
    const v = k / 20;
    w[k + 120] = Math.exp(-0.5 * v * v);
    u[k + 120] = Math.exp(sigma2 - sigma * v);
    norm += w[k + 120];
  }
  // coverage(q) - p and its derivative in q
  const excess = (q: number): { f: number; df: number } => {
    let total = 0,
      density = 0;
    for (let k = 0; k < 241; k++) {
      const x = q * u[k];
      total += w[k] * (2 * normalCdf(x) - 1);
      density += w[k] * 2 * normalDensity(x) * u[k];
    }
    return { f: total / norm - p, df: density / norm };
  };
  let lo = 0,
    hi = 1;
  while (excess(hi).f < 0 && hi < 1e6) hi *= 2;
  let q = Math.min(Math.max(normalQuantile(0.5 + p / 2), lo), hi);
  for (let i = 0; i < 100; i++) {
    const { f, df } = excess(q);
    if (f < 0) lo = q;
    else hi = q;
    const step = df > 0 ? f / df : NaN;
    let next = q - step;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - q) <= 1e-15 * q || hi - lo <= 1e-15 * hi) return next;
    q = next;
  }
  return q;
}

/**
 * The calibrated multiplier of se for a central interval at `level` percent: c · q_L(sigma^2) from the scores
 * of each validation window (see the module comment).
 *
 * @example
 * calibratedMultiplier([new Array(50).fill(1), new Array(50).fill(1)], 95) // about 1.98: c = 1, little drift
 */
export function calibratedMultiplier(windows: readonly (readonly (number | null)[])[], level: number): number {
  const { scale, logVariance } = scoreScale(windows);
  return scale * mixtureQuantile(level, logVariance);
}

/**
 * Weight of a validation window relative to the next newer one in the pooled calibration: each window back
 * counts half as much. Replayed on the five development collections together (bench/fusion-study.ts, rules
 * `recent-*`; 1 weighs the windows alike, 0 keeps the newest only), 0.3, 0.5 and 0.7 all bring the coverage of
 * M1 yearly, M1 quarterly and M4 weekly nearer nominal and lower MSIS on four of the five; 0 costs yearly's 95%
 * coverage (88.9 to 83.7). 0.5 is the middle of that range.
 */
export const WINDOW_RECENCY = 0.5;

/**
 * Interval calibration pooled across the series of a batch, by horizon step: the scale c_t of each step and one
 * drift variance sigma^2, so that c_t · q_L(sigma^2) (see {@link mixtureQuantile}) is the split-conformal
 * L-quantile of the cross-fitted scores of that step, pooled over every series and validation window, at L = 80
 * and 95 (sigma^2 from the median over steps of the ratio of the two quantiles). A step with fewer than
 * `minScores` scores of its own borrows those of its neighbours, one step further on each side at a time, until
 * it has enough. With `weighting: 'series'` (the default) each series weighs one per step, its windows sharing
 * that weight, since the forecast to be covered is one per series and step: a long series with three windows
 * does not count three times a short one with one; 'score' weighs every score alike. Within a series the windows
 * weigh by age, `recency`^k for the window k places before the newest (default {@link WINDOW_RECENCY}), as in
 * conformal prediction beyond exchangeability (Barber, Candès, Ramdas & Tibshirani 2023): errors drift over
 * time, and the windows nearest the forecast are the best evidence of the next one.
 * Why pooled: one series has a few dozen scores, too few for the tails and for how errors grow with the step
 * (short yearly series have a handful at their longest steps), while the series of one batch share frequency
 * and domain. Null when the batch has fewer than `minScores` scores in all (the per-series calibration stays).
 *
 * @example
 * pooledCalibration([[[1, 2, 3]], [[1, 2, 3]]], 1)!.scale.length // 3
 */
export function pooledCalibration(
  scoreSets: readonly (readonly (readonly (number | null)[])[])[],
  minScores = 50,
  weighting: 'series' | 'score' = 'series',
  recency = WINDOW_RECENCY,
  signed = false,
): StepCalibration | null {
  // every score of a step, weighted so that each series counts once per step ('series') or each score once;
  // within a series, window k places before the newest weighs recency^k
  const byStep: { s: number; w: number }[][] = [];
  for (const windows of scoreSets) {
    const counts: number[] = [];
    const W = windows.length;
    windows.forEach((scores, k) =>
      scores.forEach((s, t) => {
        if (s !== null && Number.isFinite(s)) counts[t] = (counts[t] ?? 0) + recency ** (W - 1 - k);
      }),
    );
    windows.forEach((scores, k) => {
      scores.forEach((s, t) => {
        if (s === null || !Number.isFinite(s)) return;
        const r = recency ** (W - 1 - k);
        if (r > 0) (byStep[t] ??= []).push({ s, w: weighting === 'series' ? r / counts[t] : r });
      });
    });
  }
  const steps = byStep.length;
  const q80: number[] = [];
  const q95: number[] = [];
  const centre: number[] = [];
  let count = 0;
  const total = byStep.reduce((a, b) => a + (b?.length ?? 0), 0);
  if (steps === 0 || total < minScores) return null;
  for (let t = 0; t < steps; t++) {
    // the step's own scores, and those of ever more distant steps until there are enough
    const pooled = [...(byStep[t] ?? [])];
    for (let r = 1; pooled.length < minScores && (t - r >= 0 || t + r < steps); r++) {
      pooled.push(...(byStep[t - r] ?? []), ...(byStep[t + r] ?? []));
    }
    if (signed) {
      pooled.sort((a, b) => a.s - b.s);
      centre.push(weightedMedian(pooled));
    }
    const magnitudes = signed ? pooled.map((x) => ({ s: Math.abs(x.s), w: x.w })) : pooled;
    magnitudes.sort((a, b) => a.s - b.s);
    count += byStep[t]?.length ?? 0;
    q80.push(weightedConformalQuantile(magnitudes, 0.8));
    q95.push(weightedConformalQuantile(magnitudes, 0.95));
  }
  if (steps === 0) return null;
  const ratios = q95
    .map((q, t) => q / q80[t])
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const ratio = ratios[Math.floor(ratios.length / 2)];
  const logVariance = driftForRatio(ratio);
  const q = mixtureQuantile(95, logVariance);
  return { scale: q95.map((x) => x / q), logVariance, scores: count, ...(signed ? { centre } : {}) };
}

/** The weighted median of values sorted by value: the first whose cumulative weight reaches half the total. */
export function weightedMedian(sorted: readonly { s: number; w: number }[]): number {
  const total = sorted.reduce((a, x) => a + x.w, 0);
  let cumulative = 0;
  for (const x of sorted) {
    cumulative += x.w;
    if (cumulative >= total / 2 - 1e-12) return x.s;
  }
  return 0;
}

/**
 * The split-conformal quantile of weighted scores sorted by value: the smallest score whose cumulative weight
 * reaches p (W + 1), W the total weight and 1 the weight of the point to be covered (one series); the largest
 * score when none does. With unit weights it is {@link conformalQuantile}.
 */
function weightedConformalQuantile(sorted: readonly { s: number; w: number }[], p: number): number {
  const total = sorted.reduce((a, x) => a + x.w, 0);
  const target = p * (total + 1);
  let cumulative = 0;
  for (const x of sorted) {
    cumulative += x.w;
    if (cumulative >= target - 1e-12) return x.s;
  }
  return sorted[sorted.length - 1].s;
}

/** What {@link pooledCalibration} gives: the scale of each step (the last one for longer horizons) and the drift. */
export interface StepCalibration {
  scale: number[];
  /**
   * The median of each step's signed scores (y - yhat) / se, when the scores carried their sign: where the
   * outcomes' middle lies in units of the spread (the sample paths' median, see paths.ts; the intervals stay
   * symmetric about the point forecast).
   */
  centre?: number[];
  logVariance: number;
  /**
   * The batch's accepted trend correction b (momentum.ts): the fused centre moves by b · se · clip(d), and the
   * scores above are of the corrected forecast. Absent: none.
   */
  momentum?: number;
  /** Scores it was estimated from. */
  scores: number;
}

/**
 * The k-th smallest of n sorted values with k = ceil((n + 1) p) (at most n): the split-conformal quantile
 * (Lei et al. 2018). NaN for no values.
 *
 * @example
 * conformalQuantile([1, 2, 3, 4], 0.5) // 3: k = ceil(5 · 0.5)
 */
export function conformalQuantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const k = Math.min(sorted.length, Math.ceil((sorted.length + 1) * p));
  return sorted[k - 1];
}

/** The sigma^2 in [0, MAX_LOG_VARIANCE] with q_95(sigma^2) / q_80(sigma^2) = ratio (0 at or below the normal ratio). */
function driftForRatio(ratio: number): number {
  const of = (s2: number) => mixtureQuantile(95, s2) / mixtureQuantile(80, s2);
  if (!(ratio > of(0))) return 0;
  if (ratio >= of(MAX_LOG_VARIANCE)) return MAX_LOG_VARIANCE;
  let lo = 0,
    hi = MAX_LOG_VARIANCE;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (of(mid) < ratio) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
