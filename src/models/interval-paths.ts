/**
 * Sample paths for a model without a simulator of its own (the baselines, Theta's standard form, the
 * intermittent models): Gaussian paths with independent increments around the point forecast, whose standard
 * error at each step is the one implied by the forecast's 95% interval (the random-walk error structure the
 * fused paths also give such members). `samplePaths` (evaluate/) and the wrappers that may hold such a model
 * (`auto` on its intermittent path, `boxcox:<lambda>/<model>`) draw them through this one function.
 */
import { ForesightError } from '../core/errors.js';
import type { Rng } from '../core/random.js';
import { impliedSe } from './intervals.js';
import type { Forecast } from './types.js';

/**
 * `count` paths of `horizon` steps: path[t] = mean[t] + se[t] · (W_t / sqrt(var W_t)), W a Gaussian random walk
 * whose variance at step t is se[t]^2 (increments of zero variance where se does not grow). `forecast` must carry
 * the 95% level. Throws ForesightError('invalid_input') when its 95% interval is not finite (a single
 * observation's flat forecast, or bounds left empty because they overflowed), ('internal') without the level.
 *
 * @example
 * intervalPaths(naive.forecast(fit, 4, [95]), 4, 1000, createRng(1)).length // 1000
 */
export function intervalPaths(forecast: Forecast, horizon: number, count: number, rng: Rng): Float64Array[] {
  const i = forecast.levels.indexOf(95);
  if (i < 0) throw new ForesightError('internal', 'sample paths from intervals need the forecast at the 95% level');
  const se = Float64Array.from({ length: horizon }, (_, t) =>
    impliedSe(forecast.lower[i][t], forecast.upper[i][t], 95),
  );
  if (!se.every((s) => Number.isFinite(s)))
    throw new ForesightError('invalid_input', 'the forecast has no finite intervals to draw sample paths from');
  return standardizedWalks(se, count, rng).map((z) => Float64Array.from(z, (v, t) => forecast.mean[t] + v * se[t]));
}

/**
 * `count` standardized Gaussian random walks over the steps of `se`: z_t = W_t / sqrt(var W_t), W with
 * increments of variance se_t^2 - se_{t-1}^2 (none where se does not grow; a non-finite se counts as 0), so that
 * se_t · z_t has the standard error se_t at every step and errors carry over from step to step as a random walk's.
 * z_t = 0 while the variance is 0. The variances are taken in units of the largest finite se when its square would
 * underflow (1e-300) or overflow (1e200): z depends on se only through ratios, and with unit 1 nothing changes.
 * One normal draw per step and walk, walk after walk. For the paths of models without a simulator: here
 * ({@link intervalPaths}) and for the fused forecast's members (ensemble/paths.ts).
 */
export function standardizedWalks(se: ArrayLike<number>, count: number, rng: Rng): Float64Array[] {
  const horizon = se.length;
  let largest = 0;
  for (let t = 0; t < horizon; t++) if (Number.isFinite(se[t])) largest = Math.max(largest, se[t]);
  const unit = largest > 0 && (largest < 1e-100 || largest > 1e100) ? largest : 1;
  const out: Float64Array[] = [];
  for (let k = 0; k < count; k++) {
    const z = new Float64Array(horizon);
    let level = 0,
      variance = 0;
    for (let t = 0; t < horizon; t++) {
      const r = Number.isFinite(se[t]) ? se[t] / unit : 0;
      const step = Math.max(0, r * r - variance);
      level += Math.sqrt(step) * rng.normal();
      variance += step;
      z[t] = variance > 0 ? level / Math.sqrt(variance) : 0;
    }
    out.push(z);
  }
  return out;
}
