/**
 * Event probabilities from sample paths: the share of paths on which the event happens, with its Monte Carlo
 * standard error sqrt(p (1 - p) / n) (binomial; it shrinks as 1/sqrt(paths)). The paths come from the model's
 * own simulator (`ModelDefinition.simulate`: ETS, ARIMA, MSTL, and the calibrated fused paths of `ensemble` and
 * `auto`, src/ensemble/paths.ts); models without one get Gaussian paths with independent increments whose
 * per-step spread follows the forecast's 95% interval (the random-walk error structure the fused paths also
 * give such members).
 */
import type { Rng } from '../core/random.js';
import { intervalPaths } from '../models/interval-paths.js';
import type { Fit, Forecast, FutureData, ModelDefinition } from '../models/types.js';
import { eventOccurs, type ForecastEvent } from './events.js';
import { parseModelName } from '../models/model-name.js';

/** An event probability estimated from paths. */
export interface EventProbability {
  event: string;
  /** Share of paths on which the event happens (NaN when it is undefined on every path). */
  probability: number;
  /** Monte Carlo standard error sqrt(p (1 - p) / n). */
  standardError: number;
  /** Paths on which the event is defined. */
  paths: number;
}

/**
 * P(event) as the share of `paths` on which it happens, for a series whose last observation is `last`.
 *
 * @example
 * eventProbability(parseEvent('y[1] > 0'), [Float64Array.of(1), Float64Array.of(-1), Float64Array.of(2), Float64Array.of(3)], 0)
 * // { event: 'y[1] > 0', probability: 0.75, standardError: 0.2165, paths: 4 }
 */
export function eventProbability(
  event: ForecastEvent,
  paths: readonly ArrayLike<number>[],
  last: number,
): EventProbability {
  let hits = 0,
    n = 0;
  for (const path of paths) {
    const o = eventOccurs(event, path, last);
    if (o === null) continue;
    n++;
    if (o) hits++;
  }
  const p = n > 0 ? hits / n : NaN;
  return { event: event.text, probability: p, standardError: n > 0 ? Math.sqrt((p * (1 - p)) / n) : NaN, paths: n };
}

/**
 * `count` sample paths of `horizon` steps for a fitted model: the model's simulator when it has one, else
 * Gaussian independent-increment paths around `forecast.mean` whose standard error at each step is implied by
 * the forecast's 95% interval (`forecast` must carry the 95% level). Throws ForesightError('invalid_input')
 * when the forecast has no finite 95% interval (a single-observation flat forecast).
 *
 * @example
 * samplePaths(NAIVE, fit, forecast, 4, 1000, createRng(1)).length // 1000
 */
export function samplePaths(
  definition: ModelDefinition,
  fit: Fit | null,
  forecast: Forecast,
  horizon: number,
  count: number,
  rng: Rng,
  future?: FutureData,
): Float64Array[] {
  if (fit && definition.simulate && definition.name === parseModelName(fit.model).family)
    return definition.simulate(fit, horizon, count, rng, future);
  return intervalPaths(forecast, horizon, count, rng);
}
