/**
 * Automatic ARIMA order selection in the manner of Hyndman & Khandakar (2008), step for step as R forecast
 * 8.20's `auto.arima()` with its defaults: KPSS tests choose d, the seasonal-strength rule chooses D, then a
 * stepwise search over (p, q, P, Q, constant) by AICc starting from (2, 2, 1, 1), with CSS "approximation" fits
 * for long or high-frequency series and a final exact-likelihood refit. An exhaustive search is an option.
 *
 * Bound on work for long seasons (documented rule): a seasonal model's state has dimension
 * max(p + P·m, q + Q·m + 1), and the Kalman filter costs the square of that per observation. The search only
 * considers seasonal AR/MA orders whose state dimension stays within `maxStateDimension` (default 60): with
 * m = 24 all of R's orders (P, Q <= 2) remain; with m = 52 P and Q are at most 1; with m = 168 only seasonal
 * differencing is considered (P = Q = 0). Together with R's cap of 94 models per stepwise search this bounds
 * the work per series.
 *
 * The search lives in models/ so that the registry's `arima` model can use it; src/select/auto-arima.ts
 * re-exports it for the library API.
 */
import { ForesightError, isForesightError } from '../../core/errors.js';
import { leastSquares } from '../../core/linalg/least-squares.js';
import { kpssDifferences } from '../../core/stats/kpss.js';
import { informationCriteria } from '../../core/stats/information-criteria.js';
import { isConstant } from '../../core/stats/summary.js';
import { estimateArima, type ArimaEstimate, type ArimaOrder } from './estimate.js';
import { difference, differencingPolynomial, minRootModulus } from './polynomial.js';
import { forecastVariance } from './predict.js';
import { seasonalDifferences } from './seasonal-strength.js';

/** Options of {@link autoArima}; defaults are those of R's `auto.arima()`. */
export interface AutoArimaOptions {
  /** Season length m (1 = non-seasonal). Default 1. */
  seasonLength?: number;
  /** Fixed number of first differences; chosen by KPSS tests when absent. */
  d?: number;
  /** Fixed number of seasonal differences; chosen by seasonal strength when absent. */
  D?: number;
  /** Largest orders: p, q (default 5), seasonal P, Q (default 2), p+q+P+Q in exhaustive search (5), d (2), D (1). */
  maxP?: number;
  maxQ?: number;
  maxSeasonalP?: number;
  maxSeasonalQ?: number;
  maxOrder?: number;
  maxD?: number;
  maxSeasonalD?: number;
  /** Starting orders of the stepwise search. Defaults 2, 2, 1, 1. */
  startP?: number;
  startQ?: number;
  startSeasonalP?: number;
  startSeasonalQ?: number;
  /** Only stationary models (d = D = 0). Default false. */
  stationary?: boolean;
  /** Consider seasonal models at all. Default true. */
  seasonal?: boolean;
  /** Information criterion. Default 'aicc'. */
  ic?: 'aicc' | 'aic' | 'bic';
  /** Stepwise search (default) or all models. */
  stepwise?: boolean;
  /** Most models the stepwise search fits. Default 94. */
  maxModels?: number;
  /** Fit candidates by CSS and refit the best by ML. Default: more than 150 observations or m > 12. */
  approximation?: boolean;
  /**
   * With `approximation`: refit the chosen candidate by exact likelihood (default true, R's rule); false keeps its
   * CSS estimate (the forecasting state from one pass of the filter), for fits that only forecast a validation
   * window.
   */
  exactRefit?: boolean;
  /** Allow a drift (when d + D = 1) or a mean (when d + D = 0). Default true. */
  allowDrift?: boolean;
  allowMean?: boolean;
  /** Regressors aligned with y (regression with ARIMA errors). */
  xreg?: Readonly<Record<string, Float64Array>>;
  /** Bound on the seasonal state dimension max(p + P·m, q + Q·m + 1); see the file comment. Default 60. */
  maxStateDimension?: number;
}

/** One model tried by the search. */
export interface ArimaCandidate {
  order: [number, number, number, number, number, number];
  constant: boolean;
  ic: number;
}

/** Result of {@link autoArima}. */
export interface AutoArimaResult {
  /** The chosen model, estimated by CSS-ML with standard errors. */
  fit: ArimaEstimate;
  /** Whether it has a constant (mean or drift). */
  constant: boolean;
  /** Innovation variance for intervals (forecast's convention: residual sum of squares / (nUsed - coefficients)). */
  sigma2: number;
  aic: number;
  aicc: number;
  bic: number;
  /** Every model the search fitted, in order. */
  candidates: ArimaCandidate[];
  /** Set when no model passed R's checks and the documented fallback was used. */
  fallback?: string;
}

const DEFAULT_MAX_STATE = 60;

interface Tried {
  ic: number;
  aic: number;
  aicc: number;
  bic: number;
  fit: ArimaEstimate | null;
}

/**
 * Chooses and fits a seasonal ARIMA model automatically, as R's `auto.arima(y)` (see the file comment for the
 * bound on long seasons). When no candidate passes R's checks (R stops with "No suitable ARIMA model found"),
 * the documented fallback is ARIMA(0,d,0)(0,D,0) with a constant if allowed, else without, else ARIMA(0,1,0);
 * the reason is recorded in `fallback`. A constant series gives ARIMA(0,0,0) with its mean and zero variance.
 * Throws ForesightError('invalid_input') for non-finite data or collinear regressors and ('too_short') for
 * fewer than 3 observations.
 *
 * @example
 * const r = autoArima(Float64Array.from(usAccDeaths), { seasonLength: 12 });
 * r.fit.order // { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, m: 12 }, as auto.arima(USAccDeaths)
 */
export function autoArima(y: Float64Array, options: AutoArimaOptions = {}): AutoArimaResult {
  const n = y.length;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(y[t]))
      throw new ForesightError('invalid_input', `auto ARIMA: observation ${t + 1} is not a finite number`);
  }
  if (n < 3) throw new ForesightError('too_short', `auto ARIMA needs at least 3 observations but got ${n}`);
  const xreg = options.xreg && Object.keys(options.xreg).length > 0 ? options.xreg : undefined;
  const candidates: ArimaCandidate[] = [];
  if (isConstant(y) && !xreg) {
    return finish(constantModel(y), true, candidates);
  }
  let ic = options.ic ?? 'aicc';
  const m = (options.seasonal ?? true) ? Math.max(1, Math.round(options.seasonLength ?? 1)) : 1;
  let maxP = Math.min(options.maxP ?? 5, Math.floor(n / 3));
  let maxQ = Math.min(options.maxQ ?? 5, Math.floor(n / 3));
  let maxSP = Math.min(options.maxSeasonalP ?? 2, Math.floor(n / 3 / m));
  let maxSQ = Math.min(options.maxSeasonalQ ?? 2, Math.floor(n / 3 / m));
  const maxOrder = options.maxOrder ?? 5;
  if (n <= 3) ic = 'aic';

  // Series the unit-root tests see: regression residuals when there are regressors.
  let xx = y;
  if (xreg) {
    for (const [name, col] of Object.entries(xreg)) {
      if (col.length !== n)
        throw new ForesightError(
          'invalid_input',
          `regressor "${name}" has ${col.length} values but the series has ${n}`,
        );
      for (let t = 0; t < n; t++) {
        if (!Number.isFinite(col[t]))
          throw new ForesightError('invalid_input', `regressor "${name}" value ${t + 1} is not a finite number`);
      }
      if (isConstant(col))
        throw new ForesightError(
          'invalid_input',
          `regressor "${name}" is constant (it would duplicate the mean or vanish when differenced)`,
        );
    }
    const cols = [new Float64Array(n).fill(1), ...Object.values(xreg)];
    const ls = leastSquares(y, cols);
    if (!ls) throw new ForesightError('invalid_input', `regressors ${Object.keys(xreg).join(', ')} are collinear`);
    xx = Float64Array.from(y, (v, t) => {
      let f = 0;
      cols.forEach((c, j) => (f += ls.coef[j] * c[t]));
      return v - f;
    });
  }
  let d = options.d;
  let D = options.D;
  if (options.stationary) d = D = 0;
  if (m === 1) {
    D = 0;
    maxSP = maxSQ = 0;
  } else if (D === undefined && xx.length <= 2 * m) {
    D = 0;
  } else if (D === undefined) {
    D = seasonalDifferences(xx, m, options.maxSeasonalD ?? 1);
  }
  let dx = D > 0 ? difference(xx, 0, D, m) : xx;
  if (d === undefined) {
    d = dx.length >= 2 ? kpssDifferences(dx, options.maxD ?? 2) : 0;
    if (d > 0 && difference(dx, d, 0, 1).length === 0) d--;
  }
  if (d > 0) dx = difference(dx, d, 0, 1);
  if (dx.length === 0)
    throw new ForesightError(
      'too_short',
      `auto ARIMA: no data left after ${d} differences and ${D} seasonal differences`,
    );
  const dd = d;
  const DD = D;
  if (isConstant(dx) && !xreg) {
    return finish(differencedConstantModel(y, dd, DD, m, dx[0]), dd + DD <= 1, candidates);
  }
  if (m > 1) {
    if (maxSP > 0) maxP = Math.min(maxP, m - 1);
    if (maxSQ > 0) maxQ = Math.min(maxQ, m - 1);
  }
  // Bound the seasonal state dimension (long seasons).
  const maxState = options.maxStateDimension ?? DEFAULT_MAX_STATE;
  while (maxSP > 0 && maxP + maxSP * m > maxState) maxSP--;
  while (maxSQ > 0 && maxQ + maxSQ * m + 1 > maxState) maxSQ--;

  const approximation = options.approximation ?? (n > 150 || m > 12);
  let offset = 0;
  // the offset puts the CSS scores on the likelihood's scale; it is the same for every candidate, so a search
  // whose choice is not refitted by exact likelihood skips it
  if (approximation && options.exactRefit !== false) {
    try {
      const base = estimateArima(y, { p: 0, d: dd, q: 0, P: 0, D: DD, Q: 0, m }, { xreg, hessian: false });
      offset = -2 * base.loglik - n * Math.log(base.sigma2);
    } catch {
      offset = 0;
    }
  }
  const allowDrift = (options.allowDrift ?? true) && dd + DD === 1;
  const allowMean = (options.allowMean ?? true) && dd + DD === 0;
  let constant = allowDrift || allowMean;
  const nstar = n - dd - DD * m;

  const score = (
    p: number,
    q: number,
    P: number,
    Q: number,
    sigma2: number,
    loglik: number,
    coef: ArrayLike<number>,
    ncoef: number,
    approx: boolean,
  ) => {
    const npar = ncoef + 1;
    const deviance = approx ? offset + nstar * Math.log(sigma2) : -2 * loglik;
    const { aic, aicc, bic } = informationCriteria(deviance, npar, nstar);
    if (!Number.isFinite(aic)) return { ic: Infinity, aic: Infinity, aicc: Infinity, bic: Infinity };
    let value = ic === 'bic' ? bic : ic === 'aic' ? aic : aicc;
    // R's unit-root screen: every AR and MA root modulus at least 1.01
    const part = (from: number, len: number): number[] => Array.from({ length: len }, (_, i) => coef[from + i]);
    let minRoot = Infinity;
    if (p + P > 0) {
      minRoot = Math.min(minRoot, minRootModulus(part(0, p), -1));
      minRoot = Math.min(minRoot, Math.pow(minRootModulus(part(p + q, P), -1), 1 / m));
    }
    if (q + Q > 0) {
      minRoot = Math.min(minRoot, minRootModulus(part(p, q), 1));
      minRoot = Math.min(minRoot, Math.pow(minRootModulus(part(p + q + P, Q), 1), 1 / m));
    }
    if (minRoot < 1.01) value = Infinity;
    return { ic: value, aic, aicc, bic };
  };
  const nx = xreg ? Object.keys(xreg).length : 0;
  // CSS estimates of the search's candidates: the exact refit's CSS stage would repeat them.
  const cssFits = new Map<string, number[]>();
  const key = (p: number, q: number, P: number, Q: number, c: boolean): string => `${p},${q},${P},${Q},${c}`;
  // R computes the Hessian for every candidate and rejects those with NaN standard errors; computing it only
  // for a candidate that would become the best gives the same choice at a fraction of the cost.
  const tryModel = (
    p: number,
    q: number,
    P: number,
    Q: number,
    withConstant: boolean,
    approx: boolean,
    always: boolean,
    keep = !approx,
  ): Tried => {
    const order: ArimaOrder = { p, d: dd, q, P, D: DD, Q, m };
    const failed: Tried = { ic: Infinity, aic: Infinity, aicc: Infinity, bic: Infinity, fit: null };
    if (m === 1 && P + Q > 0) return failed;
    const ncoef = p + q + P + Q + (withConstant && dd + DD <= 1 ? 1 : 0) + nx;
    let fit: ArimaEstimate;
    try {
      fit = estimateArima(y, order, {
        includeMean: withConstant,
        includeDrift: dd + DD === 1 && withConstant,
        xreg,
        method: approx ? 'CSS' : 'CSS-ML',
        keepState: keep,
        cssEstimate: approx ? undefined : cssFits.get(key(p, q, P, Q, withConstant)),
        hessian: always ? true : (pv) => score(p, q, P, Q, pv.sigma2, pv.loglik, pv.coef, ncoef, approx).ic < best.ic,
      });
    } catch (e) {
      if (isForesightError(e)) return failed;
      throw e;
    }
    if (approx && fit.converged) cssFits.set(key(p, q, P, Q, withConstant), fit.coef);
    const sc = score(p, q, P, Q, fit.sigma2, fit.loglik, fit.coef, fit.coef.length, approx);
    if (sc.ic < best.ic && !fit.hessianComputed && !always)
      return tryModel(p, q, P, Q, withConstant, approx, true, keep);
    if (fit.hessianComputed && fit.se.some((v) => Number.isNaN(v))) sc.ic = Infinity;
    return { ...sc, fit };
  };
  // the chosen candidate of an approximate search, refitted by exact likelihood, or by CSS with its state kept
  const exact = options.exactRefit ?? true;
  const finalFit = (c: ArimaCandidate): Tried =>
    tryModel(c.order[0], c.order[2], c.order[3], c.order[5], c.constant, !exact, false, true);
  let best: Tried = { ic: Infinity, aic: Infinity, aicc: Infinity, bic: Infinity, fit: null };
  let bestConstant = constant;
  const consider = (p: number, q: number, P: number, Q: number, withConstant: boolean, approx: boolean): boolean => {
    const t = tryModel(p, q, P, Q, withConstant, approx, false);
    candidates.push({ order: [p, dd, q, P, DD, Q], constant: withConstant, ic: t.ic });
    if (t.ic < best.ic) {
      best = t;
      bestConstant = withConstant;
      return true;
    }
    return false;
  };

  if (!(options.stepwise ?? true)) {
    const maxK = allowDrift || allowMean ? 1 : 0;
    for (let i = 0; i <= maxP; i++)
      for (let j = 0; j <= maxQ; j++)
        for (let I = 0; I <= maxSP; I++)
          for (let J = 0; J <= maxSQ; J++) {
            if (i + j + I + J > maxOrder) continue;
            for (let K = 0; K <= maxK; K++) consider(i, j, I, J, K === 1, approximation);
          }
    if (approximation && best.fit) {
      const c = candidates.reduce((a, b) => (b.ic < a.ic ? b : a));
      const refit = finalFit(c);
      if (refit.ic < Infinity) {
        best = refit;
        bestConstant = c.constant;
      } else {
        best = { ic: Infinity, aic: Infinity, aicc: Infinity, bic: Infinity, fit: null };
        const exhaustive = candidates.slice();
        candidates.length = 0;
        for (const cand of exhaustive)
          consider(cand.order[0], cand.order[2], cand.order[3], cand.order[5], cand.constant, false);
      }
    }
  } else {
    const nmodels = options.maxModels ?? 94;
    let startP = options.startP ?? 2;
    let startQ = options.startQ ?? 2;
    let startSP = options.startSeasonalP ?? 1;
    let startSQ = options.startSeasonalQ ?? 1;
    if (n < 10) {
      startP = Math.min(startP, 1);
      startQ = Math.min(startQ, 1);
      startSP = 0;
      startSQ = 0;
    }
    let p = Math.min(startP, maxP);
    let q = Math.min(startQ, maxQ);
    let P = Math.min(startSP, maxSP);
    let Q = Math.min(startSQ, maxSQ);
    consider(p, q, P, Q, constant, approximation);
    if (consider(0, 0, 0, 0, constant, approximation)) p = q = P = Q = 0;
    if (maxP > 0 || maxSP > 0) {
      const np = maxP > 0 ? 1 : 0;
      const nP = m > 1 && maxSP > 0 ? 1 : 0;
      if (consider(np, 0, nP, 0, constant, approximation)) {
        p = np;
        P = nP;
        q = Q = 0;
      }
    }
    if (maxQ > 0 || maxSQ > 0) {
      const nq = maxQ > 0 ? 1 : 0;
      const nQ = m > 1 && maxSQ > 0 ? 1 : 0;
      if (consider(0, nq, 0, nQ, constant, approximation)) {
        p = P = 0;
        q = nq;
        Q = nQ;
      }
    }
    if (constant) {
      if (consider(0, 0, 0, 0, false, approximation)) p = q = P = Q = 0;
    }
    // Note: R leaves `constant` unchanged when the no-constant null model wins; so does this port.
    const isNew = (a: number, b: number, c: number, e: number, k: boolean): boolean =>
      !candidates.some(
        (x) => x.order[0] === a && x.order[2] === b && x.order[3] === c && x.order[5] === e && x.constant === k,
      );
    const moves: [number, number, number, number][] = [
      [0, 0, -1, 0],
      [0, 0, 0, -1],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
      [0, 0, -1, -1],
      [0, 0, -1, 1],
      [0, 0, 1, -1],
      [0, 0, 1, 1],
      [-1, 0, 0, 0],
      [0, -1, 0, 0],
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [-1, -1, 0, 0],
      [-1, 1, 0, 0],
      [1, -1, 0, 0],
      [1, 1, 0, 0],
    ];
    let k = candidates.length;
    let startk = 0;
    outer: while (startk < k && k < nmodels) {
      startk = k;
      for (const [dp, dq, dP, dQ] of moves) {
        const a = p + dp;
        const b = q + dq;
        const c = P + dP;
        const e = Q + dQ;
        if (a < 0 || b < 0 || c < 0 || e < 0 || a > maxP || b > maxQ || c > maxSP || e > maxSQ) continue;
        if (!isNew(a, b, c, e, constant)) continue;
        k++;
        if (k > nmodels) continue outer;
        if (consider(a, b, c, e, constant, approximation)) {
          p = a;
          q = b;
          P = c;
          Q = e;
          continue outer;
        }
      }
      if (allowDrift || allowMean) {
        if (isNew(p, q, P, Q, !constant)) {
          k++;
          if (k > nmodels) continue outer;
          if (consider(p, q, P, Q, !constant, approximation)) constant = !constant;
        }
      }
    }
    if (approximation && best.fit) {
      const order = candidates
        .map((c, i) => ({ c, i }))
        .sort((u, v) => (u.c.ic === v.c.ic ? u.i - v.i : u.c.ic < v.c.ic ? -1 : 1));
      best = { ic: Infinity, aic: Infinity, aicc: Infinity, bic: Infinity, fit: null };
      for (const { c } of order) {
        const refit = finalFit(c);
        if (refit.ic < Infinity) {
          best = refit;
          bestConstant = c.constant;
          break;
        }
      }
    }
  }

  if (best.fit && best.ic < Infinity) {
    return {
      fit: best.fit,
      constant: bestConstant,
      sigma2: forecastVariance(best.fit),
      aic: best.aic,
      aicc: best.aicc,
      bic: best.bic,
      candidates,
    };
  }
  // Documented fallback when R would stop with "No suitable ARIMA model found".
  const attempts: [number, number, boolean][] = [
    [dd, DD, allowDrift || allowMean],
    [dd, DD, false],
    [1, 0, false],
  ];
  for (const [fd, fD, withConstant] of attempts) {
    try {
      const fit = estimateArima(
        y,
        { p: 0, d: fd, q: 0, P: 0, D: fD, Q: 0, m },
        {
          includeMean: withConstant,
          includeDrift: withConstant && fd + fD === 1,
          xreg,
        },
      );
      const r = finish(fit, withConstant, candidates);
      r.fallback = `no candidate passed the checks; used ARIMA(0,${fd},0)${fD ? `(0,${fD},0)[${m}]` : ''}${withConstant ? ' with constant' : ''}`;
      return r;
    } catch (e) {
      if (!isForesightError(e)) throw e;
    }
  }
  throw new ForesightError(
    'not_converged',
    'auto ARIMA: no model could be estimated, not even the fallback ARIMA(0,1,0)',
  );
}

function finish(fit: ArimaEstimate, constant: boolean, candidates: ArimaCandidate[]): AutoArimaResult {
  const npar = fit.coef.length + 1;
  const { aic, aicc, bic } = informationCriteria(fit.aic - 2 * npar, npar, fit.nUsed);
  return { fit, constant, sigma2: forecastVariance(fit), aic, aicc, bic, candidates };
}

/** ARIMA(0,0,0) with the series' mean and zero innovation variance (R: `Arima(x, order = c(0,0,0), fixed = mean)`). */
function constantModel(y: Float64Array): ArimaEstimate {
  return deterministic(y, { p: 0, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 }, true, false, y[0]);
}

/** A series whose differences are constant: the integrated model with that constant as drift (if d + D = 1). */
function differencedConstantModel(y: Float64Array, d: number, D: number, m: number, c: number): ArimaEstimate {
  const order = { p: 0, d, q: 0, P: 0, D, Q: 0, m };
  if (d + D === 1) return deterministic(y, order, false, true, D > 0 ? c / m : c);
  return deterministic(y, order, false, false, 0);
}

function deterministic(
  y: Float64Array,
  order: ArimaOrder,
  intercept: boolean,
  drift: boolean,
  value: number,
): ArimaEstimate {
  const n = y.length;
  const nd = order.d + order.D * order.m;
  const u = Float64Array.from(y, (v, t) => v - (intercept ? value : 0) - (drift ? value * (t + 1) : 0));
  const residuals = new Array<number>(n).fill(NaN);
  for (let t = nd; t < n; t++) residuals[t] = 0;
  return {
    order,
    method: 'CSS-ML',
    names: intercept ? ['intercept'] : drift ? ['drift'] : [],
    coef: intercept || drift ? [value] : [],
    se: intercept || drift ? [0] : [],
    intercept,
    drift,
    xregNames: [],
    sigma2: 0,
    loglik: Infinity,
    aic: -Infinity,
    n,
    nUsed: n - nd,
    residuals,
    phi: [],
    theta: [],
    delta: Array.from(differencingPolynomial(order.d, order.D, order.m)),
    state: [0],
    covariance: [0],
    tail: Array.from(u.subarray(n - nd)),
    converged: true,
    hessianComputed: true,
  };
}
