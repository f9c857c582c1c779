/**
 * The `arima` registry family: `arima` chooses the orders automatically (R's `auto.arima`), `arima:1,1,1`
 * fits ARIMA(1,1,1) and `arima:0,1,1:0,1,1` the seasonal ARIMA(0,1,1)(0,1,1)m with m the series' season length.
 * Every column of `SeriesData.exog` is a regressor (regression with ARIMA errors); forecasts read their future
 * values from `FutureData.exog`.
 */
import { ForesightError, isForesightError } from '../../core/errors.js';
import { identifiable, informationCriteria } from '../../core/stats/information-criteria.js';
import type { Rng } from '../../core/random.js';
import { normalForecast } from '../intervals.js';
import type { Fit, FutureData, JsonValue, ModelDefinition, SeriesData } from '../types.js';
import { autoArima, type AutoArimaResult } from './auto.js';
import { estimateArima, type ArimaEstimate, type ArimaMethod, type ArimaOrder } from './estimate.js';
import { forecastVariance, predictArima, simulateArima } from './predict.js';

/**
 * Spec of the `arima` family: explicit orders, or null for automatic selection. A spec may also carry
 * `standardErrors: false`: a fixed order is then fitted without the numerical Hessian, so without standard errors
 * (null in the details), with the same forecasts; for fits that are only forecast from (the ensemble's
 * validation refits). And `exactRefit: false`: a fixed order is estimated by conditional sum of squares first
 * (exact likelihood only if that fails), and an approximate search keeps its choice's CSS estimate; the ensemble's
 * validation windows use it, since their fits only forecast the window.
 */
export interface ArimaSpec {
  [key: string]: JsonValue;
  /** [p, d, q] or null (automatic). */
  order: number[] | null;
  /** [P, D, Q] (seasonal orders; [0, 0, 0] when absent). */
  seasonal: number[];
  /** Automatic selection over all orders instead of the stepwise search (`arima:exhaustive`). */
  exhaustive: boolean;
  /**
   * Automatic selection scoring candidates by conditional sum of squares, with one exact-likelihood refit of the
   * best (`arima:approx`, R's `approximation = TRUE`); false: R's default (approximate only for more than 150
   * observations or seasons above 12).
   */
  approximation: boolean;
}

const TRIPLE = /^\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*$/;

/**
 * Season lengths above this are not modelled by seasonal ARIMA terms in the automatic `arima` model (R's
 * auto.arima with m = 52 runs for hours; the M4 reference gave weekly data season 1): the search is
 * non-seasonal (see {@link fitArimaSeries}). `autoArima` itself accepts any season with a bounded search.
 */
export const LONG_SEASON = 24;

/**
 * Parses the option text of `arima:<p,d,q>[:<P,D,Q>]`; absent (or `auto`) means automatic stepwise selection,
 * `exhaustive` automatic selection over all orders (R's `stepwise = FALSE`).
 * Throws ForesightError('invalid_argument') naming the bad text.
 *
 * @example
 * parseArimaOption('0,1,1:0,1,1') // { order: [0, 1, 1], seasonal: [0, 1, 1], exhaustive: false, approximation: false }
 * parseArimaOption(undefined) // { order: null, seasonal: [0, 0, 0], exhaustive: false, approximation: false }
 */
export function parseArimaOption(option: string | undefined): ArimaSpec {
  if (option === undefined || option.trim() === '' || option.trim() === 'auto')
    return { order: null, seasonal: [0, 0, 0], exhaustive: false, approximation: false };
  if (option.trim() === 'exhaustive')
    return { order: null, seasonal: [0, 0, 0], exhaustive: true, approximation: false };
  if (option.trim() === 'approx') return { order: null, seasonal: [0, 0, 0], exhaustive: false, approximation: true };
  const parts = option.split(':');
  const bad = (): never => {
    throw new ForesightError(
      'invalid_argument',
      `arima option "${option}" is not orders like 1,1,1 or 0,1,1:0,1,1 (p,d,q[:P,D,Q], non-negative integers)`,
      { value: option },
    );
  };
  if (parts.length > 2) bad();
  const triple = (text: string): number[] => {
    const m = TRIPLE.exec(text);
    if (!m) bad();
    return [Number(m![1]), Number(m![2]), Number(m![3])];
  };
  const order = triple(parts[0]);
  const seasonal = parts.length === 2 ? triple(parts[1]) : [0, 0, 0];
  return { order, seasonal, exhaustive: false, approximation: false };
}

/** What `forecast` and `simulate` need, stored in `Fit.state` (finite numbers only). */
export type ArimaState = Pick<
  ArimaEstimate,
  'coef' | 'drift' | 'xregNames' | 'n' | 'nUsed' | 'phi' | 'theta' | 'delta' | 'state' | 'covariance' | 'tail'
> & {
  order: number[];
  intercept: boolean;
};

/** A fitted ARIMA model. */
export type ArimaFit = Fit<ArimaState>;

/**
 * Fits the `arima` family to a series. Explicit orders follow R's `Arima` defaults (a mean when d + D = 0, no
 * drift). Fallback rule for numerical trouble with explicit orders: method CSS-ML (R's default); if it fails
 * (non-stationary CSS start, non-finite likelihood), ML from a zero start; then CSS; then automatic selection;
 * the reason is recorded in `details.fallback`. Seasonal orders on a series with season length 1 are an error.
 * Throws ForesightError('invalid_input') for non-finite data or regressors, ('too_short') when the orders need
 * more observations, ('invalid_argument') for seasonal orders without a season.
 *
 * @example
 * fitArimaSeries({ y, seasonLength: 12 }, parseArimaOption('0,1,1:0,1,1')).model // 'arima:0,1,1:0,1,1'
 */
export function fitArimaSeries(series: SeriesData, spec: ArimaSpec): ArimaFit {
  const xreg = series.exog && Object.keys(series.exog).length > 0 ? series.exog : undefined;
  const m = Math.max(1, Math.round(series.seasonLength || 1));
  if (!spec.order && m > LONG_SEASON) {
    // Long seasons: a non-seasonal search, as the M4 reference ran R's auto.arima on weekly data (measured on
    // M4 weekly: M4-style seasonal adjustment first gave sMAPE 8.03 but MASE 2.73, against 8.58 / 2.54 without).
    const fit = fromAuto(
      series.y,
      autoArima(series.y, {
        seasonLength: 1,
        xreg,
        stepwise: !spec.exhaustive,
        approximation: spec.approximation || undefined,
        exactRefit: spec.exactRefit !== false,
      }),
      spec,
    );
    fit.details = { ...fit.details, longSeason: `season length ${m} > ${LONG_SEASON}: non-seasonal search` };
    return fit;
  }
  if (!spec.order)
    return fromAuto(
      series.y,
      autoArima(series.y, {
        seasonLength: m,
        xreg,
        stepwise: !spec.exhaustive,
        approximation: spec.approximation || undefined,
        exactRefit: spec.exactRefit !== false,
      }),
      spec,
    );
  const [p, d, q] = spec.order;
  const [P, D, Q] = spec.seasonal;
  if (P + D + Q > 0 && m < 2) {
    throw new ForesightError(
      'invalid_argument',
      `arima:${p},${d},${q}:${P},${D},${Q} has seasonal orders but the series has season length ${m}`,
    );
  }
  const order: ArimaOrder = { p, d, q, P, D, Q, m: P + D + Q > 0 ? m : 1 };
  requireIdentifiable(
    spec,
    series.y.length - d - D * order.m,
    p + q + P + Q + (xreg ? Object.keys(xreg).length : 0) + 1,
  );
  const failures: string[] = [];
  const methods: ArimaMethod[] = spec.exactRefit === false ? ['CSS', 'CSS-ML', 'ML'] : ['CSS-ML', 'ML', 'CSS'];
  for (const method of methods) {
    try {
      const est = estimateArima(series.y, order, { xreg, method, hessian: spec.standardErrors !== false });
      requireIdentifiable(spec, est.nUsed, est.coef.length + 1);
      const fit = toFit(series.y, est, spec, forecastVariance(est), est.intercept || est.drift);
      if (failures.length > 0)
        fit.details = { ...fit.details, fallback: `${failures.join('; ')}; fitted by ${method}` };
      return fit;
    } catch (e) {
      if (!isForesightError(e, 'not_converged')) throw e;
      failures.push(`${method}: ${e.message}`);
    }
  }
  let selected: AutoArimaResult;
  try {
    selected = autoArima(series.y, { seasonLength: m, xreg });
  } catch (e) {
    // say why the order asked for failed, not only the selection tried after it (on 1e300 values the message was
    // 'auto ARIMA: no model could be estimated' for arima:1,1,1)
    if (!isForesightError(e)) throw e;
    throw new ForesightError(e.code, `${failures.join('; ')}; automatic selection: ${e.message}`);
  }
  const auto = fromAuto(series.y, selected, spec);
  auto.details = { ...auto.details, fallback: `${failures.join('; ')}; automatic selection used` };
  return auto;
}

/**
 * Refuses a fixed order with too many parameters for the data: k estimated parameters (coefficients, constant,
 * regressors and the innovation variance) on nUsed observations after differencing need nUsed - k - 1 > 0, the
 * rule under which AICc is defined (core/stats/information-criteria.ts). Throws ForesightError('too_short'), so
 * the batch falls back for that series with this reason.
 */
function requireIdentifiable(spec: ArimaSpec, nUsed: number, k: number): void {
  if (identifiable(k, nUsed)) return;
  const [p, d, q] = spec.order ?? [0, 0, 0];
  const [P, D, Q] = spec.seasonal;
  const name = P + D + Q > 0 ? `arima:${p},${d},${q}:${P},${D},${Q}` : `arima:${p},${d},${q}`;
  throw new ForesightError(
    'too_short',
    `${name} estimates ${k} parameters but only ${nUsed} observations remain after differencing; it needs at least ${k + 2}`,
  );
}

function fromAuto(y: Float64Array, r: AutoArimaResult, spec: ArimaSpec): ArimaFit {
  const fit = toFit(y, r.fit, spec, r.sigma2, r.constant, r.aicc, r.bic);
  fit.details = {
    ...fit.details,
    automatic: true,
    modelsTried: r.candidates.length,
    ...(r.fallback ? { fallback: r.fallback } : {}),
  };
  return fit;
}

function orderName(o: ArimaOrder): string {
  const base = `arima:${o.p},${o.d},${o.q}`;
  return o.P + o.D + o.Q > 0 ? `${base}:${o.P},${o.D},${o.Q}` : base;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

function toFit(
  y: Float64Array,
  est: ArimaEstimate,
  spec: ArimaSpec,
  sigma2: number,
  constant: boolean,
  aicc?: number,
  bic?: number,
): ArimaFit {
  const o = est.order;
  const npar = est.coef.length + 1;
  const ic = informationCriteria(est.aic - 2 * npar, npar, est.nUsed);
  const aic = est.aic;
  const icAicc = aicc ?? ic.aicc;
  const icBic = bic ?? ic.bic;
  const params: Record<string, number> = {};
  const standardErrors: { [key: string]: JsonValue } = {};
  est.names.forEach((name, i) => {
    params[name] = est.coef[i];
    standardErrors[name] = finiteOrNull(est.se[i]);
  });
  const state: ArimaState = {
    order: [o.p, o.d, o.q, o.P, o.D, o.Q, o.m],
    coef: est.coef,
    intercept: est.intercept,
    drift: est.drift,
    xregNames: est.xregNames,
    n: est.n,
    nUsed: est.nUsed,
    phi: est.phi,
    theta: est.theta,
    delta: est.delta,
    state: est.state,
    covariance: est.covariance,
    tail: est.tail,
  };
  return {
    model: orderName(o),
    spec: { ...spec, order: [o.p, o.d, o.q], seasonal: [o.P, o.D, o.Q] },
    nobs: est.n,
    params,
    state,
    fitted: est.residuals.map((r, t) => y[t] - r),
    residuals: est.residuals,
    sigma2,
    loglik: finiteOrNull(est.loglik),
    aic: finiteOrNull(aic),
    aicc: finiteOrNull(icAicc),
    bic: finiteOrNull(icBic),
    details: {
      order: `ARIMA(${o.p},${o.d},${o.q})${o.P + o.D + o.Q > 0 ? `(${o.P},${o.D},${o.Q})[${o.m}]` : ''}${est.drift ? ' with drift' : est.intercept ? ' with non-zero mean' : ''}`,
      method: est.method,
      constant,
      standardErrors,
      converged: est.converged,
      arimaSigma2: est.sigma2,
    },
  };
}

function estimateFromFit(fit: ArimaFit): ArimaEstimate {
  const s = fit.state;
  if (!s || !Array.isArray(s.order) || !Array.isArray(s.state)) {
    throw new ForesightError('invalid_argument', `fit of model "${fit.model}" is not an arima fit`);
  }
  const [p, d, q, P, D, Q, m] = s.order;
  return {
    order: { p, d, q, P, D, Q, m },
    method: 'CSS-ML',
    names: Object.keys(fit.params),
    coef: s.coef,
    se: [],
    intercept: s.intercept,
    drift: s.drift,
    xregNames: s.xregNames,
    sigma2: fit.sigma2,
    loglik: fit.loglik ?? NaN,
    aic: fit.aic ?? NaN,
    n: s.n,
    nUsed: s.nUsed,
    residuals: [],
    phi: s.phi,
    theta: s.theta,
    delta: s.delta,
    state: s.state,
    covariance: s.covariance,
    tail: s.tail,
    converged: true,
    hessianComputed: false,
  };
}

/** The `arima` model family for the registry. */
export const ARIMA_MODEL: ModelDefinition<ArimaSpec, ArimaFit> = {
  name: 'arima',
  description:
    'ARIMA by exact likelihood; `arima` selects orders like R auto.arima, arima:p,d,q or arima:p,d,q:P,D,Q fits fixed orders; extra columns are regressors.',
  parse: parseArimaOption,
  minLength: (spec: ArimaSpec, seasonLength: number): number => {
    if (!spec.order) return 3;
    const [p, d, q] = spec.order;
    const [P, D, Q] = spec.seasonal;
    const m = P + D + Q > 0 ? seasonLength : 1;
    // enough lags to start the recursions, and room for the parameters (p + q + P + Q + variance) plus one
    return d + D * m + Math.max(Math.max(p + P * m, q + Q * m), p + q + P + Q + 1) + 2;
  },
  fit: fitArimaSeries,
  forecast: (fit: ArimaFit, horizon: number, levels: readonly number[], future?: FutureData) => {
    const est = estimateFromFit(fit);
    const { mean, se } = predictArima(est, horizon, future?.exog, fit.sigma2);
    return normalForecast(mean, se, levels);
  },
  simulate: (fit: ArimaFit, horizon: number, count: number, rng: Rng, future?: FutureData): Float64Array[] =>
    simulateArima(estimateFromFit(fit), horizon, count, rng, future?.exog, fit.sigma2),
};
