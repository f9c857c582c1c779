/**
 * Split-conformal calibration of prediction intervals (Vovk, Gammerman & Shafer 2005; for forecasting,
 * Stankeviciute, Alaa & van der Schaar 2021): the validation windows give conformity scores
 * |y - yhat| / se, se the standard error implied by the combined 95% interval; the interval at level L is
 * yhat ± q_L · se_h, with q_L the ceil((n + 1) L)-th smallest score, which covers at least L of exchangeable
 * future points. The multiplier is shrunk toward the model's own normal quantile when the scores are few.
 */
import { normalQuantile } from '../core/stats/normal.js';

/** Standard error implied by a central interval at `level` percent under normality. */
export function impliedSe(lower: number, upper: number, level: number): number {
  return (upper - lower) / (2 * normalQuantile(0.5 + level / 200));
}

/**
 * The conformal quantile of scores at `level` percent, blended with the normal quantile z_L as
 * (n q + n0 z) / (n + n0) with n0 = 10 pseudo-scores, so one unlucky window cannot make intervals absurd.
 * Returns z_L when there are no scores.
 *
 * @example
 * conformalMultiplier([], 95) // 1.959963984540054
 */
export function conformalMultiplier(scores: readonly number[], level: number, priorWeight = 10): number {
  const z = normalQuantile(0.5 + level / 200);
  const finite = scores.filter(Number.isFinite).sort((a, b) => a - b);
  const n = finite.length;
  if (n === 0) return z;
  const rank = Math.ceil((n + 1) * (level / 100));
  const q = rank > n ? finite[n - 1] * (1 + 1 / n) : finite[rank - 1];
  return (n * q + priorWeight * z) / (n + priorWeight);
}
