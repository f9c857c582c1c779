/**
 * What the ensemble's fit and its sample paths (ensemble.ts, paths.ts) both need: the spec and state records,
 * the members' forecasts, the fused centre and spread, and their fusion into one forecast with calibrated
 * intervals. Kept apart so that ensemble.ts (which registers paths.ts's simulator) and paths.ts do not import
 * each other.
 */
import { ForesightError } from '../core/errors.js';
import { resolveModel } from '../models/registry.js';
import type { Fit, Forecast, FutureData, ModelSpec } from '../models/types.js';
import { combineForecasts, isWeightedRule, type CombinationRule } from './combine.js';
import { mixtureQuantile, scoreScale, type StepCalibration } from './conformal.js';
import { normalQuantile } from '../core/stats/normal.js';
import { impliedSe } from '../models/intervals.js';
import { clipChange, predictedChange } from './momentum.js';

/** The interval level whose bounds give the standard error that the calibrated intervals scale. */
export const CALIBRATION_LEVEL = 95;

/** Spec of `ensemble` (plain JSON). */
export interface EnsembleSpec extends ModelSpec {
  members: string[];
  combination: CombinationRule;
  /** Validation windows (default 3). */
  windows: number;
  /** Steps per validation window; null = fixed by the season length (see `validationHorizon`). */
  horizon: number | null;
  conformal: boolean;
  serial: boolean;
  /** The spread that the calibration scales: 'linear' (the members' mixture) or 'quantile' (averaged bounds). */
  pooling: 'linear' | 'quantile';
  /**
   * Add {@link MULTI_SEASON_MEMBER} for series with several season lengths (e.g. `--season 24,168`); true
   * for the default members of the weighted rules.
   */
  multiSeason: boolean;
  /** Replace `snaive` by {@link NON_SEASONAL_MEMBER} on series with m = 1; true for the default members. */
  nonSeasonal: boolean;
  /**
   * Whether the ARIMA member re-runs its order search before each validation window instead of refitting the
   * order chosen on the whole series: true always, false never, null (the default) when the windows span at
   * least {@link RESELECT_SHARE} of the series (see `reselects` in ensemble.ts).
   */
  reselect: boolean | null;
}

/**
 * Share of the series spanned by the validation windows from which the ARIMA member re-runs its order search in
 * each window. An order chosen on the whole series has seen the windows it is then judged on, and how much that
 * flatters its validation errors grows with the windows' share of the data the choice saw. On M1 (README,
 * "Validation that re-selects"): re-running the search in every series or only from a quarter gives the same
 * coverage within a point, and only from 40% costs M1 yearly 1.5 points at 95%; on M4 weekly, where the windows
 * are 4% of most series, re-running it everywhere changed nothing and doubled the cost.
 */
export const RESELECT_SHARE = 0.25;

/** One member of a fitted ensemble. */
export interface MemberState {
  name: string;
  /** The fitted form, used for validation refits and reported. */
  form: string;
  fit: Fit | null;
  /** Used when the member could not be fitted on the whole series (naive fallback fit). */
  fallbackReason: string | null;
}

/** What an ensemble `Fit.state` holds. */
export interface EnsembleState {
  members: MemberState[];
  weights: number[];
  /** Conformity scores |y - yhat| / se, one list per validation window, by step (null: not scored). */
  scores: (number | null)[][];
  /** The same scores with the sign of the error, (y - yhat) / se (absent in fits made before they were kept). */
  signed?: (number | null)[][];
  /** The cross-fitted predicted change (yhat - naive) / se of the same windows and steps (momentum.ts). */
  change?: (number | null)[][];
  /** The series' last value: the naive forecast that the trend correction measures the predicted change from. */
  last?: number;
  /** Bias correction per step (added to the combined forecast), or null when not accepted. */
  bias: number[] | null;
  /**
   * Calibration pooled across the series of the batch the fit was made in, by step (set by the pipeline's
   * `calibrateBatch`); when present it replaces the per-series calibration from `scores`.
   */
  calibration?: StepCalibration | null;
}

/** A fitted ensemble. */
export type EnsembleFit = Fit<EnsembleState>;

/** What fusion learns from the validation windows (steps 3 to 5). */
export interface Fusion {
  weights: Float64Array;
  /** Bias correction per step (added to the combined forecast), or null when not accepted. */
  bias: number[] | null;
  /**
   * Cross-fitted conformity scores |y - yhat| / se, one list per validation window (oldest first), indexed by
   * step (null where a step could not be scored); windows without any score are left out.
   */
  scores: (number | null)[][];
  /** The same scores with the sign of the error, (y - yhat) / se. */
  signed?: (number | null)[][];
  /** The same windows' cross-fitted predicted change (yhat - naive) / se (momentum.ts). */
  change?: (number | null)[][];
  /** The same windows' cross-fitted errors y - yhat, se and origins (the scores before dividing and the sign). */
  errors?: { origin: number; error: (number | null)[]; se: (number | null)[] }[];
  /** The batch's pooled calibration by step, when one replaces the per-series calibration from `scores`. */
  calibration?: StepCalibration | null;
}

/**
 * Each fitted member's forecast of `horizon` steps at `levels`. Throws ForesightError('internal') for a member
 * without a fit (fitting always leaves one, the fallback's if need be).
 */
export function memberForecasts(
  members: readonly MemberState[],
  horizon: number,
  levels: readonly number[],
  future?: FutureData,
): Forecast[] {
  return members.map((mem) => {
    if (!mem.fit) throw new ForesightError('internal', `ensemble member ${mem.name} has no fit`);
    return resolveModel(mem.fit.model).definition.forecast(mem.fit, horizon, levels, future);
  });
}

/**
 * The centre and spread of the fused forecast before calibration: the members combined by the spec's rule and
 * weights and shifted by the bias correction, and the standard error that the calibration scales. With
 * `pooling: 'linear'` that is the standard deviation of the weighted mixture of the members' normal forecasts
 * (linear pooling: the members' own variances plus how far their means lie apart, so that disagreement between
 * members widens the interval); with 'quantile' the standard error implied by the quantile-averaged 95% interval.
 * Member forecasts must carry the 95% level. Non-finite member values are left out.
 */
export function fusedCentre(
  forecasts: readonly Forecast[],
  spec: EnsembleSpec,
  fusion: {
    weights: ArrayLike<number>;
    bias: number[] | null;
    calibration?: StepCalibration | null;
    last?: number;
  },
): { combined: Forecast; mean: Float64Array; se: Float64Array } {
  const combined = combineForecasts(forecasts, spec.combination, fusion.weights);
  const horizon = combined.mean.length;
  if (fusion.bias && fusion.bias.length > 0) {
    const b = fusion.bias;
    for (let t = 0; t < horizon; t++) {
      const shift = b[Math.min(t, b.length - 1)];
      combined.mean[t] += shift;
      combined.lower.forEach((lo) => (lo[t] += shift));
      combined.upper.forEach((hi) => (hi[t] += shift));
    }
  }
  const cal = combined.levels.indexOf(CALIBRATION_LEVEL);
  if (cal < 0)
    throw new ForesightError('internal', `fused member forecasts lack the ${CALIBRATION_LEVEL}% calibration level`);
  const se = new Float64Array(horizon);
  const weighted = isWeightedRule(spec.combination);
  for (let t = 0; t < horizon; t++) {
    if (spec.pooling !== 'linear') {
      se[t] = impliedSe(combined.lower[cal][t], combined.upper[cal][t], CALIBRATION_LEVEL);
      continue;
    }
    let total = 0,
      centre = 0;
    forecasts.forEach((f, j) => {
      const w = weighted ? fusion.weights[j] : 1;
      if (w > 0 && Number.isFinite(f.mean[t]) && Number.isFinite(f.lower[cal][t]) && Number.isFinite(f.upper[cal][t])) {
        total += w;
        centre += w * f.mean[t];
      }
    });
    if (!(total > 0)) {
      se[t] = NaN;
      continue;
    }
    centre /= total;
    let variance = 0;
    forecasts.forEach((f, j) => {
      const w = weighted ? fusion.weights[j] : 1;
      if (w > 0 && Number.isFinite(f.mean[t]) && Number.isFinite(f.lower[cal][t]) && Number.isFinite(f.upper[cal][t])) {
        const s = impliedSe(f.lower[cal][t], f.upper[cal][t], CALIBRATION_LEVEL);
        variance += w * (s * s + (f.mean[t] - centre) ** 2);
      }
    });
    se[t] = Math.sqrt(variance / total);
  }
  applyMomentum(combined, se, spec, fusion);
  return { combined, mean: combined.mean, se };
}

/**
 * The batch's trend correction (momentum.ts), when its calibration carries an accepted one and the fit keeps its
 * last value: each step's centre and bounds move by b · se · clip(d), d its predicted change. Weighted rules only:
 * `mean`, `median` and `trimmed` give what they name.
 */
function applyMomentum(
  combined: Forecast,
  se: Float64Array,
  spec: EnsembleSpec,
  fusion: { calibration?: StepCalibration | null; last?: number },
): void {
  const b = spec.conformal ? fusion.calibration?.momentum : undefined;
  if (!b || typeof fusion.last !== 'number' || !isWeightedRule(spec.combination)) return;
  const change = predictedChange(combined.mean, se, fusion.last);
  for (let t = 0; t < combined.mean.length; t++) {
    const d = change[t];
    if (d === null) continue;
    const shift = b * se[t] * clipChange(d);
    combined.mean[t] += shift;
    combined.lower.forEach((lo) => (lo[t] += shift));
    combined.upper.forEach((hi) => (hi[t] += shift));
  }
}

/**
 * The calibration of a fused fit at each of `horizon` steps: the scale c_t that multiplies the fused spread and the
 * drift variance sigma^2 of the scale mixture (conformal.ts), from the batch's pooled calibration when the state
 * carries one, else from the series' own scores; null when the spec does not calibrate or there are no scores.
 * Steps beyond the validated ones (the pooled scales' length, or the longest validation window) have no
 * evidence of their own: they take the last validated step's scale, but never less than the members' own spread
 * gives at the calibration level (c_t · q_95(sigma^2) >= z_0.975), so that a horizon longer than the validation
 * windows is not given intervals narrower than the models' where nothing measured them.
 */
export function stepCalibration(
  fusion: Fusion | EnsembleState,
  spec: EnsembleSpec,
  horizon: number,
): { scale: Float64Array; logVariance: number } | null {
  const pooled = fusion.calibration ?? null;
  if (!spec.conformal || (fusion.scores.length === 0 && !pooled)) return null;
  const own = pooled ? null : scoreScale(fusion.scores);
  const logVariance = pooled ? pooled.logVariance : own!.logVariance;
  const validated = pooled ? pooled.scale.length : Math.max(0, ...fusion.scores.map((w) => w.length));
  const floor = normalQuantile(0.5 + CALIBRATION_LEVEL / 200) / mixtureQuantile(CALIBRATION_LEVEL, logVariance);
  const scale = new Float64Array(horizon);
  for (let t = 0; t < horizon; t++) {
    const c = pooled ? pooled.scale[Math.min(t, pooled.scale.length - 1)] : own!.scale;
    scale[t] = t >= validated ? Math.max(c, floor) : c;
  }
  return { scale, logVariance };
}

/**
 * The fused forecast from member forecasts that carry the calibration level (95%) among their levels: the centre
 * of {@link fusedCentre}, with intervals at `levels` from the calibrated multiplier times its standard error:
 * the batch's pooled calibration by step when the state carries one, else the series' own (conformal.ts);
 * without calibration, the quantile-averaged member intervals.
 */
export function fuseForecasts(
  forecasts: readonly Forecast[],
  levels: readonly number[],
  spec: EnsembleSpec,
  fusion: Fusion | EnsembleState,
): Forecast {
  const { combined, mean, se } = fusedCentre(forecasts, spec, fusion);
  const horizon = mean.length;
  const lower: Float64Array[] = [];
  const upper: Float64Array[] = [];
  const calibration = stepCalibration(fusion, spec, horizon);
  for (const level of levels) {
    const i = combined.levels.indexOf(level);
    if (!calibration) {
      lower.push(combined.lower[i]);
      upper.push(combined.upper[i]);
      continue;
    }
    const shape = mixtureQuantile(level, calibration.logVariance);
    const lo = new Float64Array(horizon);
    const hi = new Float64Array(horizon);
    for (let t = 0; t < horizon; t++) {
      const width = calibration.scale[t] * shape;
      lo[t] = mean[t] - width * se[t];
      hi[t] = mean[t] + width * se[t];
    }
    lower.push(lo);
    upper.push(hi);
  }
  return { mean, levels: [...levels], lower, upper };
}
