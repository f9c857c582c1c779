/**
 * `mean`: the historical mean, as R forecast's `meanf()`: forecast ybar, intervals ybar ± t_{n-1} s sqrt(1 + 1/n)
 * with the sample standard deviation s and Student-t quantiles with n - 1 degrees of freedom.
 */
import type { Fit, ModelDefinition } from '../types.js';
import { normalForecast } from '../intervals.js';
import { studentTQuantile } from '../../core/stats/student-t.js';
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
    const point = new Float64Array(horizon).fill(mean);
    const out = normalForecast(point, new Float64Array(horizon).fill(se), levels); // checks levels, shapes arrays
    levels.forEach((level, i) => {
      const p = 0.5 + level / 200;
      const half = studentTQuantile(p, n - 1) * se;
      out.lower[i].fill(mean - half);
      out.upper[i].fill(mean + half);
    });
    return out;
  },
};
