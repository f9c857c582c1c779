/**
 * What the ensemble's fit and its sample paths (ensemble.ts, paths.ts) both need: the spec and state records,
 * the members' forecasts and their fusion into one forecast with calibrated intervals. Kept apart so that
 * ensemble.ts (which registers paths.ts's simulator) and paths.ts do not import each other.
 */
import { ForesightError } from '../core/errors.js';
import { resolveModel } from '../models/registry.js';
import type { Fit, Forecast, FutureData, ModelSpec } from '../models/types.js';
import { combineForecasts, type CombinationRule } from './combine.js';
import { calibratedMultiplier, impliedSe } from './conformal.js';

/** The interval level whose bounds give the standard error that the calibrated intervals scale. */
export const CALIBRATION_LEVEL = 95;

/** Spec of `ensemble` (plain JSON). */
export interface EnsembleSpec extends ModelSpec {
  members: string[];
  combination: CombinationRule;
  /** Validation windows (default 3). */
  windows: number;
  /** Steps per validation window; null = the forecast horizon (set by `withHorizon`), else 2 seasons or 8. */
  horizon: number | null;
  conformal: boolean;
  serial: boolean;
  /**
   * Add the multi-season member (`MULTI_SEASON_MEMBER` of ensemble.ts) for series with several season lengths (e.g. `--season 24,168`); true
   * for the default members of the weighted rules.
   */
  multiSeason: boolean;
}

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
  /** Conformity scores |y - yhat| / se, one list per validation window. */
  scores: number[][];
  /** Bias correction per step (added to the combined forecast), or null when not accepted. */
  bias: number[] | null;
}

/** A fitted ensemble. */
export type EnsembleFit = Fit<EnsembleState>;

/** What fusion learns from the validation windows (steps 3 to 5). */
export interface Fusion {
  weights: Float64Array;
  /** Bias correction per step (added to the combined forecast), or null when not accepted. */
  bias: number[] | null;
  /** Cross-fitted conformity scores |y - yhat| / se, one list per validation window (oldest first). */
  scores: number[][];
}

/**
 * Each fitted member's forecast of `horizon` steps at `levels`. Throws ForesightError('internal') for a member
 * without a fit (fitting always leaves one, the fallback's if need be).
 */
export function memberForecasts(members: readonly MemberState[], horizon: number, levels: readonly number[], future?: FutureData): Forecast[] {
  return members.map((mem) => {
    if (!mem.fit) throw new ForesightError('internal', `ensemble member ${mem.name} has no fit`);
    return resolveModel(mem.fit.model).definition.forecast(mem.fit, horizon, levels, future);
  });
}

/**
 * The fused forecast from member forecasts that carry the calibration level (95%) among their levels: combined
 * by the spec's rule and weights, shifted by the bias correction, and with intervals at `levels` from the
 * conformal multiplier times the standard error implied by the combined 95% interval.
 */
export function fuseForecasts(forecasts: readonly Forecast[], levels: readonly number[], spec: EnsembleSpec, fusion: Fusion | EnsembleState): Forecast {
  const combined = combineForecasts(forecasts, spec.combination, fusion.weights);
  const horizon = combined.mean.length;
  if (fusion.bias) {
    const b = fusion.bias;
    for (let t = 0; t < horizon; t++) {
      const shift = b[Math.min(t, b.length - 1)];
      combined.mean[t] += shift;
      combined.lower.forEach((lo) => (lo[t] += shift));
      combined.upper.forEach((hi) => (hi[t] += shift));
    }
  }
  const cal = combined.levels.indexOf(CALIBRATION_LEVEL);
  if (cal < 0) throw new ForesightError('internal', `fused member forecasts lack the ${CALIBRATION_LEVEL}% calibration level`);
  const lower: Float64Array[] = [];
  const upper: Float64Array[] = [];
  for (const level of levels) {
    const i = combined.levels.indexOf(level);
    if (!spec.conformal || fusion.scores.length === 0) {
      lower.push(combined.lower[i]);
      upper.push(combined.upper[i]);
      continue;
    }
    const q = calibratedMultiplier(fusion.scores, level);
    const lo = new Float64Array(horizon);
    const hi = new Float64Array(horizon);
    for (let t = 0; t < horizon; t++) {
      const se = impliedSe(combined.lower[cal][t], combined.upper[cal][t], CALIBRATION_LEVEL);
      lo[t] = combined.mean[t] - q * se;
      hi[t] = combined.mean[t] + q * se;
    }
    lower.push(lo);
    upper.push(hi);
  }
  return { mean: combined.mean, levels: [...levels], lower, upper };
}
