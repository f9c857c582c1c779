/**
 * Interval code shared by every model family: central normal intervals from a mean and a standard error,
 * and empirical intervals from simulated sample paths.
 */
import { ForesightError } from '../core/errors.js';
import { normalQuantile } from '../core/stats/normal.js';
import type { Forecast } from './types.js';

/**
 * Checks interval levels: each strictly between 0 and 100 (percent). Throws ForesightError('invalid_argument').
 *
 * @example
 * checkLevels([80, 95]) // no throw
 */
export function checkLevels(levels: readonly number[]): void {
  for (const level of levels) {
    if (!(level > 0 && level < 100)) {
      throw new ForesightError('invalid_argument', `interval level ${level} is not a percentage strictly between 0 and 100`);
    }
  }
}

/**
 * Normal prediction intervals mean ± z_{(1+level)/2} · se for each level (R forecast's convention).
 *
 * @example
 * normalForecast(Float64Array.of(10), Float64Array.of(1), [95]).upper[0][0] // 11.959963984540054
 */
export function normalForecast(mean: Float64Array, se: Float64Array, levels: readonly number[]): Forecast {
  checkLevels(levels);
  const lower: Float64Array[] = [];
  const upper: Float64Array[] = [];
  for (const level of levels) {
    const z = normalQuantile(0.5 + level / 200);
    const lo = new Float64Array(mean.length);
    const hi = new Float64Array(mean.length);
    for (let i = 0; i < mean.length; i++) {
      lo[i] = mean[i] - z * se[i];
      hi[i] = mean[i] + z * se[i];
    }
    lower.push(lo);
    upper.push(hi);
  }
  return { mean, levels: [...levels], lower, upper };
}

/**
 * Empirical intervals from sample paths: for each step, the (1-level)/2 and (1+level)/2 sample quantiles
 * (R type 7, linear interpolation). `mean` is supplied by the caller (usually the analytic point forecast).
 *
 * @example
 * pathForecast(Float64Array.of(0), [Float64Array.of(-1), Float64Array.of(0), Float64Array.of(1)], [50]).upper[0][0] // 0.5
 */
export function pathForecast(mean: Float64Array, paths: readonly Float64Array[], levels: readonly number[]): Forecast {
  checkLevels(levels);
  const h = mean.length;
  const lower = levels.map(() => new Float64Array(h));
  const upper = levels.map(() => new Float64Array(h));
  const column = new Float64Array(paths.length);
  for (let t = 0; t < h; t++) {
    for (let k = 0; k < paths.length; k++) column[k] = paths[k][t];
    column.sort();
    levels.forEach((level, i) => {
      lower[i][t] = sortedQuantile(column, 0.5 - level / 200);
      upper[i][t] = sortedQuantile(column, 0.5 + level / 200);
    });
  }
  return { mean, levels: [...levels], lower, upper };
}

/**
 * Sample quantile of already sorted values, R's type 7 (linear interpolation between order statistics).
 *
 * @example
 * sortedQuantile(Float64Array.of(1, 2, 3, 4), 0.5) // 2.5
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * p;
  const below = Math.floor(position);
  const above = Math.min(n - 1, below + 1);
  const fraction = position - below;
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}
