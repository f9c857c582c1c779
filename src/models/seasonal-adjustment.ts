/**
 * The seasonal adjustment of the M4 competition's benchmarks (Makridakis et al. 2020, and R's `thetaf`):
 * when m > 1, the series has at least 3m observations, is strictly positive and passes the 90%
 * autocorrelation test at lag m, it is divided by the seasonal indices of a classical multiplicative
 * decomposition; forecasts are multiplied back by the indices of the matching season positions.
 * Otherwise the series is used as it is, and the reason is recorded.
 */
import { classicalDecomposition } from '../core/stats/decompose.js';
import { isSeasonal } from '../core/stats/seasonality-test.js';
import type { Fit, Forecast, ModelDefinition, ModelSpec, SeriesData } from './types.js';
import { noOption } from './baseline/shared.js';

/** Outcome of the seasonal adjustment decision. */
export interface SeasonalAdjustment {
  /** The series the inner model sees (the input itself when not adjusted). */
  adjusted: Float64Array;
  /** Seasonal index per observation (null when not adjusted). */
  inSample: Float64Array | null;
  /** Index for forecast step h = 1, 2, ... is `future[(h - 1) % m]` (null when not adjusted). */
  future: number[] | null;
  /** Why the series was or was not adjusted. */
  reason: string;
}

/**
 * Decides on and applies the M4 seasonal adjustment.
 *
 * @example
 * m4SeasonalAdjustment(Float64Array.of(1, 2, 3), 1).reason // 'season length 1'
 */
export function m4SeasonalAdjustment(y: Float64Array, seasonLength: number): SeasonalAdjustment {
  const m = seasonLength;
  const unchanged = (reason: string): SeasonalAdjustment => ({ adjusted: y, inSample: null, future: null, reason });
  if (m <= 1) return unchanged(`season length ${m}`);
  if (y.length < 3 * m) return unchanged(`fewer than 3 seasons (${y.length} < ${3 * m} observations)`);
  for (let t = 0; t < y.length; t++) {
    if (!(y[t] > 0)) return unchanged('not strictly positive, so no multiplicative adjustment');
  }
  if (!isSeasonal(y, m)) return unchanged(`not seasonal at lag ${m} by the 90% autocorrelation test`);
  const { seasonal } = classicalDecomposition(y, m, 'multiplicative');
  const adjusted = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) adjusted[t] = y[t] / seasonal[t];
  const future = Array.from(seasonal.subarray(y.length - m));
  return { adjusted, inSample: seasonal, future, reason: `seasonal at lag ${m}: multiplicative classical adjustment` };
}

/** Multiplies a forecast (mean and bounds) by the seasonal indices, in place, and returns it. */
export function reseasonalize(forecast: Forecast, future: readonly number[] | null): Forecast {
  if (!future) return forecast;
  const m = future.length;
  const scale = (a: Float64Array) => {
    for (let h = 0; h < a.length; h++) a[h] *= future[h % m];
  };
  scale(forecast.mean);
  forecast.lower.forEach(scale);
  forecast.upper.forEach(scale);
  return forecast;
}

/** What a seasonally adjusted model's `Fit.state` holds: the inner fit and the seasonal indices to put back. */
export interface AdjustedState<Inner extends Fit = Fit> {
  inner: Inner;
  future: number[] | null;
  adjustment: string;
}

/**
 * Wraps a fit-on-adjusted-data model into a registry definition that applies the M4 seasonal adjustment
 * first. The inner model sees a non-seasonal series (season length 1).
 */
export function seasonallyAdjusted<Inner extends Fit>(
  name: string,
  description: string,
  minLength: number,
  innerFit: (y: Float64Array) => Inner,
  innerForecast: (fit: Inner, horizon: number, levels: readonly number[]) => Forecast,
): ModelDefinition<ModelSpec, Fit<AdjustedState<Inner>>> {
  return {
    name,
    description,
    parse: (option): ModelSpec => noOption(name, option),
    minLength: () => minLength,
    fit(series: SeriesData): Fit<AdjustedState<Inner>> {
      const adjustment = m4SeasonalAdjustment(series.y, series.seasonLength);
      const inner = innerFit(adjustment.adjusted);
      const fitted = inner.fitted.map((f, t) => (adjustment.inSample ? f * adjustment.inSample[t] : f));
      const state: AdjustedState<Inner> = { inner, future: adjustment.future, adjustment: adjustment.reason };
      return {
        ...inner,
        model: name,
        fitted,
        residuals: fitted.map((f, t) => series.y[t] - f),
        state,
        details: { ...(inner.details ?? {}), innerModel: inner.model, seasonalAdjustment: adjustment.reason },
      };
    },
    forecast(fit: Fit<AdjustedState<Inner>>, horizon: number, levels: readonly number[]): Forecast {
      const state = fit.state;
      return reseasonalize(innerForecast(state.inner, horizon, levels), state.future);
    },
  };
}
