/**
 * Automatic ARIMA for the library API: `autoArima` chooses the orders as R's `auto.arima()` does (the search
 * lives in src/models/arima/auto.ts so that the registry's `arima` model can use it without importing from
 * this layer), and `autoArimaForecast` selects, fits and forecasts in one call, with optional regressors and
 * sample paths.
 */
import type { Rng } from '../core/random.js';
import { normalForecast } from '../models/intervals.js';
import type { Forecast } from '../models/types.js';
import { autoArima, type AutoArimaOptions, type AutoArimaResult, type ArimaCandidate } from '../models/arima/auto.js';
import { predictArima, simulateArima } from '../models/arima/predict.js';

/** Automatic order selection (R's `auto.arima`); see src/models/arima/auto.ts. */
export { autoArima, type AutoArimaOptions, type AutoArimaResult, type ArimaCandidate };

/** Result of {@link autoArimaForecast}. */
export interface AutoArimaForecast {
  /** The selected model and the search record. */
  selection: AutoArimaResult;
  forecast: Forecast;
  /** Simulated future paths, present when `paths` was requested. */
  paths?: Float64Array[];
}

/**
 * Selects an ARIMA model for `y` (R's `auto.arima` with the given options; regressors in `options.xreg`),
 * forecasts `horizon` steps with normal intervals at `levels` (R's `forecast.Arima`), and optionally draws
 * `paths.count` sample paths with the seeded generator `paths.rng`. `futureXreg` holds the regressors' future
 * values by name. Throws what `autoArima` throws, and ForesightError('invalid_input') naming a regressor whose
 * future values are missing or short.
 *
 * @example
 * autoArimaForecast(Float64Array.from({ length: 60 }, (_, t) => 10 + t + Math.sin(t)), {}, 4, [95]).forecast.mean.length // 4
 */
export function autoArimaForecast(
  y: Float64Array,
  options: AutoArimaOptions,
  horizon: number,
  levels: readonly number[],
  futureXreg?: Readonly<Record<string, Float64Array>>,
  paths?: { count: number; rng: Rng },
): AutoArimaForecast {
  const selection = autoArima(y, options);
  const { mean, se } = predictArima(selection.fit, horizon, futureXreg, selection.sigma2);
  const forecast = normalForecast(mean, se, levels);
  if (!paths) return { selection, forecast };
  return {
    selection,
    forecast,
    paths: simulateArima(selection.fit, horizon, paths.count, paths.rng, futureXreg, selection.sigma2),
  };
}
