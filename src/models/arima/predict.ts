/**
 * Forecasts and sample paths of a fitted SARIMA model (with regressors): the ARMA part is projected from the
 * Kalman state, integrated through the differencing polynomial, and the regression part added back, as R's
 * `predict.Arima` / `KalmanForecast` do. The forecast variance combines the state uncertainty P_{n+1|n} with
 * the psi weights of the integrated model.
 */
import { ForesightError } from '../../core/errors.js';
import type { Rng } from '../../core/random.js';
import type { ArimaEstimate } from './estimate.js';

/**
 * Innovation variance forecast's `Arima` uses for intervals: the sum of squared residuals over
 * nUsed - (number of coefficients), i.e. forecast's sum(residuals^2) / (nstar - npar + 1).
 *
 * @example
 * forecastVariance({ sigma2: 1, nUsed: 100, coef: [0.5], ... }) // 100 / 99
 */
export function forecastVariance(fit: Pick<ArimaEstimate, 'residuals' | 'nUsed' | 'coef'>): number {
  let ss = 0;
  for (const r of fit.residuals) if (Number.isFinite(r)) ss += r * r;
  return ss / Math.max(1, fit.nUsed - fit.coef.length);
}

/**
 * Future values of the regression part Xβ for `horizon` steps: intercept, drift (n+1, n+2, ...) and each user
 * regressor's future values. Throws ForesightError('invalid_input') naming a regressor whose future values are
 * missing, too short or not finite.
 *
 * @example
 * regressionForecast(fit, 3, { price: Float64Array.of(1, 2, 3) })
 */
export function regressionForecast(
  fit: ArimaEstimate,
  horizon: number,
  future?: Readonly<Record<string, Float64Array>>,
): Float64Array {
  const out = new Float64Array(horizon);
  const narma = fit.order.p + fit.order.q + fit.order.P + fit.order.Q;
  let j = narma;
  if (fit.intercept) {
    out.fill(fit.coef[j]);
    j++;
  }
  if (fit.drift) {
    const b = fit.coef[j];
    for (let t = 0; t < horizon; t++) out[t] += b * (fit.n + t + 1);
    j++;
  }
  for (const name of fit.xregNames) {
    const values = future?.[name];
    if (!values) throw new ForesightError('invalid_input', `future values of regressor "${name}" are missing`);
    if (values.length < horizon) {
      throw new ForesightError(
        'invalid_input',
        `regressor "${name}" has ${values.length} future values but the horizon is ${horizon}`,
      );
    }
    const b = fit.coef[j];
    for (let t = 0; t < horizon; t++) {
      if (!Number.isFinite(values[t])) {
        throw new ForesightError(
          'invalid_input',
          `future value ${t + 1} of regressor "${name}" is not a finite number`,
        );
      }
      out[t] += b * values[t];
    }
    j++;
  }
  return out;
}

/**
 * Point forecast and forecast standard errors sqrt(sigma2 · v_h) for `horizon` steps, where
 * v_h = g_h' P_{n+1|n} g_h + Σ_{k<h-1} psi_k^2 (psi: weights of the integrated ARIMA, g_h: the integration of
 * the state projections). `sigma2` defaults to {@link forecastVariance}.
 * Throws ForesightError('invalid_argument') for a horizon below 1 and ('invalid_input') for missing
 * regressor futures.
 *
 * @example
 * const { mean, se } = predictArima(fit, 12);
 */
export function predictArima(
  fit: ArimaEstimate,
  horizon: number,
  future?: Readonly<Record<string, Float64Array>>,
  sigma2 = forecastVariance(fit),
): { mean: Float64Array; se: Float64Array } {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new ForesightError('invalid_argument', `forecast horizon ${horizon} must be a positive integer`);
  }
  const h = horizon;
  const phi = fit.phi;
  const r = fit.state.length;
  const delta = fit.delta;
  const nd = delta.length;
  const ph = (i: number): number => (i >= 1 && i <= phi.length ? phi[i - 1] : 0);
  // ARMA mean path
  const a = Float64Array.from(fit.state);
  const w = new Float64Array(h);
  for (let t = 0; t < h; t++) {
    w[t] = a[0];
    const a0 = a[0];
    for (let i = 0; i < r - 1; i++) a[i] = ph(i + 1) * a0 + a[i + 1];
    a[r - 1] = ph(r) * a0;
  }
  // integrate
  const u = new Float64Array(nd + h);
  for (let i = 0; i < nd; i++) u[i] = fit.tail[i];
  for (let t = 0; t < h; t++) {
    let s = w[t];
    for (let k = 1; k <= nd; k++) s += delta[k - 1] * u[nd + t - k];
    u[nd + t] = s;
  }
  const reg = regressionForecast(fit, h, future);
  const mean = new Float64Array(h);
  for (let t = 0; t < h; t++) mean[t] = u[nd + t] + reg[t];

  // variance: c = psi weights of 1/delta(B); psi = weights of theta(B) / (phi(B) delta(B))
  const c = new Float64Array(h);
  c[0] = 1;
  for (let j = 1; j < h; j++) {
    let s = 0;
    for (let k = 1; k <= Math.min(j, nd); k++) s += delta[k - 1] * c[j - k];
    c[j] = s;
  }
  const full = new Float64Array(phi.length + nd);
  for (let i = 0; i < phi.length; i++) full[i] += phi[i];
  for (let k = 0; k < nd; k++) {
    full[k] += delta[k];
    for (let i = 0; i < phi.length; i++) full[k + i + 1] -= phi[i] * delta[k];
  }
  const psi = new Float64Array(h);
  psi[0] = 1;
  for (let j = 1; j < h; j++) {
    let s = j <= fit.theta.length ? fit.theta[j - 1] : 0;
    for (let i = 1; i <= Math.min(j, full.length); i++) s += full[i - 1] * psi[j - i];
    psi[j] = s;
  }
  // z_j = (T')^{j-1} e_0; g_h = Σ_j c_{h-j} z_j
  const Z: Float64Array[] = [];
  let z = new Float64Array(r);
  z[0] = 1;
  for (let j = 0; j < h; j++) {
    Z.push(z);
    const next = new Float64Array(r);
    let s = 0;
    for (let i = 0; i < r; i++) s += ph(i + 1) * z[i];
    next[0] = s;
    for (let i = 1; i < r; i++) next[i] = z[i - 1];
    z = next;
  }
  const P = fit.covariance;
  const se = new Float64Array(h);
  const g = new Float64Array(r);
  let shocks = 0;
  for (let t = 0; t < h; t++) {
    g.fill(0);
    for (let j = 0; j <= t; j++) {
      const cj = c[t - j];
      if (cj === 0) continue;
      const zj = Z[j];
      for (let i = 0; i < r; i++) g[i] += cj * zj[i];
    }
    let quad = 0;
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let k = 0; k < r; k++) s += P[i * r + k] * g[k];
      quad += g[i] * s;
    }
    if (t >= 1) shocks += psi[t - 1] * psi[t - 1];
    se[t] = Math.sqrt(Math.max(0, sigma2 * (quad + shocks)));
  }
  return { mean, se };
}

/**
 * `count` sample paths of length `horizon`: the state is drawn from N(a_{n+1|n}, sigma2·P_{n+1|n}), the
 * model is run forward with N(0, sigma2) innovations, integrated, and the regression part added.
 * Throws as {@link predictArima}.
 *
 * @example
 * simulateArima(fit, 12, 100, createRng(1)).length // 100
 */
export function simulateArima(
  fit: ArimaEstimate,
  horizon: number,
  count: number,
  rng: Rng,
  future?: Readonly<Record<string, Float64Array>>,
  sigma2 = forecastVariance(fit),
): Float64Array[] {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new ForesightError('invalid_argument', `forecast horizon ${horizon} must be a positive integer`);
  }
  const reg = regressionForecast(fit, horizon, future);
  const r = fit.state.length;
  const L = cholesky(fit.covariance, r);
  const phi = fit.phi;
  const theta = fit.theta;
  const ph = (i: number): number => (i >= 1 && i <= phi.length ? phi[i - 1] : 0);
  const R = Float64Array.from({ length: r }, (_, i) => (i === 0 ? 1 : i <= theta.length ? theta[i - 1] : 0));
  const sd = Math.sqrt(sigma2);
  const delta = fit.delta;
  const nd = delta.length;
  const paths: Float64Array[] = [];
  const a = new Float64Array(r);
  const e = new Float64Array(r);
  const u = new Float64Array(nd + horizon);
  for (let k = 0; k < count; k++) {
    for (let i = 0; i < r; i++) e[i] = rng.normal();
    for (let i = 0; i < r; i++) {
      let s = 0;
      for (let j = 0; j <= i; j++) s += L[i * r + j] * e[j];
      a[i] = fit.state[i] + sd * s;
    }
    for (let i = 0; i < nd; i++) u[i] = fit.tail[i];
    const path = new Float64Array(horizon);
    for (let t = 0; t < horizon; t++) {
      let s = a[0];
      for (let j = 1; j <= nd; j++) s += delta[j - 1] * u[nd + t - j];
      u[nd + t] = s;
      path[t] = s + reg[t];
      const eps = sd * rng.normal();
      const a0 = a[0];
      for (let i = 0; i < r - 1; i++) a[i] = ph(i + 1) * a0 + a[i + 1] + R[i] * eps;
      a[r - 1] = ph(r) * a0 + R[r - 1] * eps;
    }
    paths.push(path);
  }
  return paths;
}

/** Lower Cholesky factor of a positive semi-definite matrix (zero columns where the pivot vanishes). */
function cholesky(A: ArrayLike<number>, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let s = A[j * n + j];
    for (let k = 0; k < j; k++) s -= L[j * n + k] ** 2;
    const d = s > 1e-12 ? Math.sqrt(s) : 0;
    L[j * n + j] = d;
    for (let i = j + 1; i < n; i++) {
      let t = A[i * n + j];
      for (let k = 0; k < j; k++) t -= L[i * n + k] * L[j * n + k];
      L[i * n + j] = d > 0 ? t / d : 0;
    }
  }
  return L;
}
