/**
 * Forecasting one series with one model, with the documented fallback rule so that a batch never fails
 * because of one series:
 * 1. a series with no observed value gets no forecast (empty values) and the reason "no observed values";
 * 2. a constant series is forecast by `naive` (every model reduces to the constant; some would divide by 0);
 * 3. a series shorter than the model needs, a fit or forecast that throws (whatever the error: an optimizer
 *    whose start is not finite on values near 1e154 is a failure of that series, not of the batch), or a
 *    forecast that is not finite, falls back to `naive` (to a flat line without intervals when there is a
 *    single observation);
 * 4. a forecast whose interval bounds are not finite (values so large that the variance overflows) falls back
 *    the same way; when naive's bounds overflow too they are left empty and the reason says so;
 * 5. a model that fitted another form than the one requested (`ets:MNN` on negative data) reports it: `used`
 *    is the form fitted and `fallbackReason` says why the requested form was not used.
 * 6. a series whose every value is below TINY_MAGNITUDE in size (1e-300 magnitudes: squares and variances
 *    underflow to 0, so ETS forecast 0 and naive gave zero-width intervals) is fitted on a copy scaled by a power
 *    of two (exact in binary floating point) to magnitude about 1, and the forecast is scaled back; such a run
 *    keeps no fit (its parameters are on the scaled values), so sample paths are drawn from its intervals.
 * The reason is recorded with the result. Bad model names and options are rejected before any series is
 * fitted (`resolveModel`), so nothing a series contains can stop the batch.
 */
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
    return {
      model: resolved.name,
      used: resolved.name,
      forecast: null,
      fit: null,
      fallbackReason: 'no observed values',
    };
  }
  const scale = tinyScale(y);
  if (scale !== null) {
    // two factors: the power of two for 1e-310 (2^1030) is itself beyond the largest double
    const [a, b] = scale;
    const run = runModel({ ...series, y: y.map((v) => v * a * b) }, resolved, horizon, levels, future);
    const back = (v: Float64Array) => v.map((x) => x / a / b);
    const forecast = run.forecast && {
      ...run.forecast,
      mean: back(run.forecast.mean),
      lower: run.forecast.lower.map(back),
      upper: run.forecast.upper.map(back),
    };
    return { ...run, forecast, fit: null };
  }
  if (isConstant(y) && resolved.definition.name !== 'naive') {
    return fallback(series, resolved.name, horizon, levels, 'constant series');
  }
  const spec = resolved.definition.withHorizon
    ? resolved.definition.withHorizon(resolved.spec, horizon)
    : resolved.spec;
  const needed = resolved.definition.minLength(spec, m);
  if (y.length < needed) {
    return fallback(
      series,
      resolved.name,
      horizon,
      levels,
      `too short: ${y.length} observations, ${resolved.name} needs ${needed}`,
    );
  }
  let fit: Fit;
  let forecast: Forecast;
  try {
    fit = resolved.definition.fit(series, spec);
    forecast = resolved.definition.forecast(fit, horizon, levels, future);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return fallback(series, resolved.name, horizon, levels, `${resolved.name} failed: ${message}`);
  }
  if (!allFinite(forecast.mean)) {
    return fallback(series, resolved.name, horizon, levels, `${resolved.name} produced a non-finite forecast`);
  }
  if (!boundsFinite(forecast)) {
    return fallback(
      series,
      resolved.name,
      horizon,
      levels,
      `${resolved.name} produced non-finite interval bounds (values too large for its variance)`,
    );
  }
  const swapped = fit.details && typeof fit.details.fallback === 'string' ? fit.details.fallback : null;
  return {
    model: resolved.name,
    used: fit.model,
    forecast,
    fit,
    fallbackReason: swapped ? `${swapped} (fitted ${fit.model})` : null,
  };
}

function fallback(
  series: SeriesData,
  model: string,
  horizon: number,
  levels: readonly number[],
  reason: string,
): ModelRun {
  const y = series.y;
  if (y.length >= 2) {
    try {
      const naive = resolveModel('naive');
      const fit = naive.definition.fit({ y, seasonLength: 1 }, naive.spec);
      const forecast = naive.definition.forecast(fit, horizon, levels);
      if (allFinite(forecast.mean)) {
        if (boundsFinite(forecast)) return { model, used: 'naive', forecast, fit, fallbackReason: reason };
        const blank = (bounds: Float64Array[]) => bounds.map((b) => b.map((v) => (Number.isFinite(v) ? v : NaN)));
        const cleaned: Forecast = { ...forecast, lower: blank(forecast.lower), upper: blank(forecast.upper) };
        return {
          model,
          used: 'naive',
          forecast: cleaned,
          fit,
          fallbackReason: `${reason}; naive's interval bounds are not finite either: left empty`,
        };
      }
    } catch {
      // naive cannot fail on finite values; if it does, the flat line below still accounts for the series
    }
  }
  const flat = (value: number) => new Float64Array(horizon).fill(value);
  const forecast: Forecast = {
    mean: flat(y[y.length - 1]),
    levels: [...levels],
    lower: levels.map(() => flat(NaN)),
    upper: levels.map(() => flat(NaN)),
  };
  const why =
    y.length >= 2
      ? 'naive failed too: flat forecast of the last value without intervals'
      : 'a single observation: flat forecast without intervals';
  return { model, used: 'last value', forecast, fit: null, fallbackReason: `${reason}; ${why}` };
}

/** Largest |y| below which a series is fitted on a rescaled copy (rule 6): squares of 1e-150 underflow. */
export const TINY_MAGNITUDE = 1e-100;

/**
 * The power of two that brings the largest |y| of a tiny series (all below TINY_MAGNITUDE, not all zero) to
 * between 1/2 and 1, as two factors (each a double); null for any other series.
 */
function tinyScale(y: Float64Array): [number, number] | null {
  let max = 0;
  for (const v of y) if (Math.abs(v) > max) max = Math.abs(v);
  if (!(max > 0 && max < TINY_MAGNITUDE)) return null;
  const exponent = -Math.ceil(Math.log2(max));
  const half = Math.floor(exponent / 2);
  return [2 ** half, 2 ** (exponent - half)];
}

/** Whether every point forecast and interval bound of `forecast` is a finite number (what runModel requires). */
export function forecastFinite(forecast: Forecast): boolean {
  return allFinite(forecast.mean) && boundsFinite(forecast);
}

function boundsFinite(forecast: Forecast): boolean {
  return forecast.lower.every(allFinite) && forecast.upper.every(allFinite);
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
