/**
 * The batch's trend correction of the fused forecast: where the outcomes of a batch land, on validation, beyond
 * the fused forecast in the direction of the change that forecast predicts, the forecast is moved further that
 * way by a share b of its predicted change (or back toward the last value when b < 0). Both are measured in units
 * of the fused spread se: the predicted change d = (yhat - last) / se, from the series' last value (the naive
 * forecast), and the signed score s = (y - yhat) / se; the corrected forecast is yhat + b · se · clip(d, ±CLIP).
 *
 * Why: the members of the fusion damp what they extrapolate (damped trends, Theta's half slope, the naive member,
 * ARIMA without drift on short series), and on trending yearly series the outcomes keep more of the trend than
 * the fused forecast does. On M1 yearly's cross-fitted validation windows the median of s · sign(d) is +0.09 for
 * |d| < 0.5, +0.35 for 0.5-1, +0.84 for 1-2, +1.09 for 2-4 and +1.42 beyond, and its test periods show the same;
 * on M1 quarterly it is +0.04 to +0.15 below |d| = 2. Whether a batch has that bias is for its own validation
 * errors to say, so b is fitted and accepted per batch (per group of one season length), never fixed:
 *   fit     b minimizes the weighted sum w |s - b · clip(d)| over every validation point of the batch (least
 *           absolute deviations, so that a few wild series do not set it), each series weighing one per step,
 *           its windows sharing that weight; b is kept within [-1, 1];
 *   accept  b is cross-fitted by window age (fitted on the windows of the other ages, scored on the held-out
 *           one) and kept only when the series' mean gain in absolute error exceeds ACCEPT_T of its standard
 *           errors: a correction the validation evidence cannot tell from noise is refused, since a serial
 *           correction must earn its place on data it was not fitted on. Measured (t of the gain): M1 yearly
 *           b = 0.51, t = 3.7, accepted; M1 quarterly 0.12, t = 1.4; M1 monthly -0.03, t = 0.8; M4 weekly 0.02,
 *           t = -2.3; M4 hourly 0.01, t = 1.4: refused.
 * The intervals are then calibrated on the corrected procedure's cross-fitted errors, s - b_k · clip(d), b_k the
 * slope fitted without the windows of that age, so that they are centred on the corrected forecast.
 * The anchor is the last value for every season length. The seasonal naive value (one season back) was measured
 * too and rejected: on M1 quarterly its validation windows accepted b = 0.20 (t = 3.6, every window age agreeing)
 * and the test periods lost by it (sMAPE 15.64 to 15.98); the test-optimal b there is about 0 (README, "Trend
 * correction across a batch").
 */

import { weightedMedian } from './conformal.js';

/** Largest |d| the correction extrapolates: beyond it the predicted change counts as CLIP spreads. */
export const MOMENTUM_CLIP = 4;
/** How many standard errors of the series' mean gain the cross-fitted gain must exceed for b to be accepted. */
export const ACCEPT_T = 2;

/** The predicted change clipped to ±{@link MOMENTUM_CLIP}. */
export function clipChange(d: number): number {
  return Math.max(-MOMENTUM_CLIP, Math.min(MOMENTUM_CLIP, d));
}

/**
 * The predicted change of each step from the last value, in spreads: (yhat - last) / se; null where it is not
 * finite (no spread, no last value).
 *
 * @example
 * predictedChange([12, 14], [2, 4], 10) // [1, 1]
 */
export function predictedChange(mean: ArrayLike<number>, se: ArrayLike<number>, last: number): (number | null)[] {
  return Array.from({ length: mean.length }, (_, t) => {
    const d = (mean[t] - last) / se[t];
    return se[t] > 0 && Number.isFinite(d) ? d : null;
  });
}

/** One series' validation evidence: per window (oldest first) the signed scores and predicted changes by step. */
export interface MomentumEvidence {
  signed: readonly (readonly (number | null)[])[];
  change: readonly (readonly (number | null)[])[];
}

/** The batch's trend correction: the slope, and the cross-fitted evidence that accepted or refused it. */
export interface MomentumFit {
  /** b, 0 when refused. */
  slope: number;
  /** b fitted on every window, reported whether accepted or not. */
  fitted: number;
  accepted: boolean;
  /** The weighted mean absolute score before and after the cross-fitted correction, per series and step. */
  before: number;
  after: number;
  /** The series' mean gain over its standard error. */
  t: number;
  /** Series that gave evidence. */
  series: number;
  /** The slope fitted without the windows of each age (0: the newest of its series), which scored that age. */
  crossFitted: number[];
}

interface Point {
  s: number;
  d: number;
  w: number;
  /** The window's age: 0 for the newest window of its series. */
  age: number;
  series: number;
}

/** Every finite (s, clipped d) pair with its weight: one per series and step, shared by the windows reaching it. */
function points(evidence: readonly MomentumEvidence[]): Point[] {
  const out: Point[] = [];
  evidence.forEach(({ signed, change }, i) => {
    const counts: number[] = [];
    const finite = (w: number, t: number) => {
      const s = signed[w]?.[t];
      const d = change[w]?.[t];
      return s !== null && s !== undefined && d !== null && d !== undefined && Number.isFinite(s) && Number.isFinite(d);
    };
    signed.forEach((scores, w) => scores.forEach((_, t) => finite(w, t) && (counts[t] = (counts[t] ?? 0) + 1)));
    const W = signed.length;
    signed.forEach((scores, w) =>
      scores.forEach((s, t) => {
        if (finite(w, t))
          out.push({ s: s!, d: clipChange(change[w][t]!), w: 1 / counts[t], age: W - 1 - w, series: i });
      }),
    );
  });
  return out;
}

/**
 * The weighted least-absolute-deviations slope through the origin of s on d: the weighted median of s / d with
 * weights w |d| (0 without a point of d != 0).
 *
 * @example
 * ladSlope([{ s: 1, d: 2, w: 1 }, { s: 3, d: 2, w: 1 }, { s: 0.5, d: 1, w: 1 }]) // 0.5
 */
export function ladSlope(pts: readonly { s: number; d: number; w: number }[]): number {
  const ratios = pts
    .filter((p) => p.d !== 0 && p.w > 0)
    .map((p) => ({ s: p.s / p.d, w: p.w * Math.abs(p.d) }))
    .sort((a, b) => a.s - b.s);
  return ratios.reduce((a, x) => a + x.w, 0) > 0 ? weightedMedian(ratios) : 0;
}

/**
 * Fits and tests the batch's trend correction (see the module comment). Refused (slope 0) with fewer than two
 * window ages or fewer than 10 series of evidence.
 */
export function fitMomentum(evidence: readonly MomentumEvidence[]): MomentumFit {
  const pts = points(evidence);
  const fitted = clampSlope(ladSlope(pts));
  const ages = [...new Set(pts.map((p) => p.age))];
  const gain = new Map<number, number>();
  const crossFitted: number[] = [];
  let before = 0,
    after = 0,
    weight = 0;
  if (ages.length >= 2) {
    for (const age of ages) {
      const b = clampSlope(ladSlope(pts.filter((p) => p.age !== age)));
      crossFitted[age] = b;
      for (const p of pts) {
        if (p.age !== age) continue;
        const g = Math.abs(p.s) - Math.abs(p.s - b * p.d);
        gain.set(p.series, (gain.get(p.series) ?? 0) + p.w * g);
        before += p.w * Math.abs(p.s);
        after += p.w * Math.abs(p.s - b * p.d);
        weight += p.w;
      }
    }
  }
  const gains = [...gain.values()];
  const n = gains.length;
  const mean = n ? gains.reduce((a, b) => a + b, 0) / n : 0;
  const sd = n > 1 ? Math.sqrt(gains.reduce((a, g) => a + (g - mean) ** 2, 0) / (n - 1)) : 0;
  const t = n > 1 && sd > 0 ? mean / (sd / Math.sqrt(n)) : 0;
  const accepted = n >= 10 && t > ACCEPT_T && fitted !== 0;
  return {
    slope: accepted ? fitted : 0,
    fitted,
    accepted,
    before: weight > 0 ? before / weight : NaN,
    after: weight > 0 ? after / weight : NaN,
    t,
    series: n,
    crossFitted: Array.from(crossFitted, (b) => b ?? fitted),
  };
}

/**
 * The slope kept inside [-1, 1]: at -1 the corrected forecast is the naive one (the whole predicted change taken
 * back), and beyond 1 it would more than double the change the members predict, further than any evidence of a few
 * validation windows can carry.
 */
function clampSlope(b: number): number {
  return Math.max(-1, Math.min(1, b));
}
