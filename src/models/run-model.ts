/**
 * Forecasting one series with one model, with the documented fallback rule so that a batch never fails
 * because of one series:
 * 1. a series with no observed value gets no forecast (empty values) and the reason "no observed values";
 * 2. a constant series is forecast by `naive` (every model reduces to the constant; some would divide by 0);
 * 3. a series shorter than the model needs, a fit or forecast that throws, or a forecast that is not finite,
 *    falls back to `naive` (to a flat line without intervals when there is a single observation).
 * The reason is recorded with the result.
 */
import { isForesightError } from '../core/errors.js';
import { isConstant } from '../core/stats/summary.js';
import { resolveModel, type ResolvedModel } from './registry.js';
import type { Fit, Forecast, FutureData, JsonValue, SeriesData } from './types.js';

/** What happened when one model was applied to one series. */
export interface ModelRun {
  /** The model as requested, e.g. `ets`. */
  model: string;
  /** The model that produced the forecast (the requested one, or the fallback). */
  used: string;
  forecast: Forecast | null;
  /** The fit, when a model was fitted (plain data). */
  fit: Fit | null;
  /** Why the fallback was used, or why there is no forecast. */
  fallbackReason: string | null;
}

/**
 * Fits `resolved` to `series` and forecasts `horizon` steps, applying the fallback rule above.
 *
 * @example
 * runModel({ y: Float64Array.of(3, 3, 3), seasonLength: 1 }, resolveModel('drift'), 2, [80]).used // 'naive'
 */
export function runModel(
  series: SeriesData,
  resolved: ResolvedModel,
  horizon: number,
  levels: readonly number[],
  future?: FutureData,
): ModelRun {
  const { y } = series;
  const m = series.seasonLength;
  if (y.length === 0) {
    return { model: resolved.name, used: resolved.name, forecast: null, fit: null, fallbackReason: 'no observed values' };
  }
  if (isConstant(y) && resolved.definition.name !== 'naive') {
    return fallback(series, resolved.name, horizon, levels, 'constant series');
  }
  const spec = resolved.definition.withHorizon ? resolved.definition.withHorizon(resolved.spec, horizon) : resolved.spec;
  const needed = resolved.definition.minLength(spec, m);
  if (y.length < needed) {
    return fallback(series, resolved.name, horizon, levels, `too short: ${y.length} observations, ${resolved.name} needs ${needed}`);
  }
  try {
    const fit = resolved.definition.fit(series, spec);
    const forecast = resolved.definition.forecast(fit, horizon, levels, future);
    if (!allFinite(forecast.mean)) {
      return fallback(series, resolved.name, horizon, levels, `${resolved.name} produced a non-finite forecast`);
    }
    return { model: resolved.name, used: fit.model, forecast, fit, fallbackReason: null };
  } catch (e) {
    // bad arguments (an unknown option, a missing future regressor) are the caller's error, not the series'
    if (isForesightError(e, 'invalid_argument')) throw e;
    const message = e instanceof Error ? e.message : String(e);
    return fallback(series, resolved.name, horizon, levels, `${resolved.name} failed: ${message}`);
  }
}

function fallback(series: SeriesData, model: string, horizon: number, levels: readonly number[], reason: string): ModelRun {
  const y = series.y;
  if (y.length >= 2) {
    const naive = resolveModel('naive');
    const fit = naive.definition.fit({ y, seasonLength: 1 }, naive.spec);
    return { model, used: 'naive', forecast: naive.definition.forecast(fit, horizon, levels), fit, fallbackReason: reason };
  }
  const flat = (value: number) => new Float64Array(horizon).fill(value);
  const forecast: Forecast = { mean: flat(y[0]), levels: [...levels], lower: levels.map(() => flat(NaN)), upper: levels.map(() => flat(NaN)) };
  return { model, used: 'last value', forecast, fit: null, fallbackReason: `${reason}; a single observation: flat forecast without intervals` };
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** The report entry of one run: model form, parameters, criteria and the fallback reason. */
export function describeRun(run: ModelRun): { [key: string]: JsonValue } {
  const fit = run.fit;
  return {
    model: run.model,
    used: run.used,
    fallbackReason: run.fallbackReason,
    params: fit ? fit.params : null,
    sigma2: fit && Number.isFinite(fit.sigma2) ? fit.sigma2 : null,
    loglik: fit?.loglik ?? null,
    aic: fit?.aic ?? null,
    aicc: fit?.aicc ?? null,
    bic: fit?.bic ?? null,
    details: fit?.details ?? null,
  };
}
