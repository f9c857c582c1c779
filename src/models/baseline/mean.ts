/**
 * `mean`: the historical mean, as R forecast's `meanf()`: forecast ybar, se = s * sqrt(1 + 1/n) with the
 * sample standard deviation s. R uses Student-t quantiles with n - 1 degrees of freedom; we use normal
 * quantiles, so our intervals are narrower for very short series (under 2% narrower once n >= 30).
 */
import type { Fit, ModelDefinition } from '../types.js';
import { normalForecast } from '../intervals.js';
import { closedFormFit, noOption, requireLength } from './shared.js';

/**
 * Fits the mean model. Throws ForesightError('too_short') for fewer than 2 observations.
 *
 * @example
 * fitMean(Float64Array.of(1, 2, 3)).params.mean // 2
 */
export function fitMean(y: Float64Array): Fit {
  requireLength('mean', y, 2);
  const n = y.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t];
  mean /= n;
  let ss = 0;
  for (let t = 0; t < n; t++) ss += (y[t] - mean) ** 2;
  const variance = ss / (n - 1);
  return closedFormFit('mean', y, new Float64Array(n).fill(mean), variance, { mean }, { mean, n });
}

export const MEAN: ModelDefinition = {
  name: 'mean',
  description: 'Historical mean with intervals from the sample variance (R meanf()).',
  parse: (option) => noOption('mean', option),
  minLength: () => 2,
  fit: (series) => fitMean(series.y),
  forecast(fit: Fit, horizon: number, levels: readonly number[]) {
    const { mean, n } = fit.state as { mean: number; n: number };
    const se = Math.sqrt(fit.sigma2 * (1 + 1 / n));
    return normalForecast(new Float64Array(horizon).fill(mean), new Float64Array(horizon).fill(se), levels);
  },
};
