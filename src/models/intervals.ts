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
      throw new ForesightError(
        'invalid_argument',
        `interval level ${level} is not a percentage strictly between 0 and 100`,
      );
    }
  }
}

/**
 * Standard error implied by a central interval at `level` percent under normality.
 *
 * @example
 * impliedSe(8.04, 11.96, 95) // about 1
 */
export function impliedSe(lower: number, upper: number, level: number): number {
  return (upper - lower) / (2 * normalQuantile(0.5 + level / 200));
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
