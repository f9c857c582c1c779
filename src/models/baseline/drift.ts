/**
 * `drift`: random walk with drift, as R forecast's `rwf(drift = TRUE)`: slope b = (y_n - y_1) / (n - 1), the
 * regression of the first differences on a constant gives sigma^2 = sum (dy - b)^2 / (n - 2) and
 * se(b) = sigma / sqrt(n - 1); se_h = sqrt(sigma^2 h + (h se(b))^2).
 */
import type { Fit, ModelDefinition } from '../types.js';
import { normalForecast } from '../intervals.js';
import { closedFormFit, noOption, requireLength } from './shared.js';

/**
 * Fits a random walk with drift. Throws ForesightError('too_short') for fewer than 3 observations.
 *
 * @example
 * fitDrift(Float64Array.of(1, 2, 4, 5)).params.drift // 1.3333333333333333
 */
export function fitDrift(y: Float64Array): Fit {
  requireLength('drift', y, 3);
  const n = y.length;
  const drift = (y[n - 1] - y[0]) / (n - 1);
  const fitted = new Float64Array(n).fill(NaN);
  let ss = 0;
  for (let t = 1; t < n; t++) {
    fitted[t] = y[t - 1] + drift;
    ss += (y[t] - fitted[t]) ** 2;
  }
  const sigma2 = ss / (n - 2);
  const driftSe = Math.sqrt(sigma2 / (n - 1));
  return closedFormFit('drift', y, fitted, sigma2, { drift, driftSe }, { last: y[n - 1] });
}

export const DRIFT: ModelDefinition = {
  name: 'drift',
  description: 'Random walk with drift: the line through the first and last observations (R rwf(drift = TRUE)).',
  parse: (option) => noOption('drift', option),
  minLength: () => 3,
  fit: (series) => fitDrift(series.y),
  forecast(fit: Fit, horizon: number, levels: readonly number[]) {
    const { last } = fit.state as { last: number };
    const { drift, driftSe } = fit.params;
    const mean = new Float64Array(horizon);
    const se = new Float64Array(horizon);
    for (let h = 1; h <= horizon; h++) {
      mean[h - 1] = last + h * drift;
      se[h - 1] = Math.sqrt(fit.sigma2 * h + (h * driftSe) ** 2);
    }
    return normalForecast(mean, se, levels);
  },
};
