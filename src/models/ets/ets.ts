/**
 * Fitting and forecasting one explicit ETS form, as R forecast 8.20's `ets(y, model = "XYZ", damped = ...)` and
 * `forecast.ets` (Hyndman, Koehler, Ord & Snyder 2008; Hyndman & Khandakar 2008, JSS 27(3)).
 */
import { ForesightError } from '../../core/errors.js';
import { nelderMead } from '../../core/optimize/nelder-mead.js';
import { informationCriteria } from '../../core/stats/information-criteria.js';
import { normalForecast } from '../intervals.js';
import type { Fit, Forecast, JsonValue } from '../types.js';
import { isAdmissible, withinUsualBounds, type ParameterFlags } from './admissible.js';
import { initialState } from './init-state.js';
import { createWorkspace, etsLikelihood, etsLikelihoodOnly, type EtsKernelModel } from './kernel.js';
import { heteroscedasticMoments, linearMoments, multiplicativeSeasonMoments } from './variance.js';

/** Optimization criterion (R's `opt.crit`). */
export type EtsCriterion = 'lik' | 'mse' | 'amse' | 'sigma' | 'mae';

/** One explicit ETS form and how to estimate it. */
export interface EtsOptions {
  /** Error: additive or multiplicative. */
  error: 'A' | 'M';
  /** Trend: none or additive (damped when `damped`). */
  trend: 'N' | 'A';
  damped: boolean;
  /** Season: none, additive or multiplicative. */
  season: 'N' | 'A' | 'M';
  /** Season length m (used when season is not 'N'). */
  seasonLength: number;
  /** Optimization criterion, default 'lik' (maximum likelihood). */
  optCrit?: EtsCriterion;
  /** Horizons averaged by 'amse' (1..30), default 3. */
  nmse?: number;
  /** Fixed smoothing parameters (estimated when absent). */
  alpha?: number;
  beta?: number;
  gamma?: number;
  phi?: number;
  /** Parameter region: 'both' (default), 'usual' or 'admissible'. */
  bounds?: 'both' | 'usual' | 'admissible';
  /** Lower bounds for (alpha, beta, gamma, phi), default [1e-4, 1e-4, 1e-4, 0.8]. */
  lower?: readonly number[];
  /** Upper bounds for (alpha, beta, gamma, phi), default [0.9999, 0.9999, 0.9999, 0.98]. */
  upper?: readonly number[];
  /** Nelder–Mead evaluation budget, default {@link R_MAX_EVALUATIONS} (R's `maxit`). */
  maxEvaluations?: number;
}

/** What an ETS `Fit.state` holds. */
export interface EtsState {
  /** The form, e.g. 'MAdM'. */
  form: string;
  error: 'A' | 'M';
  trend: 'N' | 'A';
  damped: boolean;
  season: 'N' | 'A' | 'M';
  /** Season length of the seasonal states (1 when non-seasonal). */
  m: number;
  /** Final state [l, b?, s_0..s_{m-1}] (s_0 newest), from which forecasts start. */
  last: number[];
  /** Estimated initial state, same layout. */
  initial: number[];
  /**
   * Seasonal indices for forecast steps h = 1, 2, ... (`future[(h - 1) % length]`) when the model was fitted to a
   * seasonally adjusted series (season lengths above 24); forecasts and paths are multiplied by them.
   */
  future?: number[];
}

/** A fitted ETS model. */
export type EtsFit = Fit<EtsState>;

/** R's `ets` Nelder–Mead budget (its `maxit`), the default of every fit. */
export const R_MAX_EVALUATIONS = 2000;

const DEFAULT_LOWER = [1e-4, 1e-4, 1e-4, 0.8];
const DEFAULT_UPPER = [0.9999, 0.9999, 0.9999, 0.98];

/** Registry-style form name: error, trend (with 'd' when damped), season: `AAdN`. */
export function formName(o: Pick<EtsOptions, 'error' | 'trend' | 'damped' | 'season'>): string {
  return `${o.error}${o.trend}${o.damped ? 'd' : ''}${o.season}`;
}

/** Number of estimated quantities R counts for its "too few observations" rule (`npars`). */
export function parameterCount(o: Pick<EtsOptions, 'trend' | 'damped' | 'season' | 'seasonLength'>): number {
  return 2 + (o.trend === 'A' ? 2 : 0) + (o.season !== 'N' ? o.seasonLength : 0) + (o.damped ? 1 : 0);
}

/**
 * Fits one ETS form by the criterion `optCrit` (default maximum likelihood), with R's parameter bounds,
 * admissibility check, heuristic initial states and Nelder–Mead over (free parameters, initial states), as
 * R forecast 8.20's `etsmodel`. loglik, AIC, AICc and BIC follow R's conventions (loglik = -n/2·log(SSE)
 * [- Σlog|ŷ| for multiplicative error], parameter count = free parameters + initial states + 1), so they can be
 * compared with R's and across forms. `ses()` is `fitEts(y, { error: 'A', trend: 'N', damped: false, season: 'N',
 * seasonLength: 1, optCrit: 'mse' })`, `holt()` the same with trend 'A' (and `damped: true` for the damped one).
 *
 * Throws ForesightError: 'invalid_argument' for a forbidden form (additive error with multiplicative season,
 * seasonal form with m < 2 or m > 24, damped without trend), fixed parameters out of bounds, bad options;
 * 'invalid_input' for non-finite data or a multiplicative form on data that are not strictly positive;
 * 'too_short' when there are not more than parameterCount + 4 observations (R falls back to Holt-Winters there;
 * the registry model applies its own documented fallback instead).
 *
 * @example
 * const fit = fitEts(Float64Array.of(3, 5, 4, 6, 5, 7, 6, 8, 7, 9), { error: 'A', trend: 'N', damped: false, season: 'N', seasonLength: 1 });
 * fit.model // 'ets:ANN'
 */
export function fitEts(y: Float64Array, options: EtsOptions): EtsFit {
  const { error, trend, damped } = options;
  let season = options.season;
  const n = y.length;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(y[t]))
      throw new ForesightError('invalid_input', `ETS: y[${t}] = ${y[t]} is not a finite number`);
  }
  if (error !== 'A' && error !== 'M')
    throw new ForesightError('invalid_argument', `ETS: error type "${error}" is not A or M`);
  if (trend !== 'N' && trend !== 'A')
    throw new ForesightError('invalid_argument', `ETS: trend type "${trend}" is not N or A`);
  if (season !== 'N' && season !== 'A' && season !== 'M') {
    throw new ForesightError('invalid_argument', `ETS: season type "${season}" is not N, A or M`);
  }
  if (damped && trend === 'N')
    throw new ForesightError('invalid_argument', 'ETS: a damped form needs a trend (N trend given)');
  const seasonLength = Math.round(options.seasonLength);
  if (!(seasonLength >= 1))
    throw new ForesightError(
      'invalid_argument',
      `ETS: season length ${options.seasonLength} is not a positive integer`,
    );
  // R: a series no longer than one season cannot be seasonal
  if (season !== 'N' && n <= seasonLength) season = 'N';
  if (season !== 'N' && seasonLength === 1)
    throw new ForesightError('invalid_argument', `ETS(${formName(options)}): non-seasonal data (season length 1)`);
  if (season !== 'N' && seasonLength > 24) {
    throw new ForesightError(
      'invalid_argument',
      `ETS(${formName(options)}): season length ${seasonLength} is above 24; use the registry model, which seasonally adjusts first`,
    );
  }
  if (error === 'A' && season === 'M')
    throw new ForesightError(
      'invalid_argument',
      `ETS(${formName(options)}): additive error with multiplicative season is a forbidden (unstable) form`,
    );
  const optCrit = options.optCrit ?? 'lik';
  if (!['lik', 'mse', 'amse', 'sigma', 'mae'].includes(optCrit)) {
    throw new ForesightError('invalid_argument', `ETS: unknown optimization criterion "${optCrit}"`);
  }
  const nmse = options.nmse ?? 3;
  if (!(nmse >= 1 && nmse <= 30)) throw new ForesightError('invalid_argument', `ETS: nmse ${nmse} is not in 1..30`);
  const boundsKind = options.bounds ?? 'both';
  if (error === 'M' || season === 'M') {
    let min = Infinity;
    for (let t = 0; t < n; t++) if (y[t] < min) min = y[t];
    if (!(min > 0))
      throw new ForesightError(
        'invalid_input',
        `ETS(${formName({ ...options, season })}): multiplicative components need strictly positive data (minimum ${min})`,
      );
  }
  const npars = parameterCount({ trend, damped, season, seasonLength });
  if (n <= npars + 4) {
    throw new ForesightError(
      'too_short',
      `ETS(${formName({ ...options, season })}) needs more than ${npars + 4} observations, got ${n}`,
    );
  }
  const m = season !== 'N' ? seasonLength : 1;
  const lower = Float64Array.from(options.lower ?? DEFAULT_LOWER);
  const upper = Float64Array.from(options.upper ?? DEFAULT_UPPER);
  for (let i = 0; i < 4; i++) {
    if (upper[i] < lower[i])
      throw new ForesightError('invalid_argument', `ETS: lower bound ${lower[i]} exceeds upper bound ${upper[i]}`);
  }
  // R: fixed parameters tighten the bounds of the others
  if (options.alpha !== undefined) {
    upper[1] = Math.min(options.alpha, upper[1]);
    upper[2] = Math.min(1 - options.alpha, upper[2]);
  }
  if (options.beta !== undefined) lower[0] = Math.max(options.beta, lower[0]);
  if (options.gamma !== undefined) upper[0] = Math.min(1 - options.gamma, upper[0]);

  const hasTrend = trend === 'A';
  const hasSeason = season !== 'N';
  const flags: ParameterFlags = {
    optAlpha: options.alpha === undefined,
    optBeta: hasTrend && options.beta === undefined,
    optGamma: hasSeason && options.gamma === undefined,
    optPhi: damped && options.phi === undefined,
    givenBeta: hasTrend && options.beta !== undefined,
    givenGamma: hasSeason && options.gamma !== undefined,
  };
  // starting values, R's `initparam`
  const start = startingParameters(options, hasTrend, hasSeason, damped, lower, upper, m, boundsKind);
  const alpha0 = start.alpha,
    beta0 = start.beta,
    gamma0 = start.gamma,
    phi0 = start.phi;
  const scratch = new Float64Array(3 * m + 6);
  if (!parametersOk(alpha0, beta0, gamma0, phi0, m, boundsKind, { lower, upper }, allFlags(flags, options), scratch)) {
    throw new ForesightError(
      'invalid_argument',
      `ETS(${formName(options)}): parameters out of range (alpha ${alpha0}, beta ${beta0}, gamma ${gamma0}, phi ${phi0})`,
    );
  }
  const init = initialState(y, hasTrend ? 1 : 0, season === 'N' ? 0 : season === 'A' ? 1 : 2, m);
  const nFree = (flags.optAlpha ? 1 : 0) + (flags.optBeta ? 1 : 0) + (flags.optGamma ? 1 : 0) + (flags.optPhi ? 1 : 0);
  const nState = init.length;
  const np = nFree + nState;
  if (np >= n - 1) {
    throw new ForesightError(
      'too_short',
      `ETS(${formName(options)}) has ${np} parameters and initial states for ${n} observations`,
    );
  }
  const par0 = new Float64Array(np);
  let j = 0;
  if (flags.optAlpha) par0[j++] = alpha0;
  if (flags.optBeta) par0[j++] = beta0;
  if (flags.optGamma) par0[j++] = gamma0;
  if (flags.optPhi) par0[j++] = phi0;
  par0.set(init, nFree);

  const model: EtsKernelModel = {
    error: error === 'A' ? 1 : 2,
    trend: hasTrend ? 1 : 0,
    season: season === 'N' ? 0 : season === 'A' ? 1 : 2,
    m,
    alpha: alpha0,
    beta: hasTrend ? beta0 : 0,
    gamma: hasSeason ? gamma0 : 0,
    phi: damped ? phi0 : 1,
  };
  const kOpt = optCrit === 'amse' ? nmse : optCrit === 'mse' ? 1 : 0;
  const ws = createWorkspace(m, Math.max(nmse, 1));
  const x0 = new Float64Array(nState + (hasSeason ? 1 : 0));
  const sOff = hasTrend ? 2 : 1;
  const usual = { lower, upper };
  // Seasonal forms without trend and without damping: every (α, γ) inside the usual bounds (α, γ > 0,
  // γ <= 1 - α) is admissible (Hyndman, Akram & Archibald 2008; the root test accepts all of that region, see
  // admissible.test.ts), so the usual bounds alone decide and the root test is not run on every evaluation.
  const kind =
    boundsKind === 'both' && hasSeason && !hasTrend && flags.optAlpha && flags.optGamma && lower[0] > 0 && lower[2] > 0
      ? 'usual'
      : boundsKind;
  const decode = (par: Float64Array): boolean => {
    let k = 0;
    if (flags.optAlpha) model.alpha = par[k++];
    if (flags.optBeta) model.beta = par[k++];
    if (flags.optGamma) model.gamma = par[k++];
    if (flags.optPhi) model.phi = par[k++];
    if (!parametersOk(model.alpha, model.beta, model.gamma, model.phi, m, kind, usual, flags, scratch)) return false;
    for (let i = 0; i < nState; i++) x0[i] = par[nFree + i];
    if (hasSeason) {
      let sum = 0;
      for (let i = sOff; i < nState; i++) sum += x0[i];
      x0[nState] = (season === 'M' ? m : 0) - sum;
      if (season === 'M') {
        for (let i = sOff; i <= nState; i++) if (x0[i] < 0) return false;
      }
    }
    return true;
  };
  const objective = (par: Float64Array): number => {
    if (!decode(par)) return Infinity;
    if (optCrit === 'lik') {
      let lik = etsLikelihoodOnly(y, model, x0, ws.ring);
      if (lik < -1e10) lik = -1e10; // avoid perfect fits
      return Number.isNaN(lik) ? Infinity : lik;
    }
    if (optCrit === 'mse') return etsLikelihoodOnly(y, model, x0, ws.ring, 'mse');
    const pass = etsLikelihood(y, model, x0, ws, kOpt);
    if (optCrit === 'amse') {
      let s = 0;
      for (let i = 0; i < nmse; i++) s += ws.amse[i] / nmse;
      return s;
    }
    return optCrit === 'sigma' ? pass.sigma : pass.mae;
  };
  // a form whose likelihood is not finite at its starting values (a multiplicative error over an additive season
  // that crosses zero, on 1e-10 and 1e10 alternating) is a failure of that form, as R's ets() skips it, not a
  // bad argument: the automatic selection goes on with the other forms
  const atStart = objective(par0);
  if (!Number.isFinite(atStart))
    throw new ForesightError(
      'not_converged',
      `ETS(${formName(options)}): the likelihood is not finite at the starting values (${atStart})`,
    );
  const result = nelderMead(objective, par0, { maxEvaluations: options.maxEvaluations ?? R_MAX_EVALUATIONS });
  if (!decode(result.x)) {
    // cannot happen for an optimum found inside the region; guard against a start outside it
    throw new ForesightError(
      'not_converged',
      `ETS(${formName(options)}): optimizer ended outside the parameter region`,
    );
  }
  const e = new Float64Array(n);
  const fits = new Float64Array(n);
  const last = new Float64Array(x0.length);
  const pass = etsLikelihood(y, model, x0, ws, nmse, e, fits, last);
  const lik = pass.lik;
  const loglik = -0.5 * lik;
  const k = np + 1;
  const { aic, aicc, bic } = informationCriteria(lik, k, n);
  // R: sigma2 = Σe² / (n - length(par)), par = free + fixed smoothing parameters + initial states
  const nFixed =
    (options.alpha !== undefined ? 1 : 0) +
    (flags.givenBeta ? 1 : 0) +
    (flags.givenGamma ? 1 : 0) +
    (damped && options.phi !== undefined ? 1 : 0);
  let sse = 0;
  for (let t = 0; t < n; t++) sse += e[t] * e[t];
  const sigma2 = sse / (n - (np + nFixed));
  let amseMean = 0;
  for (let i = 0; i < nmse; i++) amseMean += ws.amse[i] / nmse;
  const form = formName({ error, trend, damped, season });
  const params: Record<string, number> = { alpha: model.alpha };
  if (hasTrend) params.beta = model.beta;
  if (hasSeason) params.gamma = model.gamma;
  if (damped) params.phi = model.phi;
  const state: EtsState = {
    form,
    error,
    trend,
    damped,
    season,
    m,
    last: Array.from(last),
    initial: Array.from(x0),
  };
  const residuals = new Array<number>(n);
  for (let t = 0; t < n; t++) residuals[t] = y[t] - fits[t];
  return {
    model: `ets:${form}`,
    spec: { form, seasonLength, optCrit },
    nobs: n,
    params,
    state,
    fitted: Array.from(fits),
    residuals,
    sigma2,
    loglik: Number.isFinite(loglik) ? loglik : null,
    aic: Number.isFinite(aic) ? aic : null,
    aicc: Number.isFinite(aicc) ? aicc : null,
    bic: Number.isFinite(bic) ? bic : null,
    details: {
      form,
      optCrit,
      initialStates: Array.from(x0),
      mse: ws.amse[0],
      amse: amseMean,
      evaluations: result.evaluations,
      converged: result.converged,
    },
  };
}

/** The kernel model of a fitted ETS `Fit`. */
export function kernelModel(fit: EtsFit): EtsKernelModel {
  const s = fit.state;
  if (!s || typeof s !== 'object' || typeof s.form !== 'string' || !Array.isArray(s.last)) {
    throw new ForesightError('invalid_argument', `fit of ${fit.model} is not an ETS fit (no ETS state)`);
  }
  return {
    error: s.error === 'A' ? 1 : 2,
    trend: s.trend === 'A' ? 1 : 0,
    season: s.season === 'N' ? 0 : s.season === 'A' ? 1 : 2,
    m: s.m,
    alpha: fit.params.alpha,
    beta: s.trend === 'A' ? fit.params.beta : 0,
    gamma: s.season !== 'N' ? fit.params.gamma : 0,
    phi: s.damped ? fit.params.phi : 1,
  };
}

/**
 * Forecast means and normal prediction intervals for `horizon` steps, as R's `forecast.ets`: analytic
 * variances for every allowed form (class 1: additive error; class 2: multiplicative error without
 * multiplicative season; class 3: multiplicative error and season).
 * Throws ForesightError('invalid_argument') for a non-ETS fit, horizon < 1, or levels outside (0, 100).
 *
 * @example
 * const fit = fitEts(Float64Array.of(3, 5, 4, 6, 5, 7, 6, 8, 7, 9), { error: 'A', trend: 'N', damped: false, season: 'N', seasonLength: 1 });
 * forecastEts(fit, 3, [95]).mean.length // 3
 */
export function forecastEts(fit: EtsFit, horizon: number, levels: readonly number[]): Forecast {
  if (!(Number.isInteger(horizon) && horizon >= 1))
    throw new ForesightError('invalid_argument', `ETS forecast: horizon ${horizon} is not a positive integer`);
  const model = kernelModel(fit);
  const last = fit.state.last;
  let moments;
  if (model.error === 1) moments = linearMoments(model, last, fit.sigma2, horizon);
  else if (model.season !== 2) moments = heteroscedasticMoments(model, last, fit.sigma2, horizon);
  else moments = multiplicativeSeasonMoments(model, last, fit.sigma2, horizon);
  const se = new Float64Array(horizon);
  for (let i = 0; i < horizon; i++) se[i] = Math.sqrt(Math.max(0, moments.variance[i]));
  const future = fit.state.future;
  if (future && future.length > 0) {
    for (let i = 0; i < horizon; i++) {
      const index = future[i % future.length];
      moments.mean[i] *= index;
      se[i] *= index;
    }
  }
  return normalForecast(moments.mean, se, levels);
}

/**
 * Simple exponential smoothing with the first observation as initial level (R's `HoltWinters` start, used by
 * `ets` for constant series and series too short to estimate anything): alpha as given, or chosen by least
 * squares over [1e-4, 0.9999] when null. Returns an `ets:ANN` fit; sigma2 = SSE / max(1, n - 2).
 * Throws ForesightError('too_short') for an empty series.
 *
 * @example
 * fitSimpleEts(Float64Array.of(5, 5, 5), 0.99999).sigma2 // 0
 */
export function fitSimpleEts(y: Float64Array, alpha: number | null): EtsFit {
  const n = y.length;
  if (n === 0) throw new ForesightError('too_short', 'ETS: the series is empty');
  const model: EtsKernelModel = { error: 1, trend: 0, season: 0, m: 1, alpha: alpha ?? 0.5, beta: 0, gamma: 0, phi: 1 };
  const ws = createWorkspace(1, 1);
  const x0 = Float64Array.of(y[0]);
  if (alpha === null) {
    const r = nelderMead((p) => {
      if (p[0] < 1e-4 || p[0] > 0.9999) return Infinity;
      model.alpha = p[0];
      return etsLikelihood(y, model, x0, ws, 0).sigma;
    }, Float64Array.of(0.5));
    model.alpha = Math.min(0.9999, Math.max(1e-4, r.x[0]));
  }
  const e = new Float64Array(n);
  const fits = new Float64Array(n);
  const last = new Float64Array(1);
  const pass = etsLikelihood(y, model, x0, ws, 1, e, fits, last);
  let sse = 0;
  for (let t = 0; t < n; t++) sse += e[t] * e[t];
  const loglik = -0.5 * pass.lik;
  const k = alpha === null ? 2 : 1;
  const { aic, aicc } = informationCriteria(pass.lik, k, n);
  const state: EtsState = {
    form: 'ANN',
    error: 'A',
    trend: 'N',
    damped: false,
    season: 'N',
    m: 1,
    last: Array.from(last),
    initial: [y[0]],
  };
  return {
    model: 'ets:ANN',
    spec: { form: 'ANN', seasonLength: 1, optCrit: 'simple' },
    nobs: n,
    params: { alpha: model.alpha },
    state,
    fitted: Array.from(fits),
    residuals: Array.from(e),
    sigma2: sse / Math.max(1, n - 2),
    loglik: Number.isFinite(loglik) ? loglik : null,
    aic: Number.isFinite(aic) ? aic : null,
    aicc: Number.isFinite(aicc) ? aicc : null,
    bic: null,
    details: { form: 'ANN', optCrit: 'simple', initialStates: [y[0]] },
  };
}

/** Flags for checking caller-fixed parameters too (R's `check.param` on the full set). */
function allFlags(flags: ParameterFlags, o: EtsOptions): ParameterFlags {
  return {
    optAlpha: true,
    optBeta: flags.optBeta || flags.givenBeta,
    optGamma: flags.optGamma || flags.givenGamma,
    optPhi: flags.optPhi || (o.damped && o.phi !== undefined),
    givenBeta: flags.givenBeta,
    givenGamma: flags.givenGamma,
  };
}

function parametersOk(
  alpha: number,
  beta: number,
  gamma: number,
  phi: number,
  m: number,
  kind: 'both' | 'usual' | 'admissible',
  bounds: { lower: Float64Array; upper: Float64Array },
  flags: ParameterFlags,
  scratch: Float64Array,
): boolean {
  if (kind !== 'admissible' && !withinUsualBounds(alpha, beta, gamma, phi, bounds, flags)) return false;
  if (kind !== 'usual' && !isAdmissible(alpha, beta, gamma, phi, m, flags, scratch)) return false;
  return true;
}

/** R's `initparam`: starting values of the smoothing parameters (fixed ones as given). */
function startingParameters(
  o: EtsOptions,
  hasTrend: boolean,
  hasSeason: boolean,
  damped: boolean,
  lowerIn: Float64Array,
  upperIn: Float64Array,
  m: number,
  kind: 'both' | 'usual' | 'admissible',
): { alpha: number; beta: number; gamma: number; phi: number } {
  const lower = Float64Array.from(lowerIn);
  const upper = Float64Array.from(upperIn);
  if (kind === 'admissible') {
    for (let i = 0; i < 3; i++) {
      lower[i] = 0;
      upper[i] = 1e-3;
    }
  }
  let alpha = o.alpha;
  if (alpha === undefined) {
    alpha = lower[0] + (0.2 * (upper[0] - lower[0])) / m;
    if (alpha > 1 || alpha < 0) alpha = lower[0] + 2e-3;
  }
  let beta = hasTrend ? o.beta : 0;
  if (hasTrend && beta === undefined) {
    upper[1] = Math.min(upper[1], alpha);
    beta = lower[1] + 0.1 * (upper[1] - lower[1]);
    if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
  }
  let gamma = hasSeason ? o.gamma : 0;
  if (hasSeason && gamma === undefined) {
    upper[2] = Math.min(upper[2], 1 - alpha);
    gamma = lower[2] + 0.05 * (upper[2] - lower[2]);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
  }
  let phi = damped ? o.phi : 1;
  if (damped && phi === undefined) {
    phi = lower[3] + 0.99 * (upper[3] - lower[3]);
    if (phi < 0 || phi > 1) phi = upper[3] - 1e-3;
  }
  return { alpha, beta: beta ?? 0, gamma: gamma ?? 0, phi: phi ?? 1 };
}

/**
 * What `--report` records for an ETS fit: the form, the smoothing parameters, the initial states by name
 * (l, b, s0 = newest .. s{m-1}), log-likelihood, AICc, the selection rule applied and any seasonal adjustment.
 * Throws ForesightError('invalid_argument') for a non-ETS fit.
 *
 * @example
 * etsReport(fitEts(Float64Array.of(3, 5, 4, 6, 5, 7, 6, 8, 7, 9), { error: 'A', trend: 'N', damped: false, season: 'N', seasonLength: 1 })).form // 'ANN'
 */
export function etsReport(fit: EtsFit): { [key: string]: JsonValue } {
  kernelModel(fit); // validates that this is an ETS fit
  const s = fit.state;
  const names = [
    'l',
    ...(s.trend === 'A' ? ['b'] : []),
    ...(s.season !== 'N' ? Array.from({ length: s.m }, (_, j) => `s${j}`) : []),
  ];
  const initialStates: { [key: string]: number } = {};
  names.forEach((name, i) => (initialStates[name] = s.initial[i]));
  const report: { [key: string]: JsonValue } = {
    form: s.form,
    params: { ...fit.params },
    initialStates,
    loglik: fit.loglik,
    aicc: fit.aicc,
    sigma2: fit.sigma2,
  };
  if (fit.details?.rule !== undefined) report.rule = fit.details.rule;
  if (fit.details?.fallback !== undefined) report.fallback = fit.details.fallback;
  if (s.future) report.seasonalIndices = s.future;
  return report;
}
