/**
 * Random walk forecasts: `naive` (last value) and `snaive` (value one season ago), as R forecast's
 * `naive()` / `snaive()` (both `lagwalk`): fitted_t = y_{t-k}, sigma^2 = mean squared residual,
 * se_h = sigma * sqrt(floor((h - 1) / k) + 1) with k = 1 for naive and k = m for snaive.
 */
import type { Fit, ModelDefinition, ModelSpec } from '../types.js';
import { normalForecast } from '../intervals.js';
import { closedFormFit, meanSquare, noOption, requireLength } from './shared.js';

/** What a lag walk's `Fit.state` holds. */
export interface LagWalkState {
  lag: number;
  /** The last `lag` observations, oldest first. */
  last: number[];
}

/**
 * Fits a lag-k random walk. Throws ForesightError('too_short') when y has fewer than k + 1 values.
 *
 * @example
 * fitLagWalk('naive', Float64Array.of(1, 2, 4), 1).sigma2 // 2.5
 */
export function fitLagWalk(model: string, y: Float64Array, lag: number): Fit<LagWalkState> {
  requireLength(model, y, lag + 1);
  const fitted = new Float64Array(y.length).fill(NaN);
  for (let t = lag; t < y.length; t++) fitted[t] = y[t - lag];
  const residuals = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) residuals[t] = y[t] - fitted[t];
  const state: LagWalkState = { lag, last: Array.from(y.subarray(y.length - lag)) };
  return closedFormFit(model, y, fitted, meanSquare(residuals), {}, { ...state });
}

/** Point forecast and normal intervals of a lag walk fit. */
export function forecastLagWalk(fit: Fit<LagWalkState>, horizon: number, levels: readonly number[]) {
  const { lag, last } = fit.state;
  const mean = new Float64Array(horizon);
  const se = new Float64Array(horizon);
  const sigma = Math.sqrt(fit.sigma2);
  for (let h = 1; h <= horizon; h++) {
    mean[h - 1] = last[(h - 1) % lag];
    se[h - 1] = sigma * Math.sqrt(Math.floor((h - 1) / lag) + 1);
  }
  return normalForecast(mean, se, levels);
}

/** `naive`: every forecast is the last observation. */
export const NAIVE: ModelDefinition<ModelSpec, Fit<LagWalkState>> = {
  name: 'naive',
  description: 'Random walk: the last observation carried forward (R naive()).',
  parse: (option) => noOption('naive', option),
  minLength: () => 2,
  fit: (series) => fitLagWalk('naive', series.y, 1),
  forecast: forecastLagWalk,
};

/** `snaive`: every forecast is the observation one season earlier. */
export const SEASONAL_NAIVE: ModelDefinition<ModelSpec, Fit<LagWalkState>> = {
  name: 'snaive',
  description: 'Seasonal random walk: the value one season earlier (R snaive()).',
  parse: (option) => noOption('snaive', option),
  minLength: (_spec, m) => Math.max(m, 1) + 1,
  fit: (series) => fitLagWalk('snaive', series.y, Math.max(1, series.seasonLength)),
  forecast: forecastLagWalk,
};
