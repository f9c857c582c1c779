/**
 * Non-negative forecasts for series that have never been negative (revenue, capex, counts, prices): the point
 * forecast, the interval bounds and sample paths are cut at zero. A model with additive errors (and the
 * members' linear pool) puts probability below zero for a series near zero, which no outcome of such a series
 * can have; cutting moves that probability to zero itself, so an interval keeps its coverage and a point
 * forecast only gets closer to any non-negative outcome. Callers apply it unless the user opts out
 * (`--allow-negative`); a series with any negative observation is left as it is.
 */
import type { Forecast } from './types.js';

/** Whether the bound applies: every observation is at least zero. */
export function neverNegative(y: ArrayLike<number>): boolean {
  for (let i = 0; i < y.length; i++) if (y[i] < 0) return false;
  return y.length > 0;
}

/**
 * The forecast cut at zero (in place) when `y` has never been negative; returns whether it applied.
 *
 * @example
 * boundForecast(forecast, [3, 0, 2]) // true: mean, lower and upper are at least 0
 */
export function boundForecast(forecast: Forecast, y: ArrayLike<number>): boolean {
  if (!neverNegative(y)) return false;
  const cut = (a: Float64Array) => {
    for (let t = 0; t < a.length; t++) if (a[t] < 0) a[t] = 0;
  };
  cut(forecast.mean);
  forecast.lower.forEach(cut);
  forecast.upper.forEach(cut);
  return true;
}

/** Sample paths cut at zero (in place) when `y` has never been negative. */
export function boundPaths(paths: Float64Array[], y: ArrayLike<number>): Float64Array[] {
  if (!neverNegative(y)) return paths;
  for (const p of paths) for (let t = 0; t < p.length; t++) if (p[t] < 0) p[t] = 0;
  return paths;
}
