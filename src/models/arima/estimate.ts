/**
 * Estimation of a SARIMA(p,d,q)(P,D,Q)m model with optional regressors (regression with ARIMA errors), step
 * for step as R's `stats::arima` (default method "CSS-ML"): conditional-sum-of-squares starting values, then
 * exact Gaussian maximum likelihood through the Kalman filter, AR parts kept stationary by the PACF transform,
 * MA parts made invertible by root reflection, regressors rotated to their singular vectors and scaled by ten
 * times their least-squares standard errors, standard errors from the numerical Hessian.
 */
import { ForesightError } from '../../core/errors.js';
import { leastSquares } from '../../core/linalg/least-squares.js';
import { invert } from '../../core/linalg/solve.js';
import { symmetricEigenvectors } from '../../core/linalg/symmetric-eigen.js';
import { bfgs, numericHessian } from '../../core/optimize/bfgs.js';
import { armaCss, armaCssGradient, type CssDerivative } from './css.js';
import { armaKalman, armaKalmanSums, kalmanWorkspace } from './kalman.js';
import {
  arIsStationary,
  difference,
  differencingPolynomial,
  expandSeasonal,
  expandSeasonalInto,
  invPartrans,
  maInvert,
  partrans,
  partransInto,
} from './polynomial.js';

/** Orders of a seasonal ARIMA model; `m` is the season length (1 when non-seasonal). */
export interface ArimaOrder {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  m: number;
}

/** Estimation method, as R's `arima(method = )`. */
export type ArimaMethod = 'CSS-ML' | 'ML' | 'CSS';

/** Options of {@link estimateArima}. */
export interface ArimaEstimateOptions {
  /** Estimate a mean when d + D = 0 (R's `include.mean`). Default true. */
  includeMean?: boolean;
  /** Add a linear trend regressor 1..n when d + D <= 1 (forecast's `Arima(include.drift = TRUE)`). Default false. */
  includeDrift?: boolean;
  /** Regressors aligned with y, by name. */
  xreg?: Readonly<Record<string, Float64Array>>;
  /** Default 'CSS-ML'. */
  method?: ArimaMethod;
  /**
   * Compute the Hessian and standard errors. Default true. A function decides after the optimization, from a
   * preview of the fit (sigma2 and log-likelihood as reported, AR/MA coefficients on their natural scale), so a
   * search can skip the Hessian of candidates it will not keep.
   */
  hessian?: boolean | ((preview: { sigma2: number; loglik: number; coef: Float64Array }) => boolean);
  /** Iteration limit of each BFGS run (R's `maxit`). Default 100. */
  maxIterations?: number;
  /**
   * Compute the Kalman state for forecasting. Default true. With false and method CSS the filter is not run at
   * all (a search's CSS candidates are never forecast from) and `state` / `covariance` are empty.
   */
  keepState?: boolean;
  /**
   * For CSS-ML: the CSS estimates (all coefficients, as `coef` of a CSS fit of the same model) when already
   * known, so the CSS stage is not repeated. Only a converged CSS fit's coefficients give R's result.
   */
  cssEstimate?: readonly number[];
}

/** A fitted SARIMA model with everything forecasting needs; plain data. */
export interface ArimaEstimate {
  order: ArimaOrder;
  method: ArimaMethod;
  /** Coefficient names in R's order: ar1.., ma1.., sar1.., sma1.., intercept, drift, regressors. */
  names: string[];
  coef: number[];
  /** Standard errors (NaN where the information matrix could not be inverted or was not computed). */
  se: number[];
  /** Regressor layout: whether intercept and drift are among the regressors, and the user regressors' names. */
  intercept: boolean;
  drift: boolean;
  xregNames: string[];
  /** Innovation variance as R's `arima` reports it (sum of squared standardized innovations / nUsed). */
  sigma2: number;
  loglik: number;
  /** AIC as R's `arima` (NaN for CSS, where R gives NA). */
  aic: number;
  /** Observations and observations after differencing. */
  n: number;
  nUsed: number;
  /** Residuals of length n (R's standardized innovations; NaN for the first d + D·m). */
  residuals: number[];
  /** Expanded AR and MA coefficient vectors and the differencing polynomial (1 - Σ delta_k B^k). */
  phi: number[];
  theta: number[];
  delta: number[];
  /** Kalman state a_{n+1|n} and covariance P_{n+1|n} (row-major, in units of sigma2) of the ARMA part. */
  state: number[];
  covariance: number[];
  /** Last d + D·m values of the regression errors y - Xβ, oldest first. */
  tail: number[];
  /** False when an optimizer hit its iteration limit. */
  converged: boolean;
  /** Whether the Hessian (and so `se`) was computed. */
  hessianComputed: boolean;
}

const XMAX = Number.MAX_VALUE;

/**
 * Fits SARIMA(p,d,q)(P,D,Q)m by R's `arima` algorithm (see the file comment). Throws
 * ForesightError('invalid_argument') for bad orders, ('too_short') when too few observations remain after
 * differencing, ('invalid_input') for collinear or misaligned regressors, ('not_converged') where R's `arima`
 * stops with an error: a non-stationary AR part from CSS, or an objective that is not finite at the start.
 *
 * @example
 * const fit = estimateArima(Float64Array.from(lh), { p: 1, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 });
 * fit.coef // ≈ [0.5739, 2.4133] (ar1, intercept), as arima(lh, order = c(1, 0, 0))
 */
export function estimateArima(y: Float64Array, order: ArimaOrder, options: ArimaEstimateOptions = {}): ArimaEstimate {
  const { p, d, q, P, D, Q } = order;
  const m = order.m;
  for (const [key, v] of Object.entries(order)) {
    if (!Number.isInteger(v) || v < 0)
      throw new ForesightError('invalid_argument', `ARIMA order ${key} = ${v} is not a non-negative integer`);
  }
  if (m < 1) throw new ForesightError('invalid_argument', `ARIMA season length m = ${m} must be at least 1`);
  if (m === 1 && P + D + Q > 0) {
    throw new ForesightError('invalid_argument', 'seasonal ARIMA orders need a season length m > 1');
  }
  const n = y.length;
  for (let t = 0; t < n; t++) {
    if (!Number.isFinite(y[t]))
      throw new ForesightError('invalid_input', `ARIMA: observation ${t + 1} is not a finite number`);
  }
  const method = options.method ?? 'CSS-ML';
  const nd = d + D * m;
  const nUsed = n - nd;
  const narma = p + q + P + Q;
  const ncond = p + P * m;
  if (nUsed <= 0 || (method !== 'ML' && nUsed - ncond <= 0)) {
    throw new ForesightError(
      'too_short',
      `ARIMA(${p},${d},${q})(${P},${D},${Q})[${m}] needs more than ${nd + (method === 'ML' ? 0 : ncond)} observations but got ${n}`,
    );
  }

  // Regressors: intercept, drift, then the user's columns (R: cbind(intercept, cbind(drift, xreg))).
  const intercept = (options.includeMean ?? true) && d + D === 0;
  const drift = (options.includeDrift ?? false) && d + D <= 1;
  const xregNames = Object.keys(options.xreg ?? {});
  const X: Float64Array[] = [];
  const names: string[] = [];
  for (let i = 1; i <= p; i++) names.push(`ar${i}`);
  for (let i = 1; i <= q; i++) names.push(`ma${i}`);
  for (let i = 1; i <= P; i++) names.push(`sar${i}`);
  for (let i = 1; i <= Q; i++) names.push(`sma${i}`);
  if (intercept) {
    X.push(new Float64Array(n).fill(1));
    names.push('intercept');
  }
  if (drift) {
    X.push(Float64Array.from({ length: n }, (_, t) => t + 1));
    names.push('drift');
  }
  for (const name of xregNames) {
    const col = options.xreg![name];
    if (col.length !== n) {
      throw new ForesightError('invalid_input', `regressor "${name}" has ${col.length} values but the series has ${n}`);
    }
    for (let t = 0; t < n; t++) {
      if (!Number.isFinite(col[t]))
        throw new ForesightError('invalid_input', `regressor "${name}" value ${t + 1} is not a finite number`);
    }
    X.push(Float64Array.from(col));
    names.push(xregNames.length === 1 && !intercept && !drift && name === '' ? 'xreg' : name);
  }
  const k = X.length;
  const npar = narma + k;

  // Rotate several regressors to their right singular vectors (better conditioned search), as R does.
  let V: Float64Array | null = null;
  let Xr = X;
  if (k > 1) {
    const xtx = new Float64Array(k * k);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        let s = 0;
        for (let t = 0; t < n; t++) s += X[i][t] * X[j][t];
        xtx[i * k + j] = xtx[j * k + i] = s;
      }
    }
    V = symmetricEigenvectors(xtx, k);
    Xr = [];
    for (let j = 0; j < k; j++) {
      const col = new Float64Array(n);
      for (let i = 0; i < k; i++) {
        const v = V[i * k + j];
        if (v !== 0) for (let t = 0; t < n; t++) col[t] += X[i][t] * v;
      }
      Xr.push(col);
    }
  }
  const dy = difference(y, d, D, m);
  const dX = Xr.map((col) => difference(col, d, D, m));

  const init = new Float64Array(npar);
  const parscale = new Float64Array(npar).fill(1);
  if (k > 0) {
    let ls = dy.length > k ? leastSquares(dy, dX) : null;
    if (!ls) ls = leastSquares(y, Xr);
    if (!ls) throw new ForesightError('invalid_input', `regressors ${names.slice(narma).join(', ')} are collinear`);
    for (let j = 0; j < k; j++) {
      init[narma + j] = ls.coef[j];
      parscale[narma + j] = 10 * ls.se[j] > 0 && Number.isFinite(ls.se[j]) ? 10 * ls.se[j] : 1;
    }
  }

  const w = k > 0 ? new Float64Array(dy.length) : dy;
  const adjust = (beta: ArrayLike<number>, offset: number): void => {
    if (k === 0) return;
    w.set(dy);
    for (let j = 0; j < k; j++) {
      const b = beta[offset + j];
      if (b === 0) continue;
      const col = dX[j];
      for (let t = 0; t < w.length; t++) w[t] -= b * col[t];
    }
  };
  const seasonalFree = P === 0 && Q === 0;
  const polyWork = {
    ar: new Float64Array(p),
    ma: new Float64Array(q),
    sar: new Float64Array(P),
    sma: new Float64Array(Q),
    arTrans: new Float64Array(p),
    sarTrans: new Float64Array(P),
    scratch: new Float64Array(Math.max(p, P)),
    phi: new Float64Array(p + P * m),
    theta: new Float64Array(q + Q * m),
  };
  const polys = (par: ArrayLike<number>, trans: boolean): { phi: Float64Array; theta: Float64Array } => {
    if (seasonalFree && par instanceof Float64Array) {
      // no seasonal factor: the coefficient vectors are the parameters themselves (views, no copies)
      const phi =
        trans && p > 0 ? partransInto(par.subarray(0, p), polyWork.arTrans, polyWork.scratch) : par.subarray(0, p);
      return { phi, theta: par.subarray(p, p + q) };
    }
    // seasonal: expanded into buffers of this model's sizes (called on every evaluation; the callers use the
    // vectors at once and keep no reference)
    for (let i = 0; i < p; i++) polyWork.ar[i] = par[i];
    for (let i = 0; i < q; i++) polyWork.ma[i] = par[p + i];
    for (let i = 0; i < P; i++) polyWork.sar[i] = par[p + q + i];
    for (let i = 0; i < Q; i++) polyWork.sma[i] = par[p + q + P + i];
    let ar: Float64Array = polyWork.ar;
    let sar: Float64Array = polyWork.sar;
    if (trans) {
      if (p > 0) ar = partransInto(ar, polyWork.arTrans, polyWork.scratch);
      if (P > 0) sar = partransInto(sar, polyWork.sarTrans, polyWork.scratch);
    }
    expandSeasonalInto(ar, sar, polyWork.ma, polyWork.sma, m, polyWork.phi, polyWork.theta);
    return { phi: polyWork.phi, theta: polyWork.theta };
  };
  const gradientWork = new Float64Array(2 * dy.length);
  // The gradient usually follows an objective call at the same point (BFGS line search): reuse its residuals.
  const lastPar = new Float64Array(npar).fill(NaN);
  let lastCss: { ssq: number; nu: number } | undefined;
  const cssObjective = (par: Float64Array): number => {
    adjust(par, narma);
    const { phi, theta } = polys(par, false);
    const r = armaCss(w, phi, theta, ncond, gradientWork.subarray(0, dy.length));
    lastPar.set(par);
    lastCss = r;
    return 0.5 * Math.log(r.ssq / r.nu);
  };
  const negDX = dX.map((col) => Float64Array.from(col, (v) => -v));
  // Without seasonal factors every parameter's derivative description is constant: build it once.
  let fixedDerivs: CssDerivative[] | null = null;
  const cssGradient = (par: Float64Array, out: Float64Array): void => {
    adjust(par, narma);
    const { phi, theta } = polys(par, false);
    const derivs: CssDerivative[] = fixedDerivs ?? [];
    if (!fixedDerivs) {
      for (let i = 1; i <= p; i++) {
        const dphi: [number, number][] = [[i, 1]];
        for (let J = 1; J <= P; J++) dphi.push([J * m + i, -par[p + q + J - 1]]);
        derivs.push({ dphi, dtheta: [] });
      }
      for (let i = 1; i <= q; i++) {
        const dtheta: [number, number][] = [[i, 1]];
        for (let J = 1; J <= Q; J++) dtheta.push([J * m + i, par[p + q + P + J - 1]]);
        derivs.push({ dphi: [], dtheta });
      }
      for (let J = 1; J <= P; J++) {
        const dphi: [number, number][] = [[J * m, 1]];
        for (let i = 1; i <= p; i++) dphi.push([J * m + i, -par[i - 1]]);
        derivs.push({ dphi, dtheta: [] });
      }
      for (let J = 1; J <= Q; J++) {
        const dtheta: [number, number][] = [[J * m, 1]];
        for (let i = 1; i <= q; i++) dtheta.push([J * m + i, par[p + i - 1]]);
        derivs.push({ dphi: [], dtheta });
      }
      for (let j = 0; j < k; j++) derivs.push({ dphi: [], dtheta: [], dw: negDX[j] });
      if (seasonalFree) fixedDerivs = derivs;
    }
    let same = lastCss !== undefined;
    for (let i = 0; i < npar && same; i++) same = par[i] === lastPar[i];
    const r = armaCssGradient(w, phi, theta, ncond, derivs, out, gradientWork, same ? lastCss : undefined);
    lastCss = r;
    lastPar.set(par);
    for (let i = 0; i < npar; i++) out[i] /= r.ssq;
  };
  const kalmanWork = kalmanWorkspace(p + P * m, q + Q * m);
  const mlObjective = (par: Float64Array): number => {
    adjust(par, narma);
    const { phi, theta } = polys(par, true);
    const r = armaKalmanSums(w, phi, theta, kalmanWork);
    if (!r) return XMAX;
    const s2 = r.ssq / r.nu;
    return 0.5 * (Math.log(s2) + r.sumlog / r.nu);
  };
  const maxIterations = options.maxIterations ?? 100;
  const hessianOption = options.hessian ?? true;
  let hessianComputed = false;
  const loglikOf = (v: number): number => -0.5 * (2 * nUsed * v + nUsed + nUsed * Math.log(2 * Math.PI));
  const wantHessian = (v: number, natural: Float64Array): boolean => {
    if (typeof hessianOption === 'boolean') return hessianOption;
    const sigma2 = method === 'CSS' ? Math.exp(2 * v) : NaN;
    return hessianOption({ sigma2, loglik: loglikOf(v), coef: natural });
  };
  let converged = true;
  let coef: Float64Array = Float64Array.from(init);
  let cov: Float64Array | null = null as Float64Array | null;
  let value: number;
  let cssResiduals: Float64Array | null = null;

  if (method === 'CSS') {
    if (npar > 0) {
      const r = runBfgs(cssObjective, coef, parscale, maxIterations, 'CSS', cssGradient);
      converged = r.converged;
      coef = r.x;
      if (wantHessian(cssObjective(coef), coef)) {
        hessianComputed = true;
        const H = numericHessian(cssObjective, coef, { parscale, gradient: cssGradient });
        cov = scaledInverse(H, npar, nUsed);
      }
    }
    value = cssObjective(coef);
    adjust(coef, narma);
    const { phi, theta } = polys(coef, false);
    cssResiduals = new Float64Array(w.length);
    armaCss(w, phi, theta, ncond, cssResiduals);
  } else {
    if (method === 'CSS-ML' && npar > 0) {
      const known = options.cssEstimate;
      if (known && known.length === npar && known.every(Number.isFinite)) {
        // the CSS stage's result is known (a search fitted the same model by CSS): rotate it like the regressors
        coef = Float64Array.from(known);
        if (V) {
          for (let j = 0; j < k; j++) {
            let s = 0;
            for (let i = 0; i < k; i++) s += V[i * k + j] * known[narma + i];
            coef[narma + j] = s;
          }
        }
      } else {
        const r = runBfgs(cssObjective, coef, parscale, maxIterations, 'CSS', cssGradient);
        if (r.converged) coef = r.x;
      }
      if (p > 0 && !arIsStationary(sub(coef, 0, p))) {
        throw new ForesightError('not_converged', 'ARIMA: non-stationary AR part from CSS');
      }
      if (P > 0 && !arIsStationary(sub(coef, p + q, P))) {
        throw new ForesightError('not_converged', 'ARIMA: non-stationary seasonal AR part from CSS');
      }
    }
    // to the unconstrained scale; MA made invertible
    if (p > 0) coef.set(invPartrans(sub(coef, 0, p)), 0);
    if (P > 0) coef.set(invPartrans(sub(coef, p + q, P)), p + q);
    if (q > 0) coef.set(maInvert(sub(coef, p, q)), p);
    if (Q > 0) coef.set(maInvert(sub(coef, p + q + P, Q)), p + q + P);
    for (let i = 0; i < npar; i++) {
      if (!Number.isFinite(coef[i])) throw new ForesightError('not_converged', 'ARIMA: starting values are not finite');
    }
    if (npar > 0) {
      const r = runBfgs(mlObjective, coef, parscale, maxIterations, 'ML');
      converged = r.converged;
      coef = r.x;
      if (q > 0) coef.set(maInvert(sub(coef, p, q)), p);
      if (Q > 0) coef.set(maInvert(sub(coef, p + q + P, Q)), p + q + P);
      const natural = Float64Array.from(coef);
      if (p > 0) natural.set(partrans(sub(coef, 0, p)), 0);
      if (P > 0) natural.set(partrans(sub(coef, p + q, P)), p + q);
      if (wantHessian(mlObjective(coef), natural)) {
        hessianComputed = true;
        const H = numericHessian(mlObjective, coef, { parscale });
        const Hinv = scaledInverse(H, npar, nUsed);
        if (Hinv) {
          const A = gradTrans(coef, p, q, P, npar);
          cov = new Float64Array(npar * npar);
          // A' Hinv A
          for (let i = 0; i < npar; i++) {
            for (let j = 0; j < npar; j++) {
              let s = 0;
              for (let a = 0; a < npar; a++) {
                const Aai = A[a * npar + i];
                if (Aai === 0) continue;
                for (let b = 0; b < npar; b++) s += Aai * Hinv[a * npar + b] * A[b * npar + j];
              }
              cov[i * npar + j] = s;
            }
          }
        }
      }
    }
    value = mlObjective(coef);
    if (value === XMAX || !Number.isFinite(value)) {
      throw new ForesightError('not_converged', 'ARIMA: likelihood is not finite at the estimates');
    }
    if (p > 0) coef.set(partrans(sub(coef, 0, p)), 0);
    if (P > 0) coef.set(partrans(sub(coef, p + q, P)), p + q);
  }

  // Undo the regressor rotation.
  if (V && k > 0) {
    const beta = sub(coef, narma, k);
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += V[i * k + j] * beta[j];
      coef[narma + i] = s;
    }
    if (cov) {
      const A = new Float64Array(npar * npar);
      for (let i = 0; i < narma; i++) A[i * npar + i] = 1;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) A[(narma + i) * npar + narma + j] = V[i * k + j];
      cov = sandwich(A, cov, npar);
    }
  }

  // Final pass: residuals, sigma2 and the state for forecasting, on the original regressors.
  const u = Float64Array.from(y);
  for (let j = 0; j < k; j++) {
    const b = coef[narma + j];
    for (let t = 0; t < n; t++) u[t] -= b * X[j][t];
  }
  const wu = difference(u, d, D, m);
  const { phi, theta } = expandSeasonal(
    sub(coef, 0, p),
    sub(coef, p + q, P),
    sub(coef, p, q),
    sub(coef, p + q + P, Q),
    m,
  );
  const innov = new Float64Array(wu.length);
  const skipFilter = method === 'CSS' && options.keepState === false;
  const kal = skipFilter
    ? { ssq: NaN, sumlog: NaN, nu: 0, state: new Float64Array(0), covariance: new Float64Array(0) }
    : armaKalman(wu, phi, theta, innov, true);
  if (!kal) throw new ForesightError('not_converged', 'ARIMA: the fitted AR part is not stationary');
  let sigma2: number;
  let loglik: number;
  let aic: number;
  const residuals = new Array<number>(n).fill(NaN);
  if (method === 'CSS') {
    const r = armaCss(wu, phi, theta, ncond, cssResiduals!);
    sigma2 = r.ssq / r.nu;
    loglik = loglikOf(value);
    aic = NaN;
    for (let t = 0; t < wu.length; t++) residuals[t + nd] = cssResiduals![t];
  } else {
    sigma2 = kal.ssq / nUsed;
    loglik = loglikOf(value);
    aic = -2 * loglik + 2 * (npar + 1);
    for (let t = 0; t < wu.length; t++) residuals[t + nd] = innov[t];
  }
  const se = new Array<number>(npar).fill(NaN);
  if (cov) for (let i = 0; i < npar; i++) se[i] = cov[i * npar + i] >= 0 ? Math.sqrt(cov[i * npar + i]) : NaN;
  return {
    order: { ...order },
    method,
    names,
    coef: Array.from(coef),
    se,
    intercept,
    drift,
    xregNames,
    sigma2,
    loglik,
    aic,
    n,
    nUsed,
    residuals,
    phi: Array.from(phi),
    theta: Array.from(theta),
    delta: Array.from(differencingPolynomial(d, D, m)),
    state: Array.from(kal.state!),
    covariance: Array.from(kal.covariance!),
    tail: Array.from(u.subarray(n - nd)),
    converged,
    hessianComputed,
  };
}

function sub(x: ArrayLike<number>, start: number, length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = x[start + i];
  return out;
}

function runBfgs(
  f: (x: Float64Array) => number,
  x0: Float64Array,
  parscale: Float64Array,
  maxIterations: number,
  stage: string,
  gradient?: (x: Float64Array, out: Float64Array) => void,
): { x: Float64Array; converged: boolean } {
  const start = f(Float64Array.from(x0));
  if (!Number.isFinite(start) || start === XMAX) {
    throw new ForesightError('not_converged', `ARIMA: ${stage} objective is not finite at the starting values`);
  }
  const r = bfgs(f, x0, { parscale, maxIterations, gradient });
  for (let i = 0; i < r.x.length; i++) {
    if (!Number.isFinite(r.x[i]))
      throw new ForesightError('not_converged', `ARIMA: ${stage} optimizer left the parameter space`);
  }
  return { x: r.x, converged: r.converged };
}

/** (H · nUsed)^-1, or null when singular or not finite. */
function scaledInverse(H: Float64Array, k: number, nUsed: number): Float64Array | null {
  for (let i = 0; i < H.length; i++) if (!Number.isFinite(H[i])) return null;
  const S = Float64Array.from(H, (v) => v * nUsed);
  return invert(S, k);
}

/** A C A' for square matrices. */
function sandwich(A: Float64Array, C: Float64Array, k: number): Float64Array {
  const AC = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += A[i * k + a] * C[a * k + j];
      AC[i * k + j] = s;
    }
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let a = 0; a < k; a++) s += AC[i * k + a] * A[j * k + a];
      out[i * k + j] = s;
    }
  return out;
}

/** Jacobian of the PACF transform by forward differences with step 1e-3 (R's `ARIMA_Gradtrans`): A[raw i][new j]. */
function gradTrans(raw: Float64Array, p: number, q: number, P: number, k: number): Float64Array {
  const A = new Float64Array(k * k);
  for (let i = 0; i < k; i++) A[i * k + i] = 1;
  const eps = 1e-3;
  const block = (offset: number, len: number): void => {
    if (len === 0) return;
    const w1 = sub(raw, offset, len);
    const w2 = partrans(w1);
    for (let i = 0; i < len; i++) {
      w1[i] += eps;
      const w3 = partrans(w1);
      for (let j = 0; j < len; j++) A[(offset + i) * k + offset + j] = (w3[j] - w2[j]) / eps;
      w1[i] -= eps;
    }
  };
  block(0, p);
  block(p + q, P);
  return A;
}
