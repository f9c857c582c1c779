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
import { normalCdf, normalQuantile } from '../core/stats/normal.js';

/** Prior of the between-window log-scale variance and its weight in windows. */
export const SCALE_DRIFT_PRIOR = { variance: 0.02, windows: 0.5 } as const;
/** Pseudo-scores of the scale prior (c = 1). */
const SCALE_PRIOR_WEIGHT = 10;

/** Standard error implied by a central interval at `level` percent under normality. */
export function impliedSe(lower: number, upper: number, level: number): number {
  return (upper - lower) / (2 * normalQuantile(0.5 + level / 200));
}

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
export function scoreScale(windows: readonly (readonly (number | null)[])[], prior: { variance: number; windows: number } = SCALE_DRIFT_PRIOR): ScoreScale {
  let sumSquares = 0, count = 0;
  const logs: number[] = [];
  for (const scores of windows) {
    let ss = 0, n = 0;
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
  const logVariance = ((dof * between + weight * variance) / (dof + weight)) * (1 + 1 / Math.max(1, W));
  return { scale, logVariance, windows: W };
}

/**
 * The q with P(|Z u| <= q) = level / 100, Z standard normal and log u ~ N(-sigma2, sigma2) independent of Z;
 * the normal quantile when sigma2 = 0. The mixture over u is integrated on a grid of 241 points in ±6
 * standard deviations, and q is found by bisection.
 *
 * @example
 * mixtureQuantile(95, 0) // 1.959963984540054
 * mixtureQuantile(95, 0.1) // about 2.0239
 */
export function mixtureQuantile(level: number, sigma2: number): number {
  const p = level / 100;
  if (!(sigma2 > 0)) return normalQuantile(0.5 + p / 2);
  const sigma = Math.sqrt(sigma2);
  const coverage = (q: number): number => {
    let total = 0, norm = 0;
    for (let k = -120; k <= 120; k++) {
      const v = k / 20;
      const w = Math.exp(-0.5 * v * v);
      total += w * (2 * normalCdf(q * Math.exp(sigma2 - sigma * v)) - 1);
      norm += w;
    }
    return total / norm;
  };
  let lo = 0, hi = 1;
  while (coverage(hi) < p && hi < 1e6) hi *= 2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (coverage(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
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
