/**
 * The model contract shared by every family (fable / statsforecast style): a `spec` is plain JSON-able
 * configuration, `fit(series, spec)` returns a `Fit` that is plain data (so the store, the HTTP API and worker
 * threads move it without custom serialization), and `forecast(fit, horizon, levels)` returns a `Forecast`.
 */
import type { Rng } from '../core/random.js';

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One series as a model sees it. The data layer has already resolved gaps and missing values. */
export interface SeriesData {
  /** Observations in time order; finite numbers only. */
  readonly y: Float64Array;
  /** Primary season length m (1 = non-seasonal). */
  readonly seasonLength: number;
  /** All season lengths for multi-seasonal models, e.g. [24, 168]; when given, `seasonLengths[0] === seasonLength`. */
  readonly seasonLengths?: readonly number[];
  /** Exogenous regressors aligned with `y` (same length), by column name. */
  readonly exog?: Readonly<Record<string, Float64Array>>;
}

/** What a forecast needs to know about the future beyond the fit: the regressors' future values. */
export interface FutureData {
  /** Future values of the regressors, each at least `horizon` long. */
  readonly exog?: Readonly<Record<string, Float64Array>>;
}

/** Plain JSON-able model configuration. */
export type ModelSpec = { [key: string]: JsonValue };

/**
 * A fitted model: plain data only (numbers, arrays, nested objects), survives `JSON.parse(JSON.stringify(fit))`.
 * `State` is the family's own record of what `forecast` needs (`Fit<EtsState>`); code that only moves fits
 * around uses the default, `Fit` (state unknown).
 */
export interface Fit<State = unknown> {
  /** Registry name of the exact form fitted, e.g. `naive`, `ets:MAdN`, `arima:1,1,1`. */
  model: string;
  /** The spec the fit was made from (after automatic choices are resolved where the family does so). */
  spec: ModelSpec;
  /** Number of observations used. */
  nobs: number;
  /** Named estimated parameters (smoothing weights, coefficients, drift, ...). */
  params: Record<string, number>;
  /** What `forecast` needs besides `params` (final states, last values, seasonal indices, ...). */
  state: State;
  /** One-step in-sample fitted values, same length as the input (NaN where undefined). */
  fitted: number[];
  /** In-sample residuals y - fitted (NaN where undefined). */
  residuals: number[];
  /** Innovation variance used for intervals. */
  sigma2: number;
  /** Log-likelihood and information criteria where the family defines them, else null. */
  loglik: number | null;
  aic: number | null;
  aicc: number | null;
  bic: number | null;
  /** Anything else worth reporting (`--report`): standard errors, initial states, candidates tried, ... */
  details?: { [key: string]: JsonValue };
}

/** A probabilistic forecast: point forecast plus central prediction intervals. */
export interface Forecast {
  /** Point forecasts, length `horizon`. */
  mean: Float64Array;
  /** Interval levels in percent, e.g. [80, 95], in the order given to `forecast`. */
  levels: number[];
  /** `lower[i]` and `upper[i]` are the bounds for `levels[i]`, each length `horizon`. */
  lower: Float64Array[];
  upper: Float64Array[];
}

/**
 * A model family in the registry. `parse` turns the text after `:` in a registry name into a spec
 * (`ets:AAdM` gives `parse('AAdM')`), so every model is reachable from the CLI by name.
 */
export interface ModelDefinition<S extends ModelSpec = ModelSpec, F extends Fit = Fit> {
  /** Registry base name: `naive`, `ets`, `arima`, ... */
  readonly name: string;
  /** One line for `foresight models` and the README. */
  readonly description: string;
  /** Spec from the option text after `:` (undefined when absent). Throws ForesightError('invalid_argument'). */
  parse(option: string | undefined): S;
  /** Fewest observations this spec can be fitted to for a series with season length m. */
  minLength(spec: S, seasonLength: number): number;
  /** Fit to one series. Throws ForesightError (`too_short`, `invalid_input`, `not_converged`) when it cannot. */
  fit(series: SeriesData, spec: S): F;
  /** Point forecast and intervals for `horizon` steps. */
  forecast(fit: F, horizon: number, levels: readonly number[], future?: FutureData): Forecast;
  /**
   * For models whose fit depends on the forecast horizon (validation windows of a combination): the spec to fit
   * when `horizon` steps will be forecast. Callers that know the horizon (the pipeline, backtests) apply it.
   */
  withHorizon?(spec: S, horizon: number): S;
  /** `count` simulated sample paths of length `horizon`, drawn with the seeded generator `rng`. */
  simulate?(fit: F, horizon: number, count: number, rng: Rng, future?: FutureData): Float64Array[];
}
