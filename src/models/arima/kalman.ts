/**
 * The likelihood machinery of the ARIMA kernel for a (differenced, regression-adjusted) stationary ARMA series:
 * the exact Gaussian likelihood by a Kalman filter on Harvey's state-space form started from the stationary
 * state covariance, and the conditional sum of squares. Mirrors R's `ARIMA_Like` / `ARIMA_CSS` (R's
 * src/library/stats/src/arima.c) for the ARMA part; differencing is applied to the data beforehand, which gives
 * the likelihood R's diffuse prior (kappa = 1e6) approximates for the differenced states.
 */
import { ForesightError } from '../../core/errors.js';
import { solveInPlace } from '../../core/linalg/solve.js';

/**
 * Autocovariances gamma(0..maxLag) and psi weights psi(0..maxLag) of the ARMA process
 * y_t = Σ phi_i y_{t-i} + e_t + Σ theta_j e_{t-j} with unit innovation variance (Brockwell & Davis 1991, §3.3:
 * a (p+1)-equation linear system, then the AR recursion). Returns null when the AR part has a unit root
 * (singular system) or the result is not finite.
 *
 * @example
 * armaAutocovariance(Float64Array.of(0.5), new Float64Array(0), 1)!.gamma // Float64Array [4/3, 2/3]
 */
export function armaAutocovariance(
  phi: Float64Array,
  theta: Float64Array,
  maxLag: number,
): { gamma: Float64Array; psi: Float64Array } | null {
  const K = Math.max(maxLag, phi.length, theta.length) + 1;
  const size = phi.length + 1;
  const scratch = {
    psi: new Float64Array(K + 1),
    gamma: new Float64Array(K + 1),
    A: new Float64Array(size * size),
    b: new Float64Array(size),
  };
  return autocovarianceInto(phi, theta, K, scratch) ? { gamma: scratch.gamma, psi: scratch.psi } : null;
}

/** Buffers of {@link autocovarianceInto}: psi and gamma of length K + 1, A and b of the (p+1)-system. */
interface AutocovarianceScratch {
  psi: Float64Array;
  gamma: Float64Array;
  A: Float64Array;
  b: Float64Array;
}

/**
 * The computation of {@link armaAutocovariance} into given buffers (K = max(maxLag, p, q) + 1), so that the
 * likelihood, evaluated thousands of times per search, allocates nothing. False where that returns null.
 */
function autocovarianceInto(
  phi: Float64Array,
  theta: Float64Array,
  K: number,
  { psi, gamma, A, b }: AutocovarianceScratch,
): boolean {
  const p = phi.length;
  const q = theta.length;
  psi[0] = 1;
  for (let j = 1; j <= K; j++) {
    let s = j <= q ? theta[j - 1] : 0;
    const top = j < p ? j : p;
    for (let i = 1; i <= top; i++) s += phi[i - 1] * psi[j - i];
    psi[j] = s;
  }
  // rhs_k = Σ_{j=k}^{q} theta_j psi_{j-k}, theta_0 = 1
  const size = p + 1;
  A.fill(0);
  for (let k = 0; k <= p; k++) {
    A[k * size + k] += 1;
    for (let j = 1; j <= p; j++) A[k * size + Math.abs(k - j)] -= phi[j - 1];
    let s = k === 0 ? 1 : 0;
    for (let j = k > 1 ? k : 1; j <= q; j++) s += theta[j - 1] * psi[j - k];
    b[k] = s;
  }
  if (!solveInPlace(A, b, size)) return false;
  for (let k = 0; k <= p; k++) gamma[k] = b[k];
  for (let k = p + 1; k <= K; k++) {
    let s = 0;
    for (let j = k > 1 ? k : 1; j <= q; j++) s += theta[j - 1] * psi[j - k];
    for (let j = 1; j <= p; j++) s += phi[j - 1] * gamma[k - j];
    gamma[k] = s;
  }
  for (let k = 0; k <= K; k++) if (!Number.isFinite(gamma[k])) return false;
  return gamma[0] > 0;
}

/**
 * State dimension of Harvey's form: r = max(p, q + 1).
 *
 * @example
 * stateDimension(2, 3) // 4
 */
export function stateDimension(p: number, q: number): number {
  return Math.max(p, q + 1);
}

/**
 * Stationary covariance P0 (r x r, row-major, unit innovation variance) of the state of Harvey's form
 * a_t = T a_{t-1} + R e_t, y_t = a_t[0], with T's first column phi and ones above the diagonal, R = (1, theta).
 * It solves P = T P T' + R R' exactly, as R's `getQ0` (Gardner, Harvey & Phillips 1980) does, but in O(r^2)
 * after the autocovariances: the first row is Cov(y_t, a_t[k]) from autocovariances and psi weights, the rest
 * follows from the recursion backwards. Null when the AR part is not stationary.
 *
 * @example
 * stationaryCovariance(Float64Array.of(0.5), new Float64Array(0)) // Float64Array [4/3]
 */
export function stationaryCovariance(phi: Float64Array, theta: Float64Array): Float64Array | null {
  const ws = kalmanWorkspace(phi.length, theta.length);
  return stationaryCovarianceInto(phi, theta, ws) ? ws.P0 : null;
}

/**
 * Buffers for evaluating the likelihood of one ARMA(p, q) shape many times (an optimizer's thousands of
 * calls) without allocating; made by {@link kalmanWorkspace}, used by {@link armaKalmanSums}.
 */
export interface KalmanWorkspace {
  p: number;
  q: number;
  r: number;
  /** K = r + 1: the autocovariance and psi lags computed. */
  lags: number;
  psi: Float64Array;
  gamma: Float64Array;
  A: Float64Array;
  b: Float64Array;
  /** phi padded: ph[i] = phi_i for 1 <= i <= p, 0 elsewhere (length r + 1). */
  ph: Float64Array;
  /** theta padded with theta_0 = 1: th[i] for 0 <= i < r + 1. */
  th: Float64Array;
  P0: Float64Array;
  K: Float64Array;
  W: Float64Array;
  a: Float64Array;
}

/**
 * A workspace for ARMA models with p AR and q MA coefficients (expanded seasonal polynomials included).
 *
 * @example
 * kalmanWorkspace(2, 1).r // 2
 */
export function kalmanWorkspace(p: number, q: number): KalmanWorkspace {
  const r = stateDimension(p, q);
  const lags = Math.max(r, p, q) + 1;
  return {
    p,
    q,
    r,
    lags,
    psi: new Float64Array(lags + 1),
    gamma: new Float64Array(lags + 1),
    A: new Float64Array((p + 1) * (p + 1)),
    b: new Float64Array(p + 1),
    ph: new Float64Array(r + 1),
    th: new Float64Array(r + 1),
    P0: new Float64Array(r * r),
    K: new Float64Array(r),
    W: new Float64Array(r),
    a: new Float64Array(r),
  };
}

/** {@link stationaryCovariance} into `ws.P0`; false when the AR part is not stationary. */
function stationaryCovarianceInto(phi: Float64Array, theta: Float64Array, ws: KalmanWorkspace): boolean {
  const p = phi.length;
  const q = theta.length;
  const r = ws.r;
  if (!autocovarianceInto(phi, theta, ws.lags, ws)) return false;
  const { gamma, psi, ph, th } = ws;
  ph.fill(0);
  for (let i = 1; i <= p; i++) ph[i] = phi[i - 1];
  th.fill(0);
  th[0] = 1;
  for (let i = 1; i <= q && i <= r; i++) th[i] = theta[i - 1];
  const P = ws.P0;
  P.fill(0);
  for (let k = 0; k < r; k++) {
    let s = 0;
    for (let j = 0; k + 1 + j <= p; j++) s += ph[k + 1 + j] * gamma[j + 1];
    for (let j = 0; k + j <= q; j++) s += th[k + j] * psi[j];
    P[k] = s;
    P[k * r] = s;
  }
  const p00 = P[0];
  for (let i = r - 1; i >= 1; i--) {
    const phi1 = ph[i + 1];
    const row0i = i + 1 < r ? P[i + 1] : 0;
    const thi = th[i];
    for (let k = r - 1; k >= i; k--) {
      const next = i + 1 < r && k + 1 < r ? P[(i + 1) * r + k + 1] : 0;
      const row0k = k + 1 < r ? P[k + 1] : 0;
      const phk1 = ph[k + 1];
      const v = next + phi1 * row0k + phk1 * row0i + phi1 * phk1 * p00 + thi * th[k];
      P[i * r + k] = v;
      P[k * r + i] = v;
    }
  }
  return true;
}

/** Output of {@link armaKalman}. */
export interface KalmanResult {
  /** Σ v_t^2 / F_t (innovations standardized by their variance in units of sigma^2). */
  ssq: number;
  /** Σ log F_t. */
  sumlog: number;
  /** Number of observations in the likelihood. */
  nu: number;
  /** Predicted state a_{n+1|n} and covariance P_{n+1|n} (row-major) after the last observation, when asked. */
  state?: Float64Array;
  covariance?: Float64Array;
}

/**
 * Largest change in the predicted covariance, relative to its largest entry (at least 1), below which the
 * filter is taken to be in its steady state.
 */
const STEADY_TOLERANCE = 1e-11;

/**
 * Kalman filter for the ARMA(phi, theta) model on w from the stationary start (a = 0, P = P0): the sums that
 * make up the exact Gaussian log-likelihood, -0.5·(nu·log(2π σ²) + sumlog + ssq/σ²), with σ² concentrated out
 * as ssq / nu. When the predicted covariance stops changing (steady state) the covariance recursion is skipped.
 * `residuals`, when given, receives the standardized innovations v_t / sqrt(F_t) (R's arima residuals).
 * Returns null when P0 does not exist (non-stationary AR).
 *
 * @example
 * armaKalman(Float64Array.of(1, 0.5), Float64Array.of(0.5), new Float64Array(0))!.ssq // 0.75 + 0 = 0.75
 */
export function armaKalman(
  w: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  residuals?: Float64Array,
  keepState = false,
): KalmanResult | null {
  const p = phi.length;
  const q = theta.length;
  const r = stateDimension(p, q);
  if (!keepState) return armaKalmanSums(w, phi, theta, kalmanWorkspace(p, q), residuals);
  const P0 = stationaryCovariance(phi, theta);
  if (!P0) return null;
  let P: Float64Array = P0;
  let Pn: Float64Array = new Float64Array(r * r);
  const ph = new Float64Array(r + 1);
  for (let i = 1; i <= p; i++) ph[i] = phi[i - 1];
  const R = new Float64Array(r);
  R[0] = 1;
  for (let i = 1; i < r; i++) R[i] = i <= q ? theta[i - 1] : 0;
  const a = new Float64Array(r);
  const M = new Float64Array(r);
  let ssq = 0;
  let sumlog = 0;
  let nu = 0;
  let steady = false;
  const Pprev = new Float64Array(r * r);
  const n = w.length;
  let t = 0;
  for (; t < n && !steady; t++) {
    const v = w[t] - a[0];
    const F = P[0];
    if (!(F > 0)) return null;
    ssq += (v * v) / F;
    sumlog += Math.log(F);
    nu++;
    if (residuals) residuals[t] = v / Math.sqrt(F);
    // update a with gain P[:,0] / F, then predict a = T a
    for (let i = 0; i < r; i++) M[i] = P[i * r];
    const f = v / F;
    for (let i = 0; i < r; i++) a[i] += M[i] * f;
    const a0 = a[0];
    for (let i = 0; i < r - 1; i++) a[i] = ph[i + 1] * a0 + a[i + 1];
    a[r - 1] = ph[r] * a0;
    // P <- P - M M' / F (filtered), then Pn = T P T' + R R'
    const invF = 1 / F;
    for (let i = 0; i < r; i++) {
      const mi = M[i] * invF;
      for (let k = i; k < r; k++) {
        const val = P[i * r + k] - mi * M[k];
        P[i * r + k] = val;
        P[k * r + i] = val;
      }
    }
    let change = 0;
    const p00 = P[0];
    for (let i = 0; i < r; i++) {
      const pi1 = ph[i + 1];
      const rowI = i + 1 < r ? (i + 1) * r : -1;
      for (let k = i; k < r; k++) {
        const pk1 = ph[k + 1];
        let val = pi1 * pk1 * p00 + R[i] * R[k];
        if (k + 1 < r) val += pi1 * P[k + 1];
        if (rowI >= 0) {
          val += pk1 * P[rowI];
          if (k + 1 < r) val += P[rowI + k + 1];
        }
        Pn[i * r + k] = val;
        Pn[k * r + i] = val;
      }
    }
    if (t > 0) {
      let size = 1;
      for (let i = 0; i < r * r; i++) {
        const diff = Math.abs(Pn[i] - Pprev[i]);
        if (diff > change) change = diff;
        const a = Math.abs(Pn[i]);
        if (a > size) size = a;
      }
      if (change < STEADY_TOLERANCE * size) steady = true;
    }
    Pprev.set(Pn);
    const tmp = P;
    P = Pn;
    Pn = tmp;
  }
  if (t < n) {
    // Steady state: constant F and gain; only the state recursion remains.
    const F = P[0];
    if (!(F > 0)) return null;
    const invF = 1 / F;
    const sdF = Math.sqrt(F);
    const K = new Float64Array(r);
    for (let i = 0; i < r; i++) K[i] = P[i * r] * invF;
    const last = r - 1;
    let ssqTail = 0;
    const steps = n - t;
    for (; t < n; t++) {
      const v = w[t] - a[0];
      ssqTail += v * v;
      if (residuals) residuals[t] = v / sdF;
      for (let i = 0; i < r; i++) a[i] += K[i] * v;
      const a0 = a[0];
      for (let i = 0; i < last; i++) a[i] = ph[i + 1] * a0 + a[i + 1];
      a[last] = ph[r] * a0;
    }
    nu += steps;
    sumlog += steps * Math.log(F);
    ssq += ssqTail * invF;
  }
  const result: KalmanResult = { ssq, sumlog, nu };
  if (keepState) {
    result.state = Float64Array.from(a);
    result.covariance = Float64Array.from(P);
  }
  return result;
}

/**
 * The likelihood sums of {@link armaKalman} (without the final state) in a reusable workspace made for this
 * model's p and q by {@link kalmanWorkspace}: what an optimizer calls. Null when the AR part is not stationary.
 *
 * @example
 * armaKalmanSums(Float64Array.of(1, 0.5), Float64Array.of(0.5), new Float64Array(0), kalmanWorkspace(1, 0))!.ssq // 0.75
 */
export function armaKalmanSums(
  w: Float64Array,
  phi: Float64Array,
  theta: Float64Array,
  ws: KalmanWorkspace,
  residuals?: Float64Array,
): KalmanResult | null {
  if (phi.length !== ws.p || theta.length !== ws.q) {
    throw new ForesightError(
      'invalid_argument',
      `armaKalmanSums: workspace for p = ${ws.p}, q = ${ws.q} given p = ${phi.length}, q = ${theta.length}`,
    );
  }
  if (!stationaryCovarianceInto(phi, theta, ws)) return null;
  return chandrasekhar(w, ws, residuals);
}

/**
 * The same likelihood sums by the Chandrasekhar recursions (Morf, Sidhu & Kailath 1974; Herbst 2015): started
 * from the stationary covariance, the one-step change of the predicted covariance has rank one,
 * P_{t+1} - P_t = m_t w_t w_t', so F_t, the gain K_t = T P_t Z' and (w_t, m_t) update in O(r) per observation
 * instead of O(r^2) - which matters for seasonal models, whose state dimension is about P·m or Q·m:
 *   F_{t+1} = F_t + m c^2,  K_{t+1} = K_t + m c T w,  w <- T w - K_t c / F_t,  m <- m F_t / F_{t+1},  c = w[0].
 * Reads the stationary covariance and the padded phi from the workspace.
 */
function chandrasekhar(w: Float64Array, ws: KalmanWorkspace, residuals?: Float64Array): KalmanResult | null {
  const { r, ph, P0, K, W, a } = ws;
  let F = P0[0];
  if (!(F > 0)) return null;
  // K_1 = T P0 Z' = T (P0[:,0])
  const col0 = P0[0];
  for (let i = 0; i < r; i++) K[i] = ph[i + 1] * col0 + (i + 1 < r ? P0[(i + 1) * r] : 0);
  W.set(K);
  a.fill(0);
  let M = -1 / F;
  let ssq = 0;
  let sumlog = 0;
  const n = w.length;
  const last = r - 1;
  const phr = ph[r];
  const pureMa = ws.p === 0;
  let quiet = false;
  let t = 0;
  for (; t < n && !quiet; t++) {
    const v = w[t] - a[0];
    ssq += (v * v) / F;
    sumlog += Math.log(F);
    if (residuals) residuals[t] = v / Math.sqrt(F);
    const f = v / F;
    const a0 = a[0];
    const c = W[0];
    const mc = M * c;
    const Fnext = F + mc * c;
    if (!(Fnext > 0)) return null;
    const kc = c / F;
    // one pass over the state: a <- T a + K v / F with the old gain, u = T w, w <- u - K c / F, K <- K + m c u
    // (each index reads only its own and the next, not yet updated, entries)
    let wMax = 0;
    if (pureMa) {
      // no AR part: T only shifts, so the products with the zero phi and the additions of their zeros drop out
      // (x + 0 is x: the same values, up to the sign of an exact zero)
      for (let i = 0; i < last; i++) {
        const Ki = K[i];
        a[i] = a[i + 1] + Ki * f;
        const ui = W[i + 1];
        const wi = ui - Ki * kc;
        K[i] = Ki + mc * ui;
        W[i] = wi;
        const aw = Math.abs(wi);
        if (aw > wMax) wMax = aw;
      }
      const Kl = K[last];
      a[last] = Kl * f;
      const wl = -(Kl * kc);
      W[last] = wl;
      const al = Math.abs(wl);
      if (al > wMax) wMax = al;
    } else {
      for (let i = 0; i < r; i++) {
        const next = i < last;
        const Ki = K[i];
        const phi1 = ph[i + 1];
        a[i] = next ? phi1 * a0 + a[i + 1] + Ki * f : phi1 * a0 + Ki * f;
        const ui = next ? phi1 * c + W[i + 1] : phi1 * c;
        const wi = ui - Ki * kc;
        K[i] = Ki + mc * ui;
        W[i] = wi;
        const aw = Math.abs(wi);
        if (aw > wMax) wMax = aw;
      }
    }
    M = (M * F) / Fnext;
    // once the covariance has stopped moving, F and K are constant
    if (Math.abs(mc * c) <= 1e-15 * Fnext && Math.abs(M) * wMax ** 2 <= 1e-15 * Fnext) quiet = true;
    F = Fnext;
  }
  for (; t < n; t++) {
    const v = w[t] - a[0];
    ssq += (v * v) / F;
    sumlog += Math.log(F);
    if (residuals) residuals[t] = v / Math.sqrt(F);
    // a <- T a + K v / F
    const f = v / F;
    if (pureMa) {
      for (let i = 0; i < last; i++) a[i] = a[i + 1] + K[i] * f;
      a[last] = K[last] * f;
      continue;
    }
    const a0 = a[0];
    for (let i = 0; i < last; i++) a[i] = ph[i + 1] * a0 + a[i + 1] + K[i] * f;
    a[last] = phr * a0 + K[last] * f;
  }
  return { ssq, sumlog, nu: n };
}
