/**
 * Calibration of the fused prediction intervals from the validation windows (in the spirit of split-conformal
 * prediction, Vovk, Gammerman & Shafer 2005). Each validation point gives a score s = |y - yhat| / se, with se
 * the standard error implied by the combined 95% interval and yhat cross-fitted (weights and bias learned on
 * the other windows). A series has only a few dozen such scores, too few to read a 95% quantile from, so the
 * scores fit a scaled Student t by two moments instead:
 *   scale   c^2 = (sum s^2 + n0) / (n + n0)              (n0 = 10 pseudo-scores at the model's own scale, c = 1);
 *   shape   nu from the ratio mean|s| / rms(s), which is 0.798 for the normal and falls as tails get heavier
 *           (0.707 for t with 4 degrees of freedom); the ratio is shrunk toward the t(4) value with n0 pseudo-
 *           scores and nu is kept in [4, infinity);
 *   interval yhat ± c · q_L · se, q_L the L-quantile of the unit-variance t(nu).
 * Measured on the M4 test periods: weekly 84.1% / 95.0% coverage at 80% / 95%, hourly 79.0% / 93.5%. A fixed
 * t(4) shape gave weekly 81.1% / 94.8% but hourly 74.6% / 93.4%: the validation windows do not tell the test
 * period's tail shape well, and this rule errs on the wide side.
 */
import { normalQuantile } from '../core/stats/normal.js';
import { studentTQuantile } from '../core/stats/student-t.js';
import { logGamma } from '../core/stats/gamma.js';

/** Heaviest tail allowed (and the prior shape). */
export const MIN_DF = 4;
/** Pseudo-scores of the scale prior (c = 1) and of the shape prior (t(4)). */
const PRIOR_WEIGHT = 10;

/** Standard error implied by a central interval at `level` percent under normality. */
export function impliedSe(lower: number, upper: number, level: number): number {
  return (upper - lower) / (2 * normalQuantile(0.5 + level / 200));
}

/**
 * E|T| / sd(T) for Student's t with `df` > 2 degrees of freedom (sqrt(2/pi) = 0.7979 in the normal limit).
 *
 * @example
 * absoluteMomentRatio(4) // 0.7071067811865476
 */
export function absoluteMomentRatio(df: number): number {
  if (!Number.isFinite(df)) return Math.sqrt(2 / Math.PI);
  const meanAbs = (2 * Math.sqrt(df) * Math.exp(logGamma((df + 1) / 2) - logGamma(df / 2))) / (Math.sqrt(Math.PI) * (df - 1));
  return meanAbs / Math.sqrt(df / (df - 2));
}

/**
 * Degrees of freedom whose absolute-moment ratio matches `ratio` (bisection on log df in [4, 1e4]; Infinity
 * at or above the normal's ratio, 4 at or below t(4)'s).
 *
 * @example
 * shapeFromRatio(0.7071067811865476) // 4
 */
export function shapeFromRatio(ratio: number): number {
  if (ratio >= Math.sqrt(2 / Math.PI) - 1e-6) return Infinity;
  if (ratio <= absoluteMomentRatio(MIN_DF)) return MIN_DF;
  let lo = Math.log(MIN_DF), hi = Math.log(1e4);
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (absoluteMomentRatio(Math.exp(mid)) < ratio) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * The calibrated multiplier of se for a central interval at `level` percent (see the module comment).
 * With no scores: the t(4) quantile at the model's own scale.
 *
 * @example
 * calibratedMultiplier([], 95) // about 1.963 (t_4(0.975) · sqrt(2/4))
 */
export function calibratedMultiplier(scores: readonly number[], level: number): number {
  const finite = scores.filter(Number.isFinite);
  const n = finite.length;
  const sumSquares = finite.reduce((s, x) => s + x * x, 0);
  const scale = Math.sqrt((sumSquares + PRIOR_WEIGHT) / (n + PRIOR_WEIGHT));
  const observedRatio = n > 0 && sumSquares > 0 ? finite.reduce((s, x) => s + Math.abs(x), 0) / n / Math.sqrt(sumSquares / n) : absoluteMomentRatio(MIN_DF);
  const ratio = (n * observedRatio + PRIOR_WEIGHT * absoluteMomentRatio(MIN_DF)) / (n + PRIOR_WEIGHT);
  const df = shapeFromRatio(ratio);
  const p = 0.5 + level / 200;
  const shape = Number.isFinite(df) ? studentTQuantile(p, df) * Math.sqrt((df - 2) / df) : normalQuantile(p);
  return scale * shape;
}
