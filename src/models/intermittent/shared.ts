/**
 * Pieces shared by the intermittent-demand models: input checks, the plain-data fit record, and the
 * constant-mean forecast with its intervals.
 */
import { ForesightError } from '../../core/errors.js';
import { normalForecast } from '../intervals.js';
import type { Fit, Forecast, ModelSpec } from '../types.js';

/** A fitted intermittent-demand model. */
export type IntermittentFit = Fit<IntermittentState>;

/** What every intermittent fit keeps for `forecast`. */
export interface IntermittentState {
  /** The constant point forecast for every future step. */
  [key: string]: number;
  forecast: number;
  /** Smoothing weight that governs how fast the forecast would react; scales the interval growth. */
  alpha: number;
}

/**
 * Checks a demand series: at least `needed` values, all finite and non-negative. Throws ForesightError
 * ('too_short' or 'invalid_input') naming the model and the offending index.
 *
 * @example
 * checkDemand('croston', Float64Array.of(0, -1)) // throws "croston: demand must be finite and non-negative, but y[1] is -1"
 */
export function checkDemand(model: string, y: ArrayLike<number>, needed = 2): void {
  if (y.length < needed) {
    throw new ForesightError(
      'too_short',
      `${model} needs at least ${needed} observations but the series has ${y.length}`,
    );
  }
  for (let t = 0; t < y.length; t++) {
    if (!Number.isFinite(y[t]) || y[t] < 0) {
      throw new ForesightError(
        'invalid_input',
        `${model}: demand must be finite and non-negative, but y[${t}] is ${y[t]}`,
      );
    }
  }
}

/**
 * Builds the fit record: residuals y - fitted, sigma² the mean squared finite residual (0 when none), no
 * likelihood (these are not likelihood models).
 *
 * @example
 * intermittentFit('croston', {}, Float64Array.of(0, 2), Float64Array.of(NaN, 0), {}, { forecast: 1, alpha: 0.1 }).sigma2 // 4
 */
export function intermittentFit(
  model: string,
  spec: ModelSpec,
  y: ArrayLike<number>,
  fitted: Float64Array,
  params: Record<string, number>,
  state: IntermittentState,
  details?: Fit['details'],
): IntermittentFit {
  const residuals = new Array<number>(y.length);
  let sum = 0;
  let count = 0;
  for (let t = 0; t < y.length; t++) {
    residuals[t] = y[t] - fitted[t];
    if (Number.isFinite(residuals[t])) {
      sum += residuals[t] * residuals[t];
      count++;
    }
  }
  const fit: IntermittentFit = {
    model,
    spec,
    nobs: y.length,
    params,
    state: { ...state },
    fitted: Array.from(fitted),
    residuals,
    sigma2: count === 0 ? 0 : sum / count,
    loglik: null,
    aic: null,
    aicc: null,
    bic: null,
  };
  if (details) fit.details = details;
  return fit;
}

/**
 * Constant forecast with normal intervals of standard error sigma·sqrt(1 + (h-1)·alpha²) — the local-level
 * (SES) variance growth, an approximation for these methods, which have no agreed stochastic model
 * (Shenstone & Hyndman 2005) — with lower bounds cut at 0, since demand is non-negative.
 * Throws ForesightError('invalid_argument') for a horizon below 1.
 *
 * @example
 * intermittentForecast(fit, 3, [95]).mean // [f, f, f] with f = fit.state.forecast
 */
export function intermittentForecast(fit: IntermittentFit, horizon: number, levels: readonly number[]): Forecast {
  if (!(Number.isInteger(horizon) && horizon >= 1)) {
    throw new ForesightError('invalid_argument', `${fit.model}: horizon ${horizon} is not a positive integer`);
  }
  const state = fit.state;
  const mean = new Float64Array(horizon).fill(state.forecast);
  const se = new Float64Array(horizon);
  const sigma = Math.sqrt(fit.sigma2);
  for (let h = 1; h <= horizon; h++) se[h - 1] = sigma * Math.sqrt(1 + (h - 1) * state.alpha * state.alpha);
  const result = normalForecast(mean, se, levels);
  for (const lower of result.lower) for (let h = 0; h < horizon; h++) lower[h] = Math.max(0, lower[h]);
  return result;
}

/**
 * Parses a smoothing weight given as an option (`tsb:0.2,0.1`); throws ForesightError('invalid_argument') unless
 * it is a number in (0, 1].
 *
 * @example
 * parseWeight('tsb', '0.2') // 0.2
 */
export function parseWeight(model: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !(value > 0 && value <= 1)) {
    throw new ForesightError('invalid_argument', `${model}: smoothing weight "${text}" is not a number in (0, 1]`, {
      value: text,
    });
  }
  return value;
}
