/**
 * Automatic ETS selection for the library API: `autoEts` chooses the ETS form by AICc over R `ets()`'s
 * candidate set (see src/models/ets/auto.ts, where the selection lives so that the registry's `ets` model can
 * use it without importing from this layer), and `autoEtsForecast` fits and forecasts in one call.
 */
import { autoEts, type AutoEtsOptions } from '../models/ets/auto.js';
import { forecastEts, type EtsFit } from '../models/ets/ets.js';
import { simulateEts } from '../models/ets/simulate.js';
import type { Rng } from '../core/random.js';
import type { Forecast } from '../models/types.js';

export { autoEts, type AutoEtsOptions };

/** Result of {@link autoEtsForecast}. */
export interface AutoEtsResult {
  fit: EtsFit;
  forecast: Forecast;
  /** Simulated future paths, present when `paths` was requested. */
  paths?: Float64Array[];
}

/**
 * Selects and fits an ETS form automatically (R's `ets(y)` with the `damped` / `seasonal` / `ic` options of
 * {@link AutoEtsOptions}), forecasts `horizon` steps with intervals at `levels`, and optionally draws `paths.count`
 * sample paths with the seeded generator `paths.rng`.
 * Throws what `autoEts` and `forecastEts` throw (ForesightError 'invalid_input' / 'invalid_argument').
 *
 * @example
 * autoEtsForecast(Float64Array.from({ length: 48 }, (_, t) => 10 + t), { seasonLength: 1 }, 3, [95]).forecast.mean.length // 3
 */
export function autoEtsForecast(
  y: Float64Array,
  options: AutoEtsOptions,
  horizon: number,
  levels: readonly number[],
  paths?: { count: number; rng: Rng },
): AutoEtsResult {
  const fit = autoEts(y, options);
  const forecast = forecastEts(fit, horizon, levels);
  return paths ? { fit, forecast, paths: simulateEts(fit, horizon, paths.count, paths.rng) } : { fit, forecast };
}
